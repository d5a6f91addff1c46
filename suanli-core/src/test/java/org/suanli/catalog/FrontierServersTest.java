package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.suanli.hardware.Precision;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.hardware.Server;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.LayoutOptions;
import org.suanli.training.TrainingResult;

/**
 * The 2025-26 single-box servers of issue 12 (8 accelerators, no rack-scale domain) carry the figures their sources
 * publish (each test names its source), leave out what no source states, and can be simulated.
 */
class FrontierServersTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void dgxB300IsEightB300OnNvlink5SwitchWithOne800GbPortPerGpu() {
        // aiwiki.ai/wiki/nvidia_dgx_b300; NVIDIA HGX B300 table (8x ConnectX-8, up to 800 Gb/s per GPU, NVLink 5 1.8 TB/s)
        Server s = C.server("dgx-b300");
        assertThat(s.accelerator().orElseThrow().id()).isEqualTo("b300");
        assertThat(s.acceleratorCount()).isEqualTo(8);
        assertThat(s.scaleUpTopology()).isEqualTo(ScaleUpTopology.SWITCH);
        assertThat(s.scaleUpLink().orElseThrow().bidirectionalBytesPerS()).isEqualTo(1800e9);
        assertThat(s.nics().orElseThrow().count()).isEqualTo(8);
        assertThat(s.nics().orElseThrow().fabric().portBitsPerS()).isEqualTo(800e9);
        assertThat(s.launchYear().getAsInt()).isEqualTo(2025);
    }

    @Test
    void dgxB300LeavesOutFiguresNotReadInAnNvidiaDocument() {
        Server s = C.server("dgx-b300");
        assertThat(s.hostMemoryBytes()).isEmpty();
        assertThat(s.powerW()).isEmpty();
        assertThat(s.priceUsd()).isEmpty();
    }

    @Test
    void mi355xPlatformIsAFullMeshOfEightOamsOnSevenInfinityFabricLinks() {
        // humeconsulting.co (~153.6 GB/s per link, 7 links assumed as MI300X); MLPerf v6.0 AMD system description
        Server s = C.server("mi355x-8");
        assertThat(s.accelerator().orElseThrow().id()).isEqualTo("mi355x");
        assertThat(s.acceleratorCount()).isEqualTo(8);
        assertThat(s.scaleUpTopology()).isEqualTo(ScaleUpTopology.MESH);
        assertThat(s.scaleUpLink().orElseThrow().bidirectionalBytesPerS()).isCloseTo(7 * 153.6e9, within(1.0));
        assertThat(s.hostLink().orElseThrow().id()).isEqualTo("pcie5-x16");
    }

    @Test
    void gaudi3BoxScaleUpIsTheTwentyOneInBoxPortsOf200Gb() {
        // docs.habana.ai 'Intel Gaudi Network Configuration': 21 x 200 Gb/s = 525 GB/s each way, 1050 GB/s both ways
        Server s = C.server("gaudi3-8");
        assertThat(s.accelerator().orElseThrow().id()).isEqualTo("gaudi3");
        assertThat(s.acceleratorCount()).isEqualTo(8);
        assertThat(s.scaleUpTopology()).isEqualTo(ScaleUpTopology.MESH);
        assertThat(s.scaleUpLink().orElseThrow().perDirectionBytesPerS()).isEqualTo(525e9);
        assertThat(s.scaleUpLink().orElseThrow().bidirectionalBytesPerS()).isEqualTo(1050e9);
    }

    @Test
    void gaudi3BoxScaleOutIsThreePortsPerAcceleratorOf200Gb() {
        // docs.habana.ai: scale-out of an HLS-3 box is 3 x 8 x 200 Gb/s = 600 GB/s per direction
        Server s = C.server("gaudi3-8");
        assertThat(s.nics().orElseThrow().count()).isEqualTo(24);
        assertThat(s.nics().orElseThrow().totalBytesPerS()).isEqualTo(600e9);
    }

    @Test
    void atlas800tA3IsEightDualDie910cWithFourKunpengAndA400GbRdmaPortPerNpu() {
        // hiascend.com MindCluster affinity page (8 HiAM modules of 2 dies); CloudMatrix384 paper (8 NPUs, 4 Kunpeng,
        // on-board UB switches, 400 Gb/s RDMA per NPU)
        Server s = C.server("atlas-800t-a3");
        assertThat(s.accelerator().orElseThrow().id()).isEqualTo("ascend-910c");
        assertThat(s.acceleratorCount()).isEqualTo(8);
        assertThat(s.cpuCount()).isEqualTo(4);
        assertThat(s.scaleUpTopology()).isEqualTo(ScaleUpTopology.SWITCH);
        assertThat(s.scaleUpLink().orElseThrow().id()).isEqualTo("ub-910c");
        assertThat(s.nics().orElseThrow().count()).isEqualTo(8);
        assertThat(s.nics().orElseThrow().fabric().portBitsPerS()).isEqualTo(400e9);
    }

    @Test
    void atlas800tA3LeavesOutItsUnpublishedHostLinkPowerAndPrice() {
        Server s = C.server("atlas-800t-a3");
        assertThat(s.hostLink()).isEmpty();
        assertThat(s.powerW()).isEmpty();
        assertThat(s.priceUsd()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dgx-b300", "mi355x-8", "gaudi3-8", "atlas-800t-a3"})
    void everyFrontierServerIsSimulatable(String id) {
        assertThat(C.server(id).notSimulatable()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dgx-b300", "mi355x-8", "gaudi3-8", "atlas-800t-a3"})
    void llama3_70bTrainsAcrossEightServersWithTp8Pp2(String id) {
        TrainingResult r = AnalyticTrainingModel.evaluate(LayoutOptions.job(C.model("llama3-70b"), C.server(id), 64,
                Map.of("tp", 8, "pp", 2, "recompute", "selective", "sequence_parallel", true), OptionalDouble.empty()));
        assertThat(r.fits()).isTrue();
        assertThat(r.stepTimeS()).isPositive();
        assertThat(r.mfu()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dgx-b300", "mi355x-8", "gaudi3-8", "atlas-800t-a3"})
    void llama3_8bDecodeStepOnOneAcceleratorTakesPositiveTime(String id) {
        InferenceModel m = new InferenceModel(new Replica(C.model("llama3-8b"), C.server(id), 1, 1, Precision.BF16, Precision.BF16));
        assertThat(m.step(1, 1, 1024)).isPositive();
    }
}
