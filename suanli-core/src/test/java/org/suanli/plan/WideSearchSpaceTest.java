package org.suanli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Precision;
import org.suanli.software.Framework;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.Layout;
import org.suanli.training.Offload;
import org.suanli.training.PipelineSchedule;
import org.suanli.training.Recompute;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;

/**
 * Issue 12 part 7: the wide space is a superset of the standard one and covers Calculon's dimensions for the Megatron-1T
 * job but weight offload,
 * and what it prunes without evaluating (offloads of layouts that fit, gradient reduction not overlapped) is never
 * faster than the twin it keeps.
 */
class WideSearchSpaceTest {
    private static final Catalog C = Catalog.builtIn();
    private static final Framework MEGATRON = C.framework("megatron-2021");

    private static PlanRequest megatron1t(SearchSpace space) {
        return new PlanRequest(C.model("megatron-gpt-1t"), List.of(C.server("dgx-a100")), OptionalDouble.of(450e9), OptionalInt.of(384),
                OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 5, space, CostAssumptions.defaults(), 384);
    }

    @Test
    void microBatchesAreEveryDivisorOfTheLocalBatch() {
        SearchSpace wide = SearchSpace.wide(2048, 3072, List.of(Precision.FP16), s -> MEGATRON);
        // 3,072 sequences over dp 12: a local batch of 256 = 2^8, so its nine divisors (Calculon's get_valid_microbatch_sizes)
        assertThat(Planner.microBatches(wide, 12)).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256);
        // the standard space keeps its list
        assertThat(Planner.microBatches(SearchSpace.full(2048, 3072, List.of(Precision.FP16), MEGATRON), 12))
                .containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void theWideSpaceCountsMoreCandidatesThanTheStandardOne() {
        long standard = Planner.candidateBound(megatron1t(SearchSpace.full(2048, 3072, List.of(Precision.FP16), MEGATRON)));
        long wide = Planner.candidateBound(megatron1t(SearchSpace.wide(2048, 3072, List.of(Precision.FP16), s -> MEGATRON)));
        assertThat(wide).isGreaterThan(10 * standard);
    }

    @Test
    void theWideSearchFindsAPlanAtLeastAsFastAsTheStandardSearch() {
        var standard = Planner.plan(megatron1t(SearchSpace.full(2048, 3072, List.of(Precision.FP16), MEGATRON)), n -> { },
                new AtomicBoolean());
        var wide = Planner.plan(megatron1t(SearchSpace.wide(2048, 3072, List.of(Precision.FP16), s -> MEGATRON)), n -> { },
                new AtomicBoolean());
        assertThat(wide.top().get(0).result().stepTimeS()).isLessThanOrEqualTo(standard.top().get(0).result().stepTimeS());
        assertThat(wide.evaluated()).isGreaterThan(standard.evaluated());
        assertThat(wide.rejections()).containsKey(Planner.DOMINATED);
    }

    private static TrainingResult run(int tp, int pp, int dp, int mb, Framework fw, Offload offload, PipelineSchedule schedule) {
        Layout l = new Layout(tp, pp, dp, 1, 1, 1, mb, 3072, 2048, false, 1, Recompute.SELECTIVE, Precision.FP16, fw, offload,
                schedule, 1.0);
        return AnalyticTrainingModel.evaluate(new TrainingJob(C.model("megatron-gpt-1t"), C.server("dgx-a100"), l, OptionalDouble.empty()));
    }

    @Test
    void anOffloadIsNeverFasterThanTheSameLayoutWithoutIt() {
        for (Offload o : List.of(Offload.OPTIMIZER, Offload.ACTIVATIONS, Offload.BOTH)) {
            for (int[] t : new int[][] {{8, 64, 6, 1}, {8, 32, 12, 2}, {16, 16, 12, 1}}) {
                double without = run(t[0], t[1], t[2], t[3], MEGATRON, Offload.NONE, PipelineSchedule.ONE_F_ONE_B).stepTimeS();
                double with = run(t[0], t[1], t[2], t[3], MEGATRON, o, PipelineSchedule.ONE_F_ONE_B).stepTimeS();
                assertThat(with).as(o + " on tp%d pp%d", t[0], t[1]).isGreaterThanOrEqualTo(without);
            }
        }
    }

    @Test
    void overlappedGradientReductionIsNeverSlowerAndTakesNoMoreMemory() {
        Framework overlapped = MEGATRON.with(Map.of("dp_overlap", true));
        for (int[] t : new int[][] {{8, 64, 6, 1}, {8, 32, 12, 2}, {4, 16, 48, 1}}) {
            TrainingResult off = run(t[0], t[1], t[2], t[3], MEGATRON, Offload.NONE, PipelineSchedule.ONE_F_ONE_B);
            TrainingResult on = run(t[0], t[1], t[2], t[3], overlapped, Offload.NONE, PipelineSchedule.ONE_F_ONE_B);
            assertThat(on.stepTimeS()).isLessThanOrEqualTo(off.stepTimeS());
            assertThat(on.memoryPerGpuBytes()).isLessThanOrEqualTo(off.memoryPerGpuBytes());
        }
    }
}
