package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.workload.Model;

/**
 * gpt-oss's 128-token sliding window on half its layers (model card §2.1) shrinks the attention core's FLOPs and the
 * model FLOPs per token, on Megatron-Bridge's published gpt-oss-120b H100 layout (26.04.01: 64 GPUs, PP 4, EP 8).
 */
class SlidingWindowAttentionTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingResult run(Model m) {
        TrainingJob job = LayoutSpec.builder().pp(4).ep(8).microBatch(1).globalBatch(1280).seqLen(4096).recompute("selective")
                .framework("nemo-24.07").build().job(C, m, C.server("dgx-h100"), 64, OptionalDouble.empty());
        return AnalyticTrainingModel.evaluate(job);
    }

    private static Model withoutWindow(Model m) {
        return new Model(m.id(), m.name(), m.layers(), m.hidden(), m.ffnHidden(), m.heads(), m.kvHeads(), m.headDim(), m.vocab(),
                m.maxSeqLen(), m.activation(), m.tiedEmbeddings(), m.moe(), m.mla(), m.publishedParamsB(), m.estimate(), m.source(),
                m.notes(), m.mtpDepth(), Optional.empty());
    }

    private static double modelFlopsPerToken(TrainingResult r) {
        return r.modelTflopsPerGpu() * 1e12 / r.tokensPerSPerGpu();
    }

    @Test
    void windowedLayersCountTwiceTheirAverageKeysInPalmsAttentionTerm() {
        // 12 x (a x d) x [18 x 4096 + 18 x 2 x 126.015625] against 12 x (a x d) x 36 x 4096, a x d = 64 x 64 = 4096:
        // 3,846,859,776 against 7,247,757,312 FLOPs a token: 3,400,897,536 fewer
        Model gptOss = C.model("gpt-oss-120b");
        double with = modelFlopsPerToken(run(gptOss));
        double without = modelFlopsPerToken(run(withoutWindow(gptOss)));
        assertThat(without - with).isCloseTo(3_400_897_536.0, within(1e3));
    }

    @Test
    void theStepIsShorterByTheAttentionTheWindowSkips() {
        Model gptOss = C.model("gpt-oss-120b");
        TrainingResult with = run(gptOss);
        TrainingResult without = run(withoutWindow(gptOss));
        assertThat(with.stepTimeS()).isLessThan(without.stepTimeS());
        // only the attention core moves: the expert all-to-all is the same
        assertThat(with.breakdown().get("ep_comm")).isEqualTo(without.breakdown().get("ep_comm"));
    }
}
