package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Server;
import org.suanli.perf.Efficiency;

/**
 * Collectives on scale-up domains that span servers: a group inside an NVL72 rack runs at NVLink speed whatever its
 * size, a group on a TPU torus uses the links of the axes it spans, and a layout whose groups would straddle domains
 * is refused. The arithmetic is worked by hand in each test.
 */
class ScaleUpDomainCommTest {
    private static final Catalog C = Catalog.builtIn();
    private static final double GB = 1e9;

    private static CommCosts costs(String server, int gpus, Map<String, Object> options) {
        Server s = C.server(server);
        TrainingJob job = LayoutOptions.job(C.model("llama3-70b"), s, gpus, options, OptionalDouble.empty());
        return new CommCosts(job.model(), s, job.layout(), 8192);
    }

    private static Efficiency eff(String server) {
        return C.server(server).accelerator().orElseThrow().efficiency();
    }

    @Test
    void allReduceOverTp16InOneNvl72RackIsOneNvlinkRing() {
        // 16 GPUs of one rack: ring all-reduce on NVLink 5, 900 GB/s per direction: 2 x 15/16 x 1 GB / (900 GB/s x e) + one latency
        Efficiency e = eff("gb200-nvl72");
        double expected = 2.0 * 15 / 16 * GB / (900e9 * e.scaleUpCollective()) + e.scaleUpLatencyS();
        assertThat(costs("gb200-nvl72", 16, Map.of("tp", 16)).allReduce(GB, 16, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void allReduceOverTp16OnTwoDgxB200GoesOverInfiniBandBetweenTheServers() {
        // hierarchical: reduce-scatter and all-gather of 1 GB over 8 GPUs on NVLink 5, then an all-reduce of 1/8 GB between the
        // two servers over each GPU's 400 Gb/s (50 GB/s) NIC: 2 x (7/8 x 1 GB / (900 GB/s e_up) + lat_up)
        //                                                     + 2 x 1/2 x 0.125 GB / (50 GB/s e_out) + 2 x 1 x lat_out
        Efficiency e = eff("dgx-b200");
        double inside = 7.0 / 8 * GB / (900e9 * e.scaleUpCollective()) + e.scaleUpLatencyS();
        double between = 2 * 0.5 * (GB / 8) / (50e9 * e.scaleOutCollective()) + 2 * e.scaleOutLatencyS();
        double dgx = costs("dgx-b200", 16, Map.of("tp", 16)).allReduce(GB, 16, 1);
        assertThat(dgx).isCloseTo(2 * inside + between, within(1e-9));
        assertThat(dgx).isGreaterThan(2 * costs("gb200-nvl72", 16, Map.of("tp", 16)).allReduce(GB, 16, 1));
    }

    @Test
    void tp64StaysOnNvlinkWhen256GpusUseSixtyFourPerRack() {
        // 256 GPUs on NVL72 racks: 64 per rack (the largest multiple of a 4-GPU tray that divides 256), so tp 64 is one NVLink ring
        Efficiency e = eff("gb200-nvl72");
        double expected = 2.0 * 63 / 64 * GB / (900e9 * e.scaleUpCollective()) + e.scaleUpLatencyS();
        assertThat(costs("gb200-nvl72", 256, Map.of("tp", 64)).allReduce(GB, 64, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void allGatherOverAWholeV5ePodUsesBothTorusAxesWithWraparound() {
        // 16 x 16 torus, both axes wrap at 16: each axis carries 400 GB/s / 2 axes = 200 GB/s per chip both ways, a bidirectional
        // ring half of it, 100 GB/s; two axes 200 GB/s (Google: all-reduce bandwidth per pod 51.2 TB/s = 256 x 200 GB/s).
        // (255/256) x 1 GB / (200 GB/s x e) + (8 + 8) hops x 1 us
        Efficiency e = eff("tpu-v5e-256");
        double expected = 255.0 / 256 * GB / (200e9 * e.scaleUpCollective()) + 16 * 1e-6;
        assertThat(costs("tpu-v5e-256", 256, Map.of("tp", 1)).allGather(GB, 256, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void allGatherAlongOneWrappedV5eAxisUsesThatAxisAlone() {
        // 16 chips at stride 1 cover the first axis (16, wraparound): 100 GB/s; 15/16 x 1 GB / (100 GB/s x e) + 8 hops x 1 us
        Efficiency e = eff("tpu-v5e-256");
        double expected = 15.0 / 16 * GB / (100e9 * e.scaleUpCollective()) + 8e-6;
        assertThat(costs("tpu-v5e-256", 256, Map.of("tp", 16)).allGather(GB, 16, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aGroupOnAnAxisWithoutWraparoundIsALineAtOneDirectionsRate() {
        // a 32-chip v5e job is a 4 x 8 slice without wraparound (v5e wraps only at 16): tp 4 spans the first axis as a line,
        // one port one way = 200 GB/s / 4 = 50 GB/s: 3/4 x 1 GB / (50 GB/s x e) + 3 hops x 1 us
        Efficiency e = eff("tpu-v5e-256");
        double expected = 3.0 / 4 * GB / (50e9 * e.scaleUpCollective()) + 3e-6;
        assertThat(costs("tpu-v5e-256", 32, Map.of("tp", 4)).allGather(GB, 4, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void allGatherOverA256ChipIronwoodSliceUsesItsThreeWrappedAxes() {
        // 256 chips of tpu-v7-pod: the most cube-like slice 4 x 8 x 8, every axis a whole number of 4-chip cube edges so
        // wrapped; 1200 GB/s per chip over 3 axes = 400 GB/s per axis both ways, a bidirectional ring half of it, 200 GB/s;
        // three axes 600 GB/s. (255/256) x 1 GB / (600 GB/s x e) + (2 + 4 + 4) hops x 1 us
        Efficiency e = eff("tpu-v7-pod");
        double expected = 255.0 / 256 * GB / (600e9 * e.scaleUpCollective()) + 10 * 1e-6;
        assertThat(costs("tpu-v7-pod", 256, Map.of("tp", 1)).allGather(GB, 256, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void tp4OnOneIronwoodCubeIsAWrappedRingOnItsFirstAxis() {
        // 64 chips = one 4 x 4 x 4 cube; tp 4 at stride 1 covers the first axis (4, wrapped): 400 GB/s / 2 = 200 GB/s;
        // 3/4 x 1 GB / (200 GB/s x e) + 2 hops x 1 us
        Efficiency e = eff("tpu-v7-pod");
        double expected = 3.0 / 4 * GB / (200e9 * e.scaleUpCollective()) + 2e-6;
        assertThat(costs("tpu-v7-pod", 64, Map.of("tp", 4)).allGather(GB, 4, 1)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void tp16GroupsThatWouldStraddleNvl72RacksAreRefusedInOneLine() {
        // 144 GPUs = 2 racks of 72; 72 is not a multiple of 16, so some tp groups would span two racks
        assertThatThrownBy(() -> costs("gb200-nvl72", 144, Map.of("tp", 16)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tp 16, cp 1, ep 1 with 72 of the job's accelerators per gb200-nvl72 domain")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aJobOfPartTraysIsRefused() {
        assertThatThrownBy(() -> costs("gb200-nvl72", 6, Map.of("tp", 2)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("6 accelerators is not a multiple of 4 per node of gb200-nvl72");
    }

    @Test
    void eightGpuServersPlaceRanksAsBefore() {
        // a plain server is its own domain: the same numbers as the per-server placement (tp 8 on one DGX H100, NVLink 4)
        Efficiency e = eff("dgx-h100");
        double expected = 2.0 * 7 / 8 * GB / (450e9 * e.scaleUpCollective()) + e.scaleUpLatencyS();
        assertThat(costs("dgx-h100", 16, Map.of("tp", 8)).allReduce(GB, 8, 1)).isCloseTo(expected, within(1e-9));
    }
}
