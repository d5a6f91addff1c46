package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.software.ServingRuntime;

/**
 * MoE serving with expert parallelism (attention data-parallel, experts spread over ep GPUs), checked against DeepEP's
 * published low-latency kernel timings and hand-worked arithmetic.
 */
class ExpertParallelServingTest {
    private static final Catalog C = Catalog.builtIn();
    private static final ServingRuntime RUNTIME = C.runtime("tensorrt-llm-0.8");

    private static Replica replica(String model, String server, int tp, int ep) {
        return new Replica(C.model(model), C.server(server), tp, 1, Precision.FP8, Precision.BF16, ep);
    }

    private static InferenceModel model(Replica r, InferenceModel.MoeServing moe) {
        return new InferenceModel(r, RUNTIME, moe);
    }

    private static double allToAllUs(int ep) {
        // DeepEP's benchmark setting: 128 tokens per GPU, DeepSeek-V3's hidden 7168 and top-8
        return 1e6 * model(replica("deepseek-v3", "hgx-h800", 1, ep), InferenceModel.MoeServing.DEFAULT).expertAllToAll(128);
    }

    @Test
    void dispatchPlusCombineMatchesDeepEpLowLatencyKernelsOnH800() {
        // deepseek-ai/DeepEP @0297fc8 docs/legacy.md, "Low-latency kernels with pure RDMA" (H800, CX7 400 Gb/s, 128 tokens,
        // hidden 7168, top-8, fp8 dispatch, bf16 combine), dispatch + combine latency: EP 16 118 + 195 us, EP 32 155 + 273,
        // EP 64 173 + 314, EP 128 192 + 369. The family's ep_all_to_all fraction (0.78) is read off EP 128's 39 GB/s;
        // EP 16-64 are checks the fraction was not taken from.
        assertThat(allToAllUs(16)).isCloseTo(118 + 195, within(0.10 * (118 + 195)));
        assertThat(allToAllUs(32)).isCloseTo(155 + 273, within(0.10 * (155 + 273)));
        assertThat(allToAllUs(64)).isCloseTo(173 + 314, within(0.10 * (173 + 314)));
        assertThat(allToAllUs(128)).isCloseTo(192 + 369, within(0.10 * (192 + 369)));
    }

    @Test
    void expertAllToAllInsideOneServerCrossesOnlyNvlink() {
        // EP 8 on one HGX H800: no copy leaves the server, so the time is far below the 7/8 of 22.25 MB a NIC would carry
        // at 39 GB/s (499 us)
        assertThat(allToAllUs(8)).isLessThan(200);
    }

    @Test
    void moreExpertGpusHoldFewerRoutedExpertsEach() {
        // DeepSeek-V3 routed experts: 58 MoE layers x 256 experts x 3 x 7168 x 2048 = 653.9 G parameters, one byte each in fp8;
        // going from EP 64 to EP 128 frees 653.9 G x (1/64 - 1/128) bytes per GPU, and attention stays replicated
        double routed = 58.0 * 256 * 3 * 7168 * 2048;
        double at64 = model(replica("deepseek-v3", "hgx-h800", 1, 64), InferenceModel.MoeServing.DEFAULT).weightBytesPerGpu();
        double at128 = model(replica("deepseek-v3", "hgx-h800", 1, 128), InferenceModel.MoeServing.DEFAULT).weightBytesPerGpu();
        assertThat(at64 - at128).isCloseTo(routed * (1.0 / 64 - 1.0 / 128), within(1.0));
    }

    @Test
    void attentionGroupsEachHoldTheirOwnSequencesKvCache() {
        // EP 16 at tp 1: 16 attention groups; a batch of 160 sequences of 800 + 200 tokens puts 10 on each GPU:
        // 10 x 1,000 x 70,272 bytes (the MLA latent, 61 x 576 x 2 bytes per token)
        Replica r = replica("deepseek-v3", "hgx-h800", 1, 16);
        assertThat(r.attentionDp()).isEqualTo(16);
        assertThat(r.gpus()).isEqualTo(16);
        InferenceResult res = model(r, InferenceModel.MoeServing.DEFAULT).evaluate(160, 800, 200);
        assertThat(res.kvCacheBytesPerGpu()).isCloseTo(10 * 1000 * 70_272.0, within(1.0));
    }

    private static InferenceResult sglangDecode(int batchPerGpu, boolean overlap) {
        // SGLang's decode deployment of DeepSeek-V3: 9 x 8 H100, EP 72, attention data-parallel, KV about 2,000 tokens
        Replica r = replica("deepseek-v3", "dgx-h100", 1, 72);
        return model(r, new InferenceModel.MoeServing(1, overlap)).evaluate(72 * batchPerGpu, 1900, 200);
    }

    @Test
    void twoBatchOverlapPaysOffAtLargeDecodeBatches() {
        // LMSYS 2025-05-05 "Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on 96 H100 GPUs":
        // two-batch overlap speeds decode up 25.5% at 256 tokens per device (the model: about +47%, more optimistic)
        InferenceResult plain = sglangDecode(256, false);
        InferenceResult overlapped = sglangDecode(256, true);
        assertThat(overlapped.tpotS()).isLessThan(plain.tpotS());
        assertThat(overlapped.decodeAllToAllShare()).isLessThan(plain.decodeAllToAllShare());
    }

    @Test
    void twoBatchOverlapCostsAtSmallDecodeBatches() {
        // the same post: -27% at 32 tokens per device, where each micro-batch reads every weight again for half the tokens
        // (the model: about -13%)
        assertThat(sglangDecode(32, true).tpotS()).isGreaterThan(sglangDecode(32, false).tpotS());
    }

    @Test
    void aMoreLoadedExpertGpuSlowsTheStep() {
        Replica r = replica("deepseek-v3", "hgx-h800", 1, 32);
        double balanced = model(r, InferenceModel.MoeServing.DEFAULT).evaluate(2048, 2000, 200).tpotS();
        double skewed = model(r, new InferenceModel.MoeServing(1.5, false)).evaluate(2048, 2000, 200).tpotS();
        assertThat(skewed).isGreaterThan(balanced);
    }

    @Test
    void withoutExpertParallelismNothingIsExchanged() {
        InferenceResult r = model(replica("deepseek-v3", "hgx-h200", 8, 1), InferenceModel.MoeServing.DEFAULT).evaluate(64, 1000, 100);
        assertThat(r.decodeAllToAllShare()).isZero();
        assertThat(r.prefillAllToAllShare()).isZero();
    }

    @Test
    void expertParallelismNeedsAnMoeModel() {
        assertThatThrownBy(() -> replica("llama3-70b", "dgx-h100", 1, 8)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no experts");
    }

    @Test
    void expertParallelismMustBeAMultipleOfTensorParallelism() {
        assertThatThrownBy(() -> replica("deepseek-v3", "hgx-h800", 4, 6)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not divide ep");
    }

    @Test
    void expertParallelismStopsAtOneGpuPerExpert() {
        // DeepSeek-V3 has 256 routed experts
        assertThatThrownBy(() -> replica("deepseek-v3", "hgx-h800", 1, 512)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("exceeds the 256 experts");
    }
}
