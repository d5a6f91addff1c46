package org.suanli.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Alpha-beta collective costs against hand-worked numbers (Thakur et al. 2005). */
class CollectivesTest {
    private static final Tier NVLINK = new Tier("nvlink", 225e9, 4e-6, false);
    private static final Tier IB = new Tier("ib", 22.5e9, 8e-6, false);

    @Test
    void ringAllReduceOfEightRanks() {
        // 2 x 7/8 x 1 GB / 225 GB/s + 2 x 7 x 4 us = 7.7778 ms + 56 us
        assertThat(Collectives.allReduce(1e9, 8, NVLINK)).isCloseTo(2 * 7.0 / 8 * 1e9 / 225e9 + 14 * 4e-6, within(1e-12));
    }

    @Test
    void allGatherIsHalfAnAllReduce() {
        double ag = Collectives.allGather(1e9, 8, NVLINK);
        assertThat(2 * ag).isCloseTo(Collectives.allReduce(1e9, 8, NVLINK), within(1e-12));
    }

    @Test
    void oneRankCostsNothing() {
        assertThat(Collectives.allReduce(1e9, 1, NVLINK)).isZero();
        assertThat(Collectives.allGather(1e9, 1, NVLINK)).isZero();
    }

    @Test
    void hierarchicalAllReduceSendsOnlyAShardAcrossServers() {
        // 8 ranks per server x 4 servers, 800 MB: RS + AG inside (2 x 7/8 x 0.8 GB / 225 GB/s),
        // all-reduce of 100 MB across 4 servers (2 x 3/4 x 0.1 GB / 22.5 GB/s), plus latencies
        double expected = 2 * (7.0 / 8 * 0.8e9 / 225e9 + 7 * 4e-6) + (2 * 3.0 / 4 * 0.1e9 / 22.5e9 + 2 * 3 * 8e-6);
        assertThat(Collectives.hierarchicalAllReduce(0.8e9, 8, 4, NVLINK, IB)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void hierarchicalWithinOneServerIsTheRing() {
        assertThat(Collectives.hierarchicalAllReduce(1e9, 8, 1, NVLINK, IB)).isEqualTo(Collectives.allReduce(1e9, 8, NVLINK));
    }

    @Test
    void sendRecvIsLatencyPlusSizeOverBandwidth() {
        assertThat(Collectives.sendRecv(22.5e6, IB)).isCloseTo(8e-6 + 1e-3, within(1e-15));
    }
}
