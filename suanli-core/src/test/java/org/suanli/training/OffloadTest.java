package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/** Offload to host memory over the host link: ZeRO-Offload's optimizer on the CPU, and stashed activations. */
class OffloadTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob job(String model, String server, int gpus, Object... kv) {
        Map<String, Object> o = new HashMap<>(Map.of("framework", "pytorch-fsdp-2024", "zero", 3, "precision", "bf16", "seq_len", 8192));
        for (int i = 0; i < kv.length; i += 2) {
            o.put((String) kv[i], kv[i + 1]);
        }
        return LayoutOptions.job(C.model(model), C.server(server), gpus, o, OptionalDouble.empty());
    }

    @Test
    void optimizerOffloadCopiesWeightsUpOverPcie5x16AndRunsAdamOnTheCpu() {
        TrainingResult r = AnalyticTrainingModel.evaluate(job("llama3-8b", "dgx-h100", 8, "global_batch", 8, "offload", "optimizer"));
        // Llama 3 8B's weight matrices: 32 x 218,103,808 + 2 x 128,256 x 4096 = 8,029,995,008 parameters, 1,003,749,376 per
        // GPU's shard; the fp32 gradients go down (4.01 GB, 63.7 ms) hidden behind the backward pass; the bf16 weights
        // come back up: 2,007,498,752 B / 63.0 GB/s = 31.87 ms
        double params = 32 * 218_103_808.0 + 2 * 128_256.0 * 4096;
        double shard = params / 8;
        assertThat(r.breakdown().get("offload")).isCloseTo(shard * 2 / 63.0e9, withPercentage(0.01));
        assertThat(r.breakdown().get("offload")).isCloseTo(31.87e-3, withPercentage(0.1));
        // the host's CPU Adam steps all 8 shards at 10B parameters per 2.57 s (ZeRO-Offload Table 3): 2.064 s
        assertThat(r.breakdown().get("optimizer")).isCloseTo(params * 2.57 / 10e9, withPercentage(0.01));
        assertThat(r.memoryBreakdown().get("optimizer")).isZero();
        // the host holds each shard's fp32 master, momentum, variance and fp32 gradients: 16 B x 8.03 B parameters per server
        assertThat(r.hostMemoryBreakdown().get("optimizer")).isCloseTo(16 * params, withPercentage(1e-9));
    }

    @Test
    void activationOffloadKeepsTwoLayersOnTheGpuAndTheRestOnTheHost() {
        TrainingResult on = AnalyticTrainingModel.evaluate(job("llama3-8b", "dgx-h100", 8, "global_batch", 8, "offload", "activations"));
        TrainingResult off = AnalyticTrainingModel.evaluate(job("llama3-8b", "dgx-h100", 8, "global_batch", 8));
        // one micro-batch in flight without pipelining: 32 layers' stashes without offload, 2 with; the host holds all 32
        // for each of the server's 8 GPUs
        double perLayer = off.memoryBreakdown().get("activations") / 32;
        assertThat(on.memoryBreakdown().get("activations")).isCloseTo(2 * perLayer, withPercentage(1e-9));
        assertThat(on.hostMemoryBreakdown().get("activations")).isCloseTo(8 * 32 * perLayer, withPercentage(1e-9));
        assertThat(off.hostMemoryBreakdown()).isEmpty();
    }

    @Test
    void offloadOnAServerWithoutAHostLinkIsOneLine() {
        assertThatThrownBy(() -> AnalyticTrainingModel.evaluate(job("llama3-8b", "atlas-800t-a3", 8, "framework", "mindspeed",
                "global_batch", 8, "offload", "optimizer")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--offload optimizer: server atlas-800t-a3 states no host link to copy over; expected a server with "
                        + "host_link (PCIe), or --offload none");
    }

    @Test
    void offloadThatDoesNotFitTheServersHostMemoryIsOneLine() {
        // Llama 3 405B, ZeRO-1 over 8 GPUs: 16 B per parameter of the whole model on one host, about 6.5 TB, against 2 TiB
        assertThatThrownBy(() -> AnalyticTrainingModel.evaluate(job("llama3-405b", "dgx-h100", 8, "zero", 1, "global_batch", 8,
                "offload", "optimizer")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--offload optimizer: needs ")
                .hasMessageContaining("of host memory per server, server dgx-h100 has 2 TiB")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownOffloadIsOneLineNamingTheChoices() {
        assertThatThrownBy(() -> LayoutSpec.builder().offload("gpu"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--offload: 'gpu' is not allowed; expected none, optimizer, activations or both");
    }
}
