package org.suanli.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import org.suanli.catalog.TreeReader;
import org.suanli.hardware.Precision;

/** The worked table of ../shared/data/export_control.md §5-§6, chip by chip. */
class ExportClassifierTest {
    private static final ExportClassifier CLASSIFIER = ExportClassifier.builtIn();
    private static final Catalog CATALOG = Catalog.builtIn();

    private static String verdict(String id, String rule) {
        return CLASSIFIER.classify(CATALOG.accelerator(id), rule).rules().get(0).verdict();
    }

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "a100-sxm-80gb | 2022-10 | controlled",
            "a100-sxm-80gb | 2023-10 | 3A090.a",
            "a100-sxm-80gb | 2026-01 | eligible for case-by-case review",
            "a800-sxm-80gb | 2022-10 | not controlled",
            "a800-sxm-80gb | 2023-10 | 3A090.a",
            "a800-sxm-80gb | 2026-01 | eligible for case-by-case review",
            "h100-sxm      | 2022-10 | controlled",
            "h100-sxm      | 2023-10 | 3A090.a",
            "h100-sxm      | 2026-01 | eligible for case-by-case review",
            "h100-pcie     | 2022-10 | controlled",
            "h100-pcie     | 2023-10 | 3A090.a",
            "h800-sxm      | 2022-10 | not controlled",
            "h800-sxm      | 2023-10 | 3A090.a",
            "h800-sxm      | 2026-01 | eligible for case-by-case review",
            "h20           | 2022-10 | not controlled",
            "h20           | 2023-10 | not 3A090",
            "h20           | 2026-01 | not applicable",
            "h200-sxm      | 2022-10 | controlled",
            "h200-sxm      | 2023-10 | 3A090.a",
            "h200-sxm      | 2026-01 | eligible for case-by-case review",
            "l40s          | 2022-10 | not controlled",
            "l40s          | 2023-10 | 3A090.a",
            "l40s          | 2026-01 | eligible for case-by-case review",
            "l20           | 2022-10 | not controlled",
            "l20           | 2023-10 | not 3A090",
            "ascend-910b   | 2022-10 | not controlled",
            "ascend-910b   | 2023-10 | 3A090.a",
            "ascend-910b   | 2026-01 | not applicable",
            "mi300x        | 2022-10 | controlled",
            "mi300x        | 2023-10 | 3A090.a",
            "mi300x        | 2026-01 | eligible for case-by-case review",
            "mi325x        | 2023-10 | 3A090.a",
            "mi325x        | 2026-01 | eligible for case-by-case review",
            "b200          | 2022-10 | controlled",
            "b200          | 2023-10 | 3A090.a",
            "b200          | 2026-01 | not eligible (presumption of denial)",
            "gaudi3        | 2023-10 | 3A090.a",
            "gaudi3        | 2026-01 | not eligible (presumption of denial)",
            "v100-sxm2-32gb| 2022-10 | not controlled",
            "v100-sxm2-32gb| 2023-10 | not 3A090",
            "a100-sxm-80gb | 2025-01 | worldwide licence (if it had applied)",
            "h20           | 2025-01 | not applicable",
            "h100-sxm      | 2024-12 | not 3A090.c",
    })
    void workedTableVerdicts(String id, String rule, String expected) {
        assertThat(verdict(id, rule)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: TPP {1}, PD {2}")
    @CsvSource({
            "a100-sxm-80gb, 4992, 6.04",
            "a800-sxm-80gb, 4992, 6.04",
            "h100-sxm, 15831, 19.45",
            "h100-pcie, 12104, 14.87",
            "h20, 2368, 2.91",
            "l40s, 5864, 9.63",
            "l20, 1913, 3.14",
            "ascend-910b, 5120, 7.69",
            "v100-sxm2-32gb, 2000, 2.45",
    })
    void tppAndPerformanceDensityMatchTheWorkedTable(String id, double tpp, double pd) {
        ChipParameters p = ChipParameters.of(CATALOG.accelerator(id));
        assertThat(p.tpp().getAsDouble()).isCloseTo(tpp, within(1.0));
        assertThat(p.performanceDensity().getAsDouble()).isCloseTo(pd, within(0.006));
    }

    @ParameterizedTest(name = "{0}: TPP {1}")
    @CsvSource({"mi300x, 20919", "b200, 36000", "gaudi3, 29360"})
    void tppWithoutPublishedDieArea(String id, double tpp) {
        ChipParameters p = ChipParameters.of(CATALOG.accelerator(id));
        assertThat(p.tpp().getAsDouble()).isCloseTo(tpp, within(1.0));
        assertThat(p.performanceDensity()).isEmpty();
    }

    @Test
    void b300TppIsItsDenseFp4RateTimesFourBits() {
        // fp4 13,125 x 4 = 52,500 beats fp8 4,500 x 8 = bf16 2,250 x 16 = tf32 1,125 x 32 = 36,000 and fp6 4,500 x 6 = 27,000
        ChipParameters p = ChipParameters.of(CATALOG.accelerator("b300"));
        assertThat(p.tpp().getAsDouble()).isCloseTo(52_500, within(1e-6));
        assertThat(p.tppPrecision()).contains(Precision.FP4);
        assertThat(p.performanceDensity()).isEmpty();
    }

    @Test
    void b300IoIsNvlink5PlusPcie6BothWays() {
        // NVLink 5 1,800 GB/s bidirectional + PCIe 6.0 x16 2 x 121 = 2,042 GB/s
        assertThat(ChipParameters.of(CATALOG.accelerator("b300")).ioGbPerS().getAsDouble()).isCloseTo(2042, within(1e-6));
    }

    @ParameterizedTest(name = "b300 under {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "2022-10 | controlled",
            "2023-10 | 3A090.a",
            "2024-12 | not 3A090.c",
            "2025-01 | worldwide licence (if it had applied)",
            "2026-01 | not eligible (presumption of denial)",
    })
    void b300UnderEveryRule(String rule, String expected) {
        assertThat(verdict("b300", rule)).isEqualTo(expected);
    }

    @Test
    void mi355xTppIsItsFp6RateTimesSixBits() {
        // fp6 10,100 x 6 = 60,600 beats fp4 10,100 x 4 = 40,400 and fp8 5,000 x 8 = bf16 2,500 x 16 = 40,000
        ChipParameters p = ChipParameters.of(CATALOG.accelerator("mi355x"));
        assertThat(p.tpp().getAsDouble()).isCloseTo(60_600, within(1e-6));
        assertThat(p.tppPrecision()).contains(Precision.FP6);
        assertThat(p.performanceDensity()).isEmpty();
    }

    @Test
    void mi355xIoIsSevenInfinityFabricLinksPlusPcie5BothWays() {
        // 7 x 153.6 = 1,075.2 GB/s + PCIe 5.0 x16 2 x 63 = 1,201.2 GB/s
        assertThat(ChipParameters.of(CATALOG.accelerator("mi355x")).ioGbPerS().getAsDouble()).isCloseTo(1201.2, within(1e-6));
    }

    @ParameterizedTest(name = "mi355x under {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "2022-10 | controlled",
            "2023-10 | 3A090.a",
            "2024-12 | not 3A090.c",
            "2025-01 | worldwide licence (if it had applied)",
            "2026-01 | not eligible (presumption of denial)",
    })
    void mi355xUnderEveryRule(String rule, String expected) {
        assertThat(verdict("mi355x", rule)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: TPP {1}")
    @CsvSource({"tpu-v6e, 14688", "tpu-v7, 36912", "trainium2, 21344"})
    void frontierAsicTppFromTheirPublishedRates(String id, double tpp) {
        // v6e 918 x 16 = 1,836 x 8; TPU7x 4,614 x 8 = 2,307 x 16; Trainium2 tf32 667 x 32 (TF32 counted as 32 bits)
        assertThat(ChipParameters.of(CATALOG.accelerator(id)).tpp().getAsDouble()).isCloseTo(tpp, within(1e-6));
    }

    @Test
    void tpuV6eIsEligibleForCaseByCaseReviewUnder2026Rule() {
        // TPP 14,688 < 21,000 and HBM 1,638 GB/s < 6,500
        assertThat(verdict("tpu-v6e", "2026-01")).isEqualTo("eligible for case-by-case review");
    }

    @Test
    void h20ReasonShowsEachFailedClause() {
        RuleVerdict v = CLASSIFIER.classify(CATALOG.accelerator("h20"), "2023-10").rules().get(0);
        assertThat(v.reason()).contains("3A090.a.2 fails (PD 2.91 < 5.92)")
                .contains("3A090.b.1 fails (TPP 2,368 < 2,400)")
                .contains("3A090.b.2 fails (PD 2.91 < 3.2)");
    }

    @Test
    void a100ReasonShowsBothConjuncts() {
        RuleVerdict v = CLASSIFIER.classify(CATALOG.accelerator("a100-sxm-80gb"), "2022-10").rules().get(0);
        assertThat(v.clause()).isEqualTo("3A090.a (2022)");
        assertThat(v.reason()).contains("TPP 4,992 >= 4,800").contains(">= 600");
    }

    private static Catalog withChip(String extra) {
        return CatalogLoader.loadWith(List.of(TreeReader.read("test.yaml", """
                accelerators:
                  - id: mystery
                    name: Mystery chip
                    vendor: Example
                    country: US
                    type: ASIC
                    peak: {fp16: "200 TFLOPS"}
                    memory: {type: HBM3}
                """ + extra, false)));
    }

    @Test
    void unknownDieAreaIsIndeterminateNotUncontrolled() {
        // TPP 3,200 lies between 1,600 and 4,800: only performance density decides 3A090.a.2/.b
        Catalog c = withChip("");
        RuleVerdict v = CLASSIFIER.classify(c.accelerator("mystery"), "2023-10").rules().get(0);
        assertThat(v.verdict()).isEqualTo("indeterminate: needs die_area_mm2");
    }

    @Test
    void unknownIoIsIndeterminateUnderThe2022Rule() {
        // TPP 6,400 passes the compute test; with no scale-up or host figure the I/O test cannot be decided
        Catalog c = CatalogLoader.loadWith(List.of(TreeReader.read("t.yaml",
                "accelerators:\n  - {id: big, name: Big, vendor: X, country: US, type: ASIC, peak: {fp16: \"400 TFLOPS\"}, memory: {}}\n",
                false)));
        RuleVerdict v = CLASSIFIER.classify(c.accelerator("big"), "2022-10").rules().get(0);
        assertThat(v.verdict()).isEqualTo("indeterminate: needs scale_up and host_interface bandwidth");
    }

    @Test
    void consumerPartBelow4800IsExemptUnderNote2() {
        Catalog c = withChip("    data_center: false\n    die_area_mm2: 300\n");
        RuleVerdict v = CLASSIFIER.classify(c.accelerator("mystery"), "2023-10").rules().get(0);
        // without Note 2 it would be 3A090.a.2: TPP 3,200 >= 1,600 and PD 3,200/300 = 10.7 >= 5.92
        assertThat(v.clause()).isEqualTo("Note 2");
        assertThat(v.verdict()).isEqualTo("not 3A090");
    }
}
