package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/**
 * MoE parallel folding (Liu et al. 2025, arXiv 2504.14960; Megatron-Core parallel_state's expert rank generator): the
 * expert group takes ep of a stage's tp x cp x dp ranks, numbered expert tp fastest, so ep may exceed dp x cp.
 */
class ExpertFoldingTest {
    private static final Catalog C = Catalog.builtIn();

    /** Qwen3-235B-A22B on 256 H100 as Megatron-Bridge 26.04.01 ran it: tp 2, pp 8, vpp 4, ep 32 (dp 256 / 16 = 16). */
    private static TrainingJob qwen(Map<String, Object> extra) {
        Map<String, Object> o = new HashMap<>(Map.of("tp", 2, "pp", 8, "vpp", 4, "ep", 32, "global_batch", 8192, "seq_len", 4096,
                "precision", "fp8"));
        o.putAll(extra);
        return LayoutOptions.job(C.model("qwen3-235b-a22b"), C.server("dgx-h100"), 256, o, OptionalDouble.empty());
    }

    @Test
    void epLargerThanDpFoldsOverTensorParallelRanksWithExpertTpOne() {
        // ep 32 does not divide dp x cp = 16, so expert tp defaults to 1: ep x expert tp = 32 divides tp x cp x dp = 32
        Layout l = qwen(Map.of()).layout();
        assertThat(l.dp()).isEqualTo(16);
        assertThat(l.expertTp()).isEqualTo(1);
        assertThat(l.foldsExperts()).isTrue();
    }

    @Test
    void foldedGroupIsEpConsecutiveRanks() {
        // expert tp 1: the 32 ranks of an expert group are spaced 1 apart, so on 8-GPU servers they fill 4 servers, 8 each;
        // unfolded (ep inside dp x cp) they would be tp x cp = 2 apart
        Layout folded = qwen(Map.of()).layout();
        assertThat(CommCosts.expertStride(folded)).isEqualTo(1);
        Layout unfolded = qwen(Map.of("ep", 8)).layout();
        assertThat(unfolded.expertTp()).isEqualTo(2);
        assertThat(CommCosts.expertStride(unfolded)).isEqualTo(2);
    }

    @Test
    void foldedAllToAllRunsOverItsGroupAndStride() {
        TrainingJob job = qwen(Map.of());
        CommCosts c = new CommCosts(job.model(), job.server(), job.layout(), 4096);
        assertThat(c.expertAllToAll(1e9)).isCloseTo(c.allToAll(1e9, 32, 1), within(1e-15));
        // spaced 2 apart the same 32 ranks span 8 servers with 4 each: more of the bytes leave the server
        assertThat(c.allToAll(1e9, 32, 1)).isLessThan(c.allToAll(1e9, 32, 2));
    }

    @Test
    void expertTpSplitsEachExpertsWeights() {
        // 128 experts / ep 32 = 4 per GPU, each whole at expert tp 1: twice the expert weights of expert tp 2
        TrainingJob one = qwen(Map.of());
        TrainingJob two = qwen(Map.of("ep", 16, "expert_tp", 2));
        StageSchedule s1 = new StageSchedule(one.model(), one.layout(), new LayerOps(false), new LayerOps(false), new LayerOps(false),
                new LayerOps(false));
        MemoryCosts m1 = new MemoryCosts(one.model(), one.layout(), s1, 4096);
        StageSchedule s2 = new StageSchedule(two.model(), two.layout(), new LayerOps(false), new LayerOps(false), new LayerOps(false),
                new LayerOps(false));
        MemoryCosts m2 = new MemoryCosts(two.model(), two.layout(), s2, 4096);
        var x = one.model().moe().orElseThrow();
        double routedOne = 128.0 / 32 * one.model().expertParams();
        double routedTwo = 128.0 / 16 * one.model().expertParams() / 2;
        int layer = one.model().layers() - 1;
        assertThat(m1.layerParams(layer) - m2.layerParams(layer)).isCloseTo(routedOne - routedTwo, within(1.0));
        assertThat(x.experts()).isEqualTo(128);
    }

    @Test
    void expertGroupThatDoesNotFitTheStageIsRefused() {
        // ep 32 x expert tp 2 = 64 ranks, a stage has tp x cp x dp = 32
        assertThatThrownBy(() -> qwen(Map.of("expert_tp", 2)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("ep 32 x expert tp 2 = 64, tp x cp x dp 32");
    }
}
