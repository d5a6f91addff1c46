package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.workload.Model;

/** Pipeline stages count the MoE layers where the model has them, interleaved or after a dense prefix. */
class StageScheduleTest {

    private static StageSchedule schedule(String model, int pp) {
        Catalog c = Catalog.builtIn();
        Model m = c.model(model);
        Layout l = new Layout(1, pp, 1, 1, 1, 1, 1, 8, 4096, false, 1, Recompute.NONE, Precision.BF16, c.framework("megatron-lm-2023"));
        return new StageSchedule(m, l, new LayerOps(false), new LayerOps(false), new LayerOps(false), new LayerOps(false));
    }

    @Test
    void interleavedMoeLayersSplitEvenlyOverStages() {
        StageSchedule s = schedule("llama4-maverick", 4);
        for (int i = 0; i < 4; i++) {
            assertThat(s.layers(i)).isEqualTo(12);
            assertThat(s.moeLayers(i)).as("stage " + i).isEqualTo(6);
        }
    }

    @Test
    void denseLeadingLayersAreNotCountedAsMoe() {
        StageSchedule s = schedule("deepseek-v3", 1);
        assertThat(s.moeLayers(0)).isEqualTo(58);
    }
}
