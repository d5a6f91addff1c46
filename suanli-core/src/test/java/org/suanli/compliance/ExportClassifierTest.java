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
