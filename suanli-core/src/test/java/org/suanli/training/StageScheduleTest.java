package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.workload.Model;

/** Pipeline stages count the MoE layers where the model has them, interleaved or after a dense prefix. */
class StageScheduleTest {

    private static StageSchedule schedule(String model, int pp) {
        return schedule(model, pp, 1);
    }

    private static StageSchedule schedule(String model, int pp, int vpp) {
        Catalog c = Catalog.builtIn();
        Model m = c.model(model);
        Layout l = new Layout(1, pp, 1, 1, 1, vpp, 1, 8, 4096, false, 1, Recompute.NONE, Precision.BF16, c.framework("megatron-lm-2023"));
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

    @Test
    void llama3405bOnSixteenStagesOfFourChunksHasOneLayerFewerOnFirstAndLastStage() {
        StageSchedule s = schedule("llama3-405b", 16, 4);
        int[] layers = new int[16];
        for (int i = 0; i < 16; i++) {
            layers[i] = s.layers(i);
        }
        assertThat(layers).containsExactly(7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7);
    }

    @Test
    void unevenChunksHoldTwoLayersExceptTheFirstAndLastWhichHoldOne() {
        StageSchedule s = schedule("llama3-405b", 16, 4);
        assertThat(s.chunkLayers(0, 0)).isEqualTo(1);
        assertThat(s.chunkLayers(15, 3)).isEqualTo(1);
        assertThat(s.chunkLayers(15, 0)).isEqualTo(2);
        assertThat(s.chunkLayers(0, 3)).isEqualTo(2);
        assertThat(s.chunkLayers(7, 2)).isEqualTo(2);
    }

    @Test
    void unevenChunksCoverEveryLayerOnceInModelOrder() {
        StageSchedule s = schedule("llama3-405b", 16, 4);
        int next = 0;
        for (int chunk = 0; chunk < 4; chunk++) {
            for (int stage = 0; stage < 16; stage++) {
                assertThat(s.chunkFirstLayer(stage, chunk)).as("stage %d chunk %d", stage, chunk).isEqualTo(next);
                next += s.chunkLayers(stage, chunk);
            }
        }
        assertThat(next).isEqualTo(126);
    }

    @Test
    void chunksFitEvenlyOrWithFirstAndLastOneFewerOnly() {
        assertThat(StageSchedule.chunksFit(128, 64)).isTrue();
        assertThat(StageSchedule.chunksFit(126, 64)).isTrue();
        assertThat(StageSchedule.chunksFit(80, 6)).isFalse();
        assertThat(StageSchedule.chunksFit(125, 64)).isFalse();
        assertThat(StageSchedule.chunksFit(62, 64)).as("a chunk would be empty").isFalse();
    }
}
