package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;

/** Issue 10's serving examples: decode is bandwidth-bound, tensor parallelism shortens it, the runtime keeps memory back. */
class InferencePhysicsTest {
    private static final Catalog C = Catalog.builtIn();
    private static final double GIB = 1L << 30;

    private static InferenceModel model(String model, String server, int tp, Precision w) {
        return new InferenceModel(new Replica(C.model(model), C.server(server), tp, 1, w, w));
    }

    @Test
    void h20DecodesAtBatchOneNoSlowerThanH100() {
        // batch-1 decode reads the weights once per token: the H20 has more bandwidth (4.0 vs 3.35 TB/s) and a tenth of the FLOPS
        double h20 = model("llama3-8b", "hgx-h20", 1, Precision.BF16).decodeStep(1, 768);
        double h100 = model("llama3-8b", "dgx-h100", 1, Precision.BF16).decodeStep(1, 768);
        assertThat(h20).isLessThanOrEqualTo(h100);
    }

    @Test
    void batchOneDecodeIsBoundByReadingTheWeights() {
        // 16 GB of Llama 3 8B weights at 4.0 TB/s x 0.876 (H20's streaming fraction) take 4.6 ms, the largest part of the
        // step; each of the 32 layers adds its small kernels (TensorRT-LLM 0.9 on H100 takes 7.22 ms a token for Llama 2 7B
        // in fp16 at TP 1, 1.6x its 13.5 GB read at 2.97 TB/s: validation/trtllm-v09-decode.yaml)
        InferenceModel m = model("llama3-8b", "hgx-h20", 1, Precision.BF16);
        double weightsRead = m.weightBytesPerGpu() / (4.0e12 * 0.876);
        assertThat(m.decodeStep(1, 768)).isBetween(weightsRead, 1.6 * weightsRead);
    }

    @Test
    void batchOneTimePerTokenFallsFromTp2ToTp8() {
        double tp2 = model("llama3-70b", "dgx-h100", 2, Precision.BF16).decodeStep(1, 768);
        double tp4 = model("llama3-70b", "dgx-h100", 4, Precision.BF16).decodeStep(1, 768);
        double tp8 = model("llama3-70b", "dgx-h100", 8, Precision.BF16).decodeStep(1, 768);
        assertThat(tp4).isLessThan(tp2);
        assertThat(tp8).isLessThan(tp4);
        // but not by the full 4x: 160 all-reduces of one token (16.4 us each, nccl-tests on 8x H100) do not shrink
        assertThat(tp2 / tp8).isLessThan(4);
    }

    @Test
    void deepSeekV3InFp8DoesNotFitOnEightH100sUnderTheDefaultReserve() {
        InferenceModel m = model("deepseek-v3", "dgx-h100", 8, Precision.FP8);
        assertThat(m.weightBytesPerGpu()).isLessThan(m.capacity());
        assertThat(m.memoryPerGpu(1, 1024, 1280)).isGreaterThan(m.capacity());
        assertThat(m.maxBatch(1024, 1280)).isZero();
        // on H200s (141 GB) it does
        assertThat(model("deepseek-v3", "hgx-h200", 8, Precision.FP8).maxBatch(1024, 1280)).isPositive();
    }

    @Test
    void vllmKeepsBackItsContextAndATenthOfTheGpu() {
        // vLLM: gpu_memory_utilization 0.9 of the whole GPU, plus 1.79 GiB of non-torch memory (PR #10511)
        InferenceModel m = new InferenceModel(new Replica(C.model("llama3-8b"), C.server("dgx-h100"), 1, 1, Precision.BF16, Precision.BF16),
                C.runtime("vllm-0.8"));
        assertThat(m.reserveBytes(20 * GIB)).isCloseTo(1.79 * GIB + 0.1 * m.capacity(), within(1e6));
    }

    @Test
    void tensorRtLlmKeepsBackItsContextAndATenthOfWhatIsFree() {
        // TensorRT-LLM 0.8+: the KV cache takes kv_cache_free_gpu_mem_frac = 0.9 of the memory free after the engine loads
        InferenceModel m = new InferenceModel(new Replica(C.model("llama3-8b"), C.server("dgx-h100"), 1, 1, Precision.BF16, Precision.BF16),
                C.runtime("tensorrt-llm-0.8"));
        double used = 20 * GIB;
        double free = m.capacity() - 1.79 * GIB - used;
        assertThat(m.reserveBytes(used)).isCloseTo(1.79 * GIB + 0.1 * free, within(1e6));
    }
}
