package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.software.ServingRuntime;

/** Small-batch latency by runtime feature: CUDA graphs, the custom all-reduce, and how latency scales with tensor parallelism. */
class RuntimeLatencyTest {
    private static final Catalog C = Catalog.builtIn();

    private static InferenceModel llama70b(int tp, ServingRuntime rt) {
        return new InferenceModel(new Replica(C.model("llama3-70b"), C.server("dgx-h100"), tp, 1, Precision.FP8, Precision.FP8), rt);
    }

    @Test
    void batchOneLatencyOfLlama3With70BFallsFromTp2ToTp8() {
        // weights per GPU fall 4x from TP 2 to TP 8 while each layer's two all-reduces stay latency-bound: first-token and
        // per-token latency must fall, by less than 4x (published low-latency tables: more GPUs, lower latency)
        for (String id : new String[] {"tensorrt-llm-0.8", "tensorrt-llm-1.0", "vllm-0.8", "sglang-0.4"}) {
            ServingRuntime rt = C.runtime(id);
            InferenceResult tp2 = llama70b(2, rt).evaluate(1, 128, 128);
            InferenceResult tp4 = llama70b(4, rt).evaluate(1, 128, 128);
            InferenceResult tp8 = llama70b(8, rt).evaluate(1, 128, 128);
            assertThat(tp4.ttftS()).as(id + " ttft tp4/tp2").isLessThan(tp2.ttftS());
            assertThat(tp8.ttftS()).as(id + " ttft tp8/tp4").isLessThan(tp4.ttftS());
            assertThat(tp4.tpotS()).as(id + " tpot tp4/tp2").isLessThan(tp2.tpotS());
            assertThat(tp8.tpotS()).as(id + " tpot tp8/tp4").isLessThan(tp4.tpotS());
            assertThat(tp8.tpotS() / tp2.tpotS()).as(id + " tpot tp8/tp2").isBetween(0.25, 0.7);
            assertThat(tp8.ttftS() / tp2.ttftS()).as(id + " ttft tp8/tp2").isBetween(0.25, 0.7);
        }
    }

    @Test
    void customAllReduceIsTheOneShotKernelWhereFasterThanTheRing() {
        // vllm-0.6 on H100 at TP 8, a 16 KB batch-1 all-reduce (8192 hidden x 2 bytes): 10.1 us + 7 x 16384 B over the
        // NVLink tier, against NCCL's measured 16.38 us small-message latency plus its ring term
        InferenceModel custom = llama70b(8, C.runtime("vllm-0.6"));
        InferenceModel nccl = llama70b(8, C.runtime("vllm-0.6").withOptions(null, "off", null));
        double bytes = 8192 * 2;
        assertThat(custom.tpAllReduce(bytes)).isLessThan(nccl.tpAllReduce(bytes));
        assertThat(custom.tpAllReduce(bytes)).isGreaterThan(10.1e-6).isLessThan(11.0e-6);
        assertThat(nccl.tpAllReduce(bytes)).isGreaterThan(16.38e-6);
        // a large prefill message goes over the ring: the one-shot kernel reads (t - 1) x S, the ring moves 2 (t - 1) / t x S
        double big = 64.0 * 1024 * 1024;
        assertThat(custom.tpAllReduce(big)).isEqualTo(nccl.tpAllReduce(big));
    }

    @Test
    void customAllReduceShortensTheTp8DecodeStep() {
        // 80 layers x 2 all-reduces x (16.38 - 10.1) us ~ 1 ms less per batch-1 step
        double on = llama70b(8, C.runtime("vllm-0.6")).decodeStep(1, 256);
        double off = llama70b(8, C.runtime("vllm-0.6").withOptions(null, "off", null)).decodeStep(1, 256);
        assertThat(off - on).isCloseTo(160 * (16.38e-6 - 10.1e-6), within(0.3e-3));
    }

    @Test
    void cudaGraphsCoverDecodeStepsUpToTheCaptureSizeOnly() {
        ServingRuntime sglang = C.runtime("sglang-0.4");
        assertThat(sglang.graphed(160, true)).isTrue();
        assertThat(sglang.graphed(161, true)).isFalse();
        // SGLang and vLLM V0 launch prefill eagerly; vLLM V1 graphs steps by token count, prefill included
        assertThat(sglang.graphed(128, false)).isFalse();
        assertThat(C.runtime("vllm-0.6").graphed(128, false)).isFalse();
        assertThat(C.runtime("vllm-0.8").graphed(128, false)).isTrue();
        assertThat(C.runtime("vllm-0.8").graphed(513, false)).isFalse();
    }

    @Test
    void eagerLaunchesCostTheHostTimePerLayer() {
        // tensorrt-llm-0.5 on H100: no graphs, 208.6 us fitted per layer; a batch-1 decode step of 80 layers is host-bound
        // at 80 x 208.6 us = 16.7 ms
        InferenceModel m = llama70b(8, C.runtime("tensorrt-llm-0.5"));
        assertThat(m.decodeStep(1, 256)).isCloseTo(80 * 208.6e-6, within(1e-6));
    }

    @Test
    void overridesNameTheChangedFeaturesInTheId() {
        ServingRuntime rt = C.runtime("vllm-0.8").withOptions("off", null, 0.8);
        assertThat(rt.id()).isEqualTo("vllm-0.8+cuda_graphs+kv_cache_free_fraction");
        assertThat(rt.presetId()).isEqualTo("vllm-0.8");
        assertThat(rt.cudaGraphs()).isFalse();
        assertThat(rt.kvCacheFreeFraction().getAsDouble()).isEqualTo(0.8);
        assertThat(C.runtime("vllm-0.8").withOptions("on", null, null).id()).isEqualTo("vllm-0.8");
    }

    @Test
    void badOverrideIsOneClearError() {
        assertThatThrownBy(() -> C.runtime("vllm-0.8").withOptions("yes", null, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cuda-graphs").hasMessageContaining("expected on or off");
        assertThatThrownBy(() -> C.runtime("vllm-0.8").withOptions(null, null, 1.5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--kv-fraction");
    }

    @Test
    void everyRuntimeStatesItsVersion() {
        for (Object o : C.all(org.suanli.catalog.Kind.RUNTIME)) {
            assertThat(((ServingRuntime) o).version()).as(((ServingRuntime) o).id()).isNotBlank();
        }
    }
}
