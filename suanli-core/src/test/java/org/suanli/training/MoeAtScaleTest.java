package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.perf.NodeLimitedRouting;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/** Issue 12 part 4: expert all-to-all under node-limited routing, pipeline schedules and their overlap, on DeepSeek-V3. */
class MoeAtScaleTest {
    private static TrainingJob deepseek(String schedule) {
        Catalog c = Catalog.builtIn();
        return LayoutSpec.builder().pp(16).ep(64).precision("fp8").globalBatch(15360).seqLen(4096).framework("hai-llm")
                .schedule(schedule).build().job(c, c.model("deepseek-v3"), c.server("hgx-h800"), 2048, OptionalDouble.empty());
    }

    @Test
    void aTokenCrossesInfinibandOncePerRemoteNodeOfItsFour() {
        // DeepSeek-V3: top-8 experts on at most M = 4 of the 8 nodes of EP 64; each of the 4 is remote with p = 7/8
        assertThat(NodeLimitedRouting.scaleOutCopies(8, 4, 8)).isEqualTo(3.5);
        // fp8 dispatch: 7168 bytes plus one fp32 scale per 128 elements = 7168 + 224 = 7392 bytes a copy
        double bytesPerCopy = 7168 * CommCosts.FP8_TILE_BYTES;
        assertThat(bytesPerCopy).isEqualTo(7392.0);
        assertThat(NodeLimitedRouting.scaleOutCopies(8, 4, 8) * bytesPerCopy).isEqualTo(25872.0);
    }

    @Test
    void aTokenIsForwardedOverNvlinkToTheExpertsNotOnItsArrivalGpu() {
        // 8 experts, each on the arrival GPU (same in-node index) with p = 1/8: 8 x 7/8 = 7 copies over NVLink
        assertThat(NodeLimitedRouting.scaleUpCopies(8, 8)).isEqualTo(7.0);
    }

    @Test
    void routingWithoutANodeLimitSendsEveryPairAndReachesAtMostTopKNodes() {
        // M larger than the nodes: every node reachable, but no more than top-k of them
        assertThat(NodeLimitedRouting.scaleOutCopies(2, 8, 8)).isEqualTo(2 * 7.0 / 8);
    }

    @Test
    void dualPipeBubbleOnSixteenStagesIsFourteenForwardsAgainstFortyFiveFor1f1b() {
        // F = 1, full backward B = 2 (input and weight gradients), W = 1; a stage's micro-batch F + B = 3
        // 1F1B (PP-1)(F+B) = 15 x 3 = 45; DualPipe (PP/2-1)(F&B+B-3W) = 7 x (3 + 2 - 3) = 14 (DeepSeek-V3 Table 2)
        assertThat(StageSchedule.bubble(PipelineSchedule.ONE_F_ONE_B, 16, 1, 3, 1, 1)).isEqualTo(45.0);
        assertThat(StageSchedule.bubble(PipelineSchedule.DUALPIPE, 16, 1, 3, 1, 1)).isEqualTo(14.0);
    }

    @Test
    void zeroBubbleSchedulesShrinkTheBubbleAsQiEtAlGive() {
        // ZB-H1 (PP-1)(F+B-2W) = 15 x (1 + 2 - 2) = 15, a third of 1F1B's 45; ZB-V 0 at F = B' = W
        assertThat(StageSchedule.bubble(PipelineSchedule.ZB_H1, 16, 1, 3, 1, 1)).isEqualTo(15.0);
        assertThat(StageSchedule.bubble(PipelineSchedule.ZB_V, 16, 1, 3, 1, 1)).isEqualTo(0.0);
    }

    @Test
    void dualPipeHidesEachDirectionsAllToAllBehindTheOtherChunksCompute() {
        // forward compute 10 ms, backward 20 ms; forward dispatch + combine 25 ms, backward 8 ms
        // DualPipe: max(0, 25 - 20) + max(0, 8 - 10) = 5 ms; 1F1B waits for all 33 ms
        assertThat(TransformerStepCosts.exposedExpertComm(PipelineSchedule.DUALPIPE, false, 0.010, 0.020, 0.025, 0.008, 0))
                .isCloseTo(0.005, within(1e-12));
        assertThat(TransformerStepCosts.exposedExpertComm(PipelineSchedule.ONE_F_ONE_B, false, 0.010, 0.020, 0.025, 0.008, 0))
                .isCloseTo(0.033, within(1e-12));
    }

    @Test
    void warmUpAndCoolDownMicroBatchesHaveNoPartnerToHideTheirAllToAll() {
        // 1F1B on pp 16 with 120 micro-batches: 15 warm-up forwards (and 15 cool-down backwards) stand alone, 15/120 = 0.125;
        // the layer above then exposes 0.125 x 33 + 0.875 x 5 = 8.5 ms
        assertThat(TransformerStepCosts.unpairedShare(16, 1, 120)).isCloseTo(0.125, within(1e-12));
        assertThat(TransformerStepCosts.exposedExpertComm(PipelineSchedule.DUALPIPE, false, 0.010, 0.020, 0.025, 0.008, 0.125))
                .isCloseTo(0.0085, within(1e-12));
        // no pipeline: the first forward and the last backward alone, 1 of 5 micro-batches
        assertThat(TransformerStepCosts.unpairedShare(1, 1, 5)).isCloseTo(0.2, within(1e-12));
        // interleaved pp 4, v 2, 16 micro-batches: Megatron warms up 2 x 3 + 1 x 4 = 10 chunks of half a micro-batch, 5/16
        assertThat(TransformerStepCosts.unpairedShare(4, 2, 16)).isCloseTo(5.0 / 16, within(1e-12));
        // never more than every micro-batch
        assertThat(TransformerStepCosts.unpairedShare(16, 1, 4)).isEqualTo(1.0);
    }

