package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.perf.Efficiency;

/**
 * Issue 13, "latency that scales": TensorRT-LLM 0.9.0's batch-1 time per output token (validation/trtllm-v09-decode.yaml).
 * One constant is fitted on it, the H100's GPU time per layer beyond the listed kernels; the H200 and A100 rows are
 * predicted with the transferred value, held out whole.
 */
class TrtLlmDecodeTableTest {
    private static final Catalog C = Catalog.builtIn();
    private static final Validator.Report DECODE = Validator.run(Validator.load("trtllm-v09-decode"), C);

    private static Validator.RowResult row(String id) {
        return DECODE.rows().stream().filter(r -> r.row().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theTableIsWithinItsBoundsHeldOutWithOneConstantFittedOnTheH100Rows() {
        assertThat(DECODE.withinBounds()).isTrue();
        assertThat(DECODE.rows()).hasSize(152);
        assertThat(DECODE.fitted()).extracting(Constant::label).containsExactly("nvidia-hopper / tensorrt-llm-0.8 layer_overhead");
        // the families without a fit of their own are held out whole: their rows' held-out error is their in-sample error
        assertThat(DECODE.rows().stream().filter(r -> !r.family().equals("nvidia-hopper")).toList())
                .isNotEmpty().allSatisfy(r -> assertThat(r.heldOutErrorPct()).isEqualTo(r.errorPct()));
        assertThat(DECODE.byFamily().get("nvidia-hopper-h200").heldOutMapePct()).isLessThanOrEqualTo(10.0);
        assertThat(DECODE.byFamily().get("nvidia-ampere").heldOutMapePct()).isLessThanOrEqualTo(10.0);
    }

    @Test
    void aTp8H100RowOfThePublishedLowLatencyTableIsWithinTwentyPercent() {
        // Llama 2 70B, FP8, TP 8, 2,048 in / 128 out: 10.30 ms per token published
        Validator.RowResult r = row("dli09_llama2_70b_h100_fp8_tp8_in2048_out128_tpot");
        assertThat(r.row().published()).isCloseTo(0.010300, within(1e-6));
        assertThat(Math.abs(r.heldOutErrorPct())).isLessThanOrEqualTo(20.0);
    }

    @Test
    void perTokenLatencyFallsWithTpAsPublished() {
        // Llama 2 70B FP8 on H100, 128 in / 128 out: 27.04, 17.27, 12.03 ms at TP 1, 2, 4 (and 10.30 at TP 8, 2,048 in)
        List<Validator.RowResult> rows = List.of(row("dli09_llama2_70b_h100_fp8_tp1_in128_out128_tpot"),
                row("dli09_llama2_70b_h100_fp8_tp2_in128_out128_tpot"), row("dli09_llama2_70b_h100_fp8_tp4_in128_out128_tpot"));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).row().published()).isLessThan(rows.get(i - 1).row().published());
            assertThat(rows.get(i).heldOutPredicted()).isLessThan(rows.get(i - 1).heldOutPredicted());
        }
        assertThat(rows).allSatisfy(r -> assertThat(Math.abs(r.heldOutErrorPct())).isLessThanOrEqualTo(15.0));
    }

    @Test
    void theLayerOverheadAddsItsFittedTimeToEveryLayerOfADecodeStep() {
        // Llama 2 70B, 80 layers, TP 1, batch 1: the step with the fitted constant minus the step with it set to 0 is
        // 80 x the constant (the step is GPU-bound: TensorRT-LLM 0.8's C++ runtime has no host time of its own)
        Efficiency hopper = (Efficiency) C.get(Kind.EFFICIENCY, "nvidia-hopper");
        double perLayer = hopper.fitted().get("tensorrt-llm-0.8").value();
        var server = C.server("dgx-h100");
        var a = server.accelerator().orElseThrow();
        var zero = server.withAccelerator(a.withEfficiency(hopper.withFit("tensorrt-llm-0.8", "layer_overhead", 0, List.of("trtllm-v09-decode"))));
        var runtime = C.runtime("tensorrt-llm-0.8");
        double with = new InferenceModel(new Replica(C.model("llama2-70b"), server, 1, 1, Precision.FP8, Precision.FP8), runtime)
                .decodeStep(1, 256);
        double without = new InferenceModel(new Replica(C.model("llama2-70b"), zero, 1, 1, Precision.FP8, Precision.FP8), runtime)
                .decodeStep(1, 256);
        assertThat(with - without).isCloseTo(80 * perLayer, within(1e-9));
    }
}
