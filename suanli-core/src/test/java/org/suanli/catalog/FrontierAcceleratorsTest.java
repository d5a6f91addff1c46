package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;

/**
 * The 2025-26 accelerators of issue 12 carry the figures their sources publish (each test names its source), and leave
 * out what no source states.
 */
class FrontierAcceleratorsTest {
    private static final Catalog C = Catalog.builtIn();
    private static final double T = 1e12;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static double peak(Accelerator a, Precision p) {
        return a.peak(p).orElseThrow() / T;
    }

    @Test
    void b300MatchesNvidiasHgxB300DenseTable() {
        // glennklockwood.com/garden/processors/B300 and the DGX B300 datasheet row of stas00/ml-engineering
        Accelerator a = C.accelerator("b300");
        assertThat(peak(a, Precision.BF16)).isEqualTo(2250);
        assertThat(peak(a, Precision.FP8)).isEqualTo(4500);
        assertThat(peak(a, Precision.FP4)).isEqualTo(13125);
        assertThat(peak(a, Precision.FP64)).isEqualTo(1.25);
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(288);
        assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(8e12);
        assertThat(a.scaleUp().orElseThrow().id()).isEqualTo("nvlink5");
        assertThat(a.efficiency().id()).isEqualTo("nvidia-blackwell");
    }

    @Test
    void b300LeavesOutTheInt8RateItsSourcesContradict() {
        // glennklockwood lists 4500 TOPS; NVIDIA's HGX B300 table gives 2 POPS sparse per 8 GPUs
        assertThat(C.accelerator("b300").peak(Precision.INT8)).isEmpty();
        assertThat(C.accelerator("b300").dieAreaMm2()).isEmpty();
    }

    @Test
    void gb300CarriesNvidiasNvl72RatingsAboveTheHgxB300Part() {
        // stas00/ml-engineering @744d01e row 'NVIDIA GB300 SXM' (note 24: GB300 NVL72 specifications); verda.com rack totals
        // FP8 360 and BF16 180 PFLOPS dense over 72 GPUs: 5000 and 2500 each, as GB200 against HGX B200
        Accelerator a = C.accelerator("gb300");
        assertThat(peak(a, Precision.BF16)).isEqualTo(2500);
        assertThat(peak(a, Precision.FP8)).isEqualTo(5000);
        assertThat(peak(a, Precision.FP4)).isEqualTo(15000);
        assertThat(peak(a, Precision.FP8)).isGreaterThan(peak(C.accelerator("b300"), Precision.FP8));
        assertThat(peak(a, Precision.FP8)).isEqualTo(peak(C.accelerator("gb200"), Precision.FP8));
        assertThat(a.peak(Precision.INT8)).isEmpty();
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(288);
        assertThat(a.tdpW().getAsDouble()).isEqualTo(1400);
        assertThat(a.efficiency().id()).isEqualTo("nvidia-blackwell");
        assertThat(C.server("gb300-nvl72").accelerator().orElseThrow().id()).isEqualTo("gb300");
    }

    @Test
    void mi355xMatchesAmdsDenseFigures() {
        // AMD MI355X specifications via stas00/ml-engineering note 22; ROCm GPU specifications (288 GiB, 256 CUs, 256 MiB)
        Accelerator a = C.accelerator("mi355x");
        assertThat(peak(a, Precision.BF16)).isEqualTo(2500);
        assertThat(peak(a, Precision.FP8)).isEqualTo(5000);
        assertThat(peak(a, Precision.FP4)).isEqualTo(10100);
        assertThat(peak(a, Precision.FP32)).isEqualTo(157.3);
        assertThat(a.peak(Precision.TF32)).isEmpty();
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(288);
        assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(8e12);
        assertThat(a.computeUnits().getAsInt()).isEqualTo(256);
        assertThat(a.tdpW().getAsDouble()).isEqualTo(1400);
        assertThat(a.efficiency().id()).isEqualTo("amd-cdna4");
    }

    @Test
    void mi355xScaleUpIsSevenInfinityFabricLinksOf153Point6() {
        assertThat(C.accelerator("mi355x").scaleUp().orElseThrow().bidirectionalBytesPerS()).isCloseTo(7 * 153.6e9, within(1.0));
    }

    @Test
    void tpuV6eMatchesGooglesV6eTable() {
        // docs.cloud.google.com/tpu/docs/v6e
        Accelerator a = C.accelerator("tpu-v6e");
        assertThat(peak(a, Precision.BF16)).isEqualTo(918);
        assertThat(peak(a, Precision.INT8)).isEqualTo(1836);
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(32);
        assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(1638e9);
        assertThat(a.scaleUp().orElseThrow().bidirectionalBytesPerS()).isEqualTo(800e9);
        assertThat(a.tdpW()).isEmpty();
        assertThat(a.efficiency().id()).isEqualTo("google-tpu-v6e");
    }

    @Test
    void tpuV7MatchesGooglesTpu7xTable() {
        // docs.cloud.google.com/tpu/docs/tpu7x, per chip
        Accelerator a = C.accelerator("tpu-v7");
        assertThat(peak(a, Precision.BF16)).isEqualTo(2307);
        assertThat(peak(a, Precision.FP8)).isEqualTo(4614);
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(192);
        assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(7380e9);
        assertThat(a.scaleUp().orElseThrow().bidirectionalBytesPerS()).isEqualTo(1200e9);
        assertThat(a.efficiency().id()).isEqualTo("google-tpu-v7");
    }

    @Test
    void trainium2MatchesAwsNeuronArchitecturePage() {
        // aws-neuron-sdk about-neuron/arch/neuron-hardware/trainium2.rst
        Accelerator a = C.accelerator("trainium2");
        assertThat(peak(a, Precision.FP8)).isEqualTo(1299);
        assertThat(peak(a, Precision.BF16)).isEqualTo(667);
        assertThat(peak(a, Precision.FP32)).isEqualTo(181);
        assertThat(a.memory().capacityBytes().getAsDouble() / GIB).isEqualTo(96);
        assertThat(a.memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(2.9e12);
        assertThat(a.scaleUp().orElseThrow().bidirectionalBytesPerS()).isEqualTo(1280e9);
        assertThat(a.efficiency().id()).isEqualTo("aws-trainium");
    }

    @Test
    void sparseRatesAreNeverRecordedAsDense() {
        // each source prints a with-sparsity figure at twice the dense one: B300 fp4 18000, MI355X fp8 10100, Trn2 2563
        assertThat(peak(C.accelerator("b300"), Precision.FP4)).isLessThan(18000);
        assertThat(peak(C.accelerator("mi355x"), Precision.FP8)).isLessThan(10100);
        assertThat(peak(C.accelerator("trainium2"), Precision.BF16)).isLessThan(2563);
    }

    @Test
    void everyFrontierPartCanBeSimulated() {
        for (String id : new String[] {"b300", "gb300", "mi355x", "tpu-v6e", "tpu-v7", "trainium2", "ascend-910c"}) {
            assertThat(C.accelerator(id).unpublishedForPerformance()).as(id).isEmpty();
        }
    }
}
