package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.software.ServingRuntime;

/** KV-cache and memory arithmetic against hand-worked numbers; the shape of prefill and decode costs. */
class InferenceModelTest {
    private static final Catalog C = Catalog.builtIn();

    private static InferenceModel model(String model, String server, int tp, Precision w, Precision kv) {
        return new InferenceModel(new Replica(C.model(model), C.server(server), tp, 1, w, kv));
    }

    @Test
    void llama2With70BStoresGqaKeysAndValues() {
        // 80 layers x 2 (K and V) x 8 KV heads x 128 dims x 2 bytes = 327,680 bytes per token
        InferenceModel m = model("llama2-70b", "dgx-h100", 8, Precision.BF16, Precision.BF16);
        assertThat(m.kvBytesPerToken()).isEqualTo(327_680);
        // eight-way tensor parallelism splits the 8 KV heads one per GPU
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(40_960);
    }

    @Test
    void fp8KvCacheHalvesIt() {
        assertThat(model("llama2-70b", "dgx-h100", 8, Precision.FP8, Precision.FP8).kvBytesPerToken()).isEqualTo(163_840);
    }

    @Test
    void deepseekV3CachesTheMlaLatent() {
        // DeepSeek-V2 §2.1.2: (d_c + d_h^R) per layer = 512 + 64; 61 layers x 576 x 2 bytes = 70,272 bytes per token,
        // replicated rather than split across tensor-parallel ranks
        InferenceModel m = model("deepseek-v3", "hgx-h200", 8, Precision.FP8, Precision.BF16);
        assertThat(m.kvBytesPerToken()).isEqualTo(70_272);
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(70_272);
    }

    @Test
    void weightsAreSplitOverTheReplica() {
        InferenceModel m = model("llama2-70b", "dgx-h100", 4, Precision.FP8, Precision.FP8);
        double params = C.model("llama2-70b").totalParams();
        double embed = C.model("llama2-70b").embeddingParams();
        assertThat(m.weightBytesPerGpu()).isCloseTo(((params - embed) * 1 + embed * 2) / 4, within(1.0));
    }

    @Test
    void largestBatchIsWhatTheKvCacheAndThePrefillActivationsLeave() {
        InferenceModel m = model("llama2-70b", "dgx-h100", 8, Precision.FP8, Precision.FP8);
        int b = m.maxBatch(1024, 2048);
        assertThat(m.memoryPerGpu(b, 1024, 2048)).isLessThanOrEqualTo(m.capacity());
        assertThat(m.memoryPerGpu(b + 1, 1024, 2048)).isGreaterThan(m.capacity());
    }

    @Test
    void prefillActivationsAreOneLayersWidestPoint() {
        // Llama 2 70B at TP 1: residual and normed copy 2 x 8,192, gated MLP 3 x 28,672 (up, gate, product),
        // 16-bit: 2 x (16,384 + 86,016) = 204,800 bytes per token; plus 32,000 fp32 logits per sequence
        InferenceModel m = model("llama2-70b", "hgx-h200", 1, Precision.FP8, Precision.FP8);
        assertThat(m.activationBytes(64 * 2048, 64)).isEqualTo(64 * 2048 * 204_800.0 + 64 * 32_000 * 4.0);
    }

    @Test
    void h200TableBatchesAreTheLargestPowersOfTwoThatFit() {
        // TensorRT-LLM docs/source/blogs/H200launch.md, 'H200 FP8 Max throughput', footnote (1): "Largest batch supported
        // on given TP configuration by power of 2". Rows: (model, tp, batch, input, output). The 2048-token prompts need the
        // prefill activations: on KV alone 128 sequences would fit. Two rows cannot be reproduced and are left out: the
        // 70B 2048/128 batch-32 row (batch 64 at the same TP is listed too, so 32 is not the largest) and the 70B TP 1
        // 128/128 batch-512 row, where 1,024 sequences need 141 GB of the 151 GB (TensorRT sizes activations for the
        // engine's build-time maxima, which the blog does not state).
        Object[][] rows = {
                {"llama2-13b", 1, 1024, 128, 128}, {"llama2-13b", 1, 128, 128, 2048}, {"llama2-13b", 1, 64, 2048, 128},
                {"llama2-70b", 2, 512, 128, 2048}, {"llama2-70b", 1, 64, 2048, 128}};
        for (Object[] row : rows) {
            InferenceModel m = model((String) row[0], "hgx-h200", (int) row[1], Precision.FP8, Precision.FP8);
            int in = (int) row[3];
            int fits = m.maxBatch(in, in + (int) row[4]);
            assertThat(Integer.highestOneBit(fits)).as("%s tp %s %s/%s", row[0], row[1], in, row[4]).isEqualTo((int) row[2]);
        }
    }

    @Test
    void onlyTwoWayTensorParallelismMakesBatch512TheLargestForLlama70BAt128In2048Out() {
        // the same footnote decides the row's layout, which the blog's copies disagree on (TP 2 or 4): at TP 4 a batch
        // of 1,024 would fit and the footnote would have listed it
        assertThat(Integer.highestOneBit(model("llama2-70b", "hgx-h200", 4, Precision.FP8, Precision.FP8).maxBatch(128, 2176)))
                .isEqualTo(1024);
    }

    @Test
    void decodeIsMemoryBoundPrefillComputeBound() {
        InferenceModel m = model("llama2-13b", "hgx-h200", 1, Precision.FP8, Precision.FP8);
        // a decode step of 1 or 8 sequences costs about the same (weights dominate); prefill grows with tokens
        assertThat(m.decodeStep(8, 512) / m.decodeStep(1, 512)).isLessThan(1.3);
        assertThat(m.prefill(8, 1024) / m.prefill(1, 1024)).isGreaterThan(5);
    }

