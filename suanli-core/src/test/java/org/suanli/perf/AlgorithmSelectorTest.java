package org.suanli.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.CollectiveTable;

/**
 * The algorithm NCCL's tuner picks by message size and span, against hand-worked alpha-beta arithmetic: an NDR NIC
 * share of 47 GB/s (50 GB/s x the Hopper family's 0.94) with alpha 7.4 us per network step, and NVSwitch 3.
 */
class AlgorithmSelectorTest {
    private static final AlgorithmTable TABLE = CollectiveTable.builtIn();
    private static final Tier NIC = new Tier("scale-out", 47e9, 7.4e-6, false);
    private static final Tier NVLINK = new Tier("scale-up", 450e9 * 0.817, 16.38e-6, true);
    private static final Set<CollectiveAlgorithm> RING_TREE = EnumSet.of(CollectiveAlgorithm.RING, CollectiveAlgorithm.TREE);

    private static CollectiveChoice allReduce(double bytes, int perServer, int servers, Set<CollectiveAlgorithm> usable, double nvls) {
        return AlgorithmSelector.choose(CollectiveAlgorithm.Operation.ALL_REDUCE, bytes, perServer, servers, NVLINK, NIC, usable, TABLE, nvls);
    }

    @Test
    void treeWinsASmallAllReduceAcrossSixteenServers() {
        // ring 2·15/16·1 MB/47 GB/s + 30α = 39.89 + 222.0 us = 261.9 us; tree 2·1 MB/(0.92·47 GB/s) + 2·4·α = 46.25 + 59.2 us = 105.5 us
        CollectiveChoice c = allReduce(1e6, 1, 16, RING_TREE, 0);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.TREE);
        assertThat(c.timeS()).isCloseTo(2 * 1e6 / (0.92 * 47e9) + 8 * 7.4e-6, within(1e-12));
    }

    @Test
    void ringWinsALargeAllReduceAcrossSixteenServers() {
        // ring 1.875·100 MB/47 GB/s + 222 us = 4.211 ms; tree 2.1739·100 MB/47 GB/s + 59.2 us = 4.685 ms
        CollectiveChoice c = allReduce(100e6, 1, 16, RING_TREE, 0);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.RING);
        assertThat(c.timeS()).isCloseTo(2 * 15.0 / 16 * 100e6 / 47e9 + 30 * 7.4e-6, within(1e-12));
    }

    @Test
    void ringAndTreeCrossAtAboutTwentyFiveMegabytesOnSixteenServers() {
        // equal when (2/0.92 - 1.875)·S/bw = (30 - 8)·α: S = 162.8 us · 47 GB/s / 0.29891 = 25.6 MB
        double crossover = 22 * 7.4e-6 * 47e9 / (2 / 0.92 - 1.875);
        assertThat(crossover).isCloseTo(25.6e6, within(0.05e6));
        assertThat(allReduce(crossover * 0.95, 1, 16, RING_TREE, 0).algorithm()).isEqualTo(CollectiveAlgorithm.TREE);
        assertThat(allReduce(crossover * 1.05, 1, 16, RING_TREE, 0).algorithm()).isEqualTo(CollectiveAlgorithm.RING);
    }

    @Test
    void twoServersAlwaysRunTheRing() {
        // two nodes: both pay 2α, and the tree's bus factor 0.92 makes it slower at any size
        assertThat(allReduce(1e3, 1, 2, RING_TREE, 0).algorithm()).isEqualTo(CollectiveAlgorithm.RING);
    }

    @Test
    void nvlsAllReduceOnDgxH100RunsAtItsPublishedBusBandwidth() {
        // nccl-tests on 8x H100 with NVLS: 480 GB/s bus bandwidth (NVIDIA/nccl issue #1455); 1 GB: 2·7/8·1 GB/480 GB/s + 16.38 us
        double nvls = TABLE.spec(CollectiveAlgorithm.NVLS).orElseThrow().busBytesPerS().get("nvlink4");
        assertThat(nvls).isEqualTo(480e9);
        CollectiveChoice c = allReduce(1e9, 8, 1, EnumSet.of(CollectiveAlgorithm.RING, CollectiveAlgorithm.NVLS), nvls);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.NVLS);
        assertThat(c.busBytesPerS()).isEqualTo(480e9);
        assertThat(c.timeS()).isCloseTo(2 * 7.0 / 8 * 1e9 / 480e9 + 16.38e-6, within(1e-12));
    }

    @Test
    void sharpHalvesTheCrossServerTrafficOfALargeAllReduce() {
        // CollNet: S/(0.85·bw) + 2α = 100 MB/39.95 GB/s + 14.8 us = 2.518 ms, against the ring's 4.211 ms
        CollectiveChoice c = allReduce(100e6, 1, 16, EnumSet.of(CollectiveAlgorithm.RING, CollectiveAlgorithm.COLLNET), 0);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.COLLNET);
        assertThat(c.timeS()).isCloseTo(100e6 / (0.85 * 47e9) + 2 * 7.4e-6, within(1e-12));
    }

    @Test
    void patWinsASmallAllGatherWithOneRankPerServer() {
        // 64 servers, 1 MB: ring 63/64·1 MB/47 GB/s + 63α = 20.9 + 466.2 us; PAT 63/64·1 MB/(0.75·47 GB/s) + 6α = 27.9 + 44.4 us
        CollectiveChoice c = AlgorithmSelector.choose(CollectiveAlgorithm.Operation.ALL_GATHER, 1e6, 1, 64, NVLINK, NIC,
                EnumSet.of(CollectiveAlgorithm.RING, CollectiveAlgorithm.PAT), TABLE, 0);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.PAT);
        assertThat(c.timeS()).isCloseTo(63.0 / 64 * 1e6 / (0.75 * 47e9) + 6 * 7.4e-6, within(1e-12));
    }

    @Test
    void patNeedsOneRankPerServer() {
        CollectiveChoice c = AlgorithmSelector.choose(CollectiveAlgorithm.Operation.ALL_GATHER, 1e6, 8, 64, NVLINK, NIC,
                EnumSet.of(CollectiveAlgorithm.RING, CollectiveAlgorithm.PAT), TABLE, 0);
        assertThat(c.algorithm()).isEqualTo(CollectiveAlgorithm.RING);
    }

    @Test
    void nvlsNeedsNcclTwoSeventeenAndAnNvSwitchThreeLink() {
        // nemo-24.07 runs NCCL 2.22.3; NVLS is off by default and must be asked for; NVLink 3 (A100) has no NVLS
        Set<CollectiveAlgorithm> optIn = Set.of(CollectiveAlgorithm.NVLS);
        assertThat(TABLE.usable("nemo-24.07", Optional.of("nvlink4"), false, optIn)).contains(CollectiveAlgorithm.NVLS);
        assertThat(TABLE.usable("nemo-24.07", Optional.of("nvlink3"), false, optIn)).doesNotContain(CollectiveAlgorithm.NVLS);
        assertThat(TABLE.usable("nemo-24.07", Optional.of("nvlink4"), false, Set.of())).doesNotContain(CollectiveAlgorithm.NVLS);
        assertThat(TABLE.usable("megatron-2021", Optional.of("nvlink4"), false, optIn)).doesNotContain(CollectiveAlgorithm.NVLS);
    }

    @Test
    void aPresetWithoutAStatedNcclReleaseRunsRingsOnly() {
        assertThat(TABLE.usable("rocm-megatron", Optional.empty(), true, Set.of(CollectiveAlgorithm.values())))
                .containsExactly(CollectiveAlgorithm.RING);
    }

    @Test
    void patCameWithNcclTwoTwentyThree() {
        assertThat(TABLE.usable("nemo-24.07", Optional.empty(), false, Set.of())).doesNotContain(CollectiveAlgorithm.PAT)
                .contains(CollectiveAlgorithm.TREE);
    }
}