    @Test
    void megatronBatchLevelOverlapHidesTheAllToAllOnInterleaved1f1bAsDualPipeDoes() {
        // the same layer as above with --overlap-moe-expert-parallel-comm: max(0, 25 - 20) + max(0, 8 - 10) = 5 ms
        assertThat(TransformerStepCosts.exposedExpertComm(PipelineSchedule.INTERLEAVED, true, 0.010, 0.020, 0.025, 0.008, 0))
                .isCloseTo(0.005, within(1e-12));
    }

    @Test
    void theEpA2aOverlapFeatureHidesDeepseekV3ExpertTrafficOn1f1b() {
        Catalog c = Catalog.builtIn();
        TrainingJob overlapped = LayoutSpec.builder().pp(16).ep(64).precision("fp8").globalBatch(15360).seqLen(4096).framework("hai-llm")
                .schedule("1f1b").epA2aOverlap(true).build().job(c, c.model("deepseek-v3"), c.server("hgx-h800"), 2048, OptionalDouble.empty());
        double plain = AnalyticTrainingModel.evaluate(deepseek("1f1b")).breakdown().get("ep_comm");
        double hidden = AnalyticTrainingModel.evaluate(overlapped).breakdown().get("ep_comm");
        assertThat(hidden).isLessThan(plain / 4);
        assertThat(overlapped.layout().epA2aOverlap()).isTrue();
    }

    private static TrainingJob megatronDeepseek(boolean overlap) {
        Catalog c = Catalog.builtIn();
        return LayoutSpec.builder().pp(16).ep(64).precision("fp8").globalBatch(15360).seqLen(4096).framework("nemo-24.07")
                .schedule("1f1b").epA2aOverlap(overlap).build().job(c, c.model("deepseek-v3"), c.server("hgx-h800"), 2048, OptionalDouble.empty());
    }

    @Test
    void theOverlappedAllToAllHoldsTwentyOfTheH800s132Sms() {
        // Megatron-Core moe_deepep_num_sms = 20 (nemo-24.07 comm_sms); H800 132 SMs
        TrainingJob on = megatronDeepseek(true);
        assertThat(KernelCosts.overlapSmShare(on.model(), on.layout(), on.server().accelerator().orElseThrow())).isEqualTo(20.0 / 132);
        TrainingJob off = megatronDeepseek(false);
        assertThat(KernelCosts.overlapSmShare(off.model(), off.layout(), off.server().accelerator().orElseThrow())).isZero();
    }

    @Test
    void computeBesideTheHiddenAllToAllLosesTwentyOf132OfItsTime() {
        // compute runs on 112 of 132 SMs while the hidden dispatch and combine run: it loses 20/132 of the hidden time
        LayerOps plain = new TransformerStepCosts(megatronDeepseek(false), false).moe();
        LayerOps overlapped = new TransformerStepCosts(megatronDeepseek(true), false).moe();
        double hidden = plain.ep - overlapped.ep;
        assertThat(hidden).isGreaterThan(0.5 * plain.ep);
        double slower = overlapped.fwdCompute + overlapped.bwdCompute - plain.fwdCompute - plain.bwdCompute;
        assertThat(slower).isCloseTo(20.0 / 132 * hidden, within(1e-9 * hidden));
    }

    @Test
    void deepseekV3ExpertTrafficIsExposedUnder1f1bAndHiddenUnderDualPipeButForItsWarmUpAndCoolDown() {
        // 15360 sequences over dp 128 = 120 micro-batches; DualPipe's 15 warm-up forwards and cool-down backwards on the
        // first stage have no partner: 15/120 of the all-to-all stays exposed, the steady state hides the rest
        assertThat(AnalyticTrainingModel.evaluate(deepseek("1f1b")).breakdown().get("ep_comm")).isGreaterThan(1.0);
        double plain = new TransformerStepCosts(deepseek("1f1b"), false).moe().ep;
        double dual = new TransformerStepCosts(deepseek("dualpipe"), false).moe().ep;
        assertThat(dual).isCloseTo(0.125 * plain, within(1e-9 * plain));
    }

    @Test
    void dualPipeHoldsTwoStagesOfWeightsPerRank() {
        double single = AnalyticTrainingModel.evaluate(deepseek("1f1b")).memoryBreakdown().get("weights");
        double dual = AnalyticTrainingModel.evaluate(deepseek("dualpipe")).memoryBreakdown().get("weights");
        assertThat(dual).isGreaterThan(1.5 * single);
    }

    @Test
    void theEventEngineRefusesDualPipeNamingTheAnalyticEngine() {
        assertThatThrownBy(() -> EventTrainingModel.simulate(deepseek("dualpipe")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--engine analytic");
    }

    @Test
    void dualPipeNeedsAnEvenPipeline() {
        Catalog c = Catalog.builtIn();
        assertThatThrownBy(() -> LayoutSpec.builder().pp(15).ep(8).globalBatch(15360).seqLen(4096).schedule("dualpipe").build()
                .job(c, c.model("deepseek-v3"), c.server("hgx-h800"), 1920, OptionalDouble.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("even pp");
    }

    @Test
    void anUnknownScheduleIsOneErrorListingTheSchedules() {
        assertThatThrownBy(() -> LayoutSpec.builder().schedule("gpipe"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--schedule").hasMessageContaining("zb-v");
    }
}