    @Test
    void fasterMemoryDecodesFaster() {
        // H200 and H100 share compute; H200's 4.8 TB/s vs 3.35 TB/s speeds up a memory-bound decode step
        // (Llama 2 13B, 64 sequences at 2K context: ~54 GB of fp8 KV cache read per step)
        double h100 = model("llama2-13b", "dgx-h100", 1, Precision.FP8, Precision.FP8).decodeStep(64, 2048);
        double h200 = model("llama2-13b", "hgx-h200", 1, Precision.FP8, Precision.FP8).decodeStep(64, 2048);
        assertThat(h200).isLessThan(h100);
    }

    @Test
    void aSmallStepOnAnEagerRuntimeIsBoundByTheHostLaunchingIt() {
        // Llama 2 70B over 8 H100 on TensorRT-LLM v0.5: each GPU's share of a one-sequence step is far below the 80 layers
        // of host work (the per-layer host time fitted for Hopper servers)
        var runtime = C.runtime("tensorrt-llm-0.5");
        InferenceModel m = new InferenceModel(new Replica(C.model("llama2-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8, Precision.FP8),
                runtime);
        double perLayer = C.accelerator("h100-sxm").efficiency().hostPerLayerS(runtime.id(), runtime.hostPerLayerS());
        assertThat(perLayer).isPositive();
        assertThat(m.decodeStep(1, 512)).isCloseTo(80 * perLayer, within(1e-12));
    }

    @Test
    void aRuntimeWithCudaGraphsHasNoPerLayerHostFloor() {
        // vLLM replays a decode step as one CUDA graph: the same small step is bound by the GPU, well below 80 host launches
        InferenceModel eager = new InferenceModel(new Replica(C.model("llama2-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8,
                Precision.FP8), C.runtime("tensorrt-llm-0.5"));
        InferenceModel graphs = new InferenceModel(new Replica(C.model("llama2-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8,
                Precision.FP8), C.runtime("vllm-0.8"));
        assertThat(graphs.decodeStep(1, 512)).isLessThan(eager.decodeStep(1, 512) / 2);
    }

    private static InferenceModel onRuntime(String model, int tp, ServingRuntime runtime) {
        return new InferenceModel(new Replica(C.model(model), C.server("hgx-h200"), tp, 1, Precision.FP8, Precision.FP8), runtime);
    }

    @Test
    void preXqaKernelReadsEachKvHeadOncePerQueryHeadOfItsGroup() {
        // Llama 2 70B: 64 query heads share 8 KV heads, groups of 8, at any TP up to 8; MHA (13B) and MLA have no groups
        assertThat(onRuntime("llama2-70b", 1, C.runtime("tensorrt-llm-0.5")).kvReadsPerStep()).isEqualTo(8.0);
        assertThat(onRuntime("llama2-70b", 8, C.runtime("tensorrt-llm-0.5")).kvReadsPerStep()).isEqualTo(8.0);
        assertThat(onRuntime("llama2-70b", 1, C.runtime("tensorrt-llm-0.8")).kvReadsPerStep()).isEqualTo(1.0);
        assertThat(onRuntime("llama2-13b", 1, C.runtime("tensorrt-llm-0.5")).kvReadsPerStep()).isEqualTo(1.0);
        assertThat(onRuntime("deepseek-v3", 8, C.runtime("tensorrt-llm-0.5")).kvReadsPerStep()).isEqualTo(1.0);
    }

    @Test
    void xqaSpeedUpOnLongOutputsMatchesNvidiasMeasurement() {
        // TensorRT-LLM docs/source/blogs/XQA-kernel.md: Llama-70B on one H200, 128 in / 2048 out, FP8:
        // 1,227 tok/s/GPU without XQA, 2,941 with, "2.4x". The blog states no batch; 128 is the largest power of
        // two that fits (the H200 blog's batch rule). Neither runtime constant was fitted to these rows.
        double without = onRuntime("llama2-70b", 1, C.runtime("tensorrt-llm-0.5")).evaluate(128, 128, 2048).outputTokensPerS();
        double with = onRuntime("llama2-70b", 1, C.runtime("tensorrt-llm-0.8")).evaluate(128, 128, 2048).outputTokensPerS();
        assertThat(onRuntime("llama2-70b", 1, C.runtime("tensorrt-llm-0.8")).maxBatch(128, 128 + 2048)).isBetween(128, 255);
        assertThat(with / without).isCloseTo(2941.0 / 1227.0, within(0.2));
        assertThat(without).isCloseTo(1227, within(1227 * 0.15));
        assertThat(with).isCloseTo(2941, within(2941 * 0.15));
    }

    @Test
    void chunkedPrefillKeepsOneChunksActivationsWhateverThePrompt() {
        // vLLM V1 prefills in chunks of max_num_batched_tokens (8,192): 64 prompts of 2,048 or of 4,096 tokens hold the
        // same activations (one chunk) at the same context; TensorRT-LLM's engine path prefills a static batch whole
        Replica r = new Replica(C.model("llama2-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8, Precision.FP8);
        InferenceModel chunked = new InferenceModel(r, C.runtime("vllm-0.8"));
        assertThat(chunked.memoryPerGpu(64, 4096, 4224)).isEqualTo(chunked.memoryPerGpu(64, 2048, 4224));
        InferenceModel whole = new InferenceModel(r, C.runtime("tensorrt-llm-0.8"));
        assertThat(whole.memoryPerGpu(64, 4096, 4224)).isGreaterThan(whole.memoryPerGpu(64, 2048, 4224));
    }
}
