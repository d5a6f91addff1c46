package org.suanli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/**
 * The planner's GPU counts on racks whose scale-up domain spans nodes: every GPU, and the largest power-of-two number
 * of whole trays per rack, so tensor-parallel groups of 16-64 fit NVL72 racks evenly; 8-GPU servers are searched as before.
 */
class PlannerRackTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void twoNvl72RacksAreTriedWhole144AndAs2x64() {
        // 64 = 16 trays of 4, the largest power of two of whole trays in a 72-GPU rack
        assertThat(Planner.jobSizes(C.server("gb200-nvl72"), 2)).containsExactly(144, 128);
    }

    @Test
    void eightGpuServersAreTriedWholeOnly() {
        assertThat(Planner.jobSizes(C.server("dgx-h100"), 2)).containsExactly(16);
    }

    @Test
    void aPodWhoseDomainIsAPowerOfTwoIsTriedWholeOnly() {
        assertThat(Planner.jobSizes(C.server("tpu-v5e-256"), 1)).containsExactly(256);
    }
}
