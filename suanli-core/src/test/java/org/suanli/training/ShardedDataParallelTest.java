package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** ZeRO-3 / FSDP layer by layer: gathers, reduce-scatters, prefetch overlap, memory (FSDP paper sec. 3-4; ZeRO sec. 5). */
class ShardedDataParallelTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob job(String model, String server, int gpus, Object... kv) {
        Map<String, Object> o = new HashMap<>(Map.of("framework", "pytorch-fsdp-2024", "zero", 3, "precision", "bf16"));
        for (int i = 0; i < kv.length; i += 2) {
            o.put((String) kv[i], kv[i + 1]);
        }
        return LayoutOptions.job(C.model(model), C.server(server), gpus, o, OptionalDouble.empty());
    }

    @Test
    void exposedIsTheFirstGatherPlusWhatEachUnitLeavesUncoveredPlusTheLastReduceScatter() {
        // forward: g0 = 2, then g1 - f0 = 3 - 1 = 2, g2 - f1 = 3 - 4 < 0 -> 4
        // backward (reshard, the last unit kept): b2 = 4 hides g1 = 3; b1 = 8 hides g0 + r2 = 3; b0 = 2 hides r1 = 1; r0 = 1 waits
        double exposed = ShardedSchedule.exposed(new double[] {2, 3, 3}, new double[] {1, 1, 1}, new double[] {1, 4, 2},
                new double[] {2, 8, 4}, true, true);
        assertThat(exposed).isCloseTo(4 + 1, within(1e-12));
    }

    @Test
    void withoutPrefetchEveryGatherAndReduceScatterWaits() {
        // gathers 2 + 3 + 3, gathered again for backward 2 + 3 (not the last), reduce-scatters 1 + 1 + 1
        double exposed = ShardedSchedule.exposed(new double[] {2, 3, 3}, new double[] {1, 1, 1}, new double[] {1, 4, 2},
                new double[] {2, 8, 4}, true, false);
        assertThat(exposed).isCloseTo(8 + 5 + 3, within(1e-12));
    }

    @Test
    void reshardAfterForwardGathersAgainForBackward() {
        double[] g = {2, 2, 2};
        double[] r = {1, 1, 1};
        double[] one = {1, 1, 1};
        // forward 2 + (2-1) + (2-1) = 4 either way; backward with reshard: b2 hides g1: 2-1; b1 hides g0 + r2: 3-1; b0 hides r1;
        // r0 waits: 1 + 2 + 0 + 1 = 4; without: only r0 waits
        assertThat(ShardedSchedule.exposed(g, r, one, one, true, true)).isCloseTo(8, within(1e-12));
        assertThat(ShardedSchedule.exposed(g, r, one, one, false, true)).isCloseTo(5, within(1e-12));
    }

    @Test
    void llama3_8bLayerGatherInsideOneDgxH100() {
        TrainingJob j = job("llama3-8b", "dgx-h100", 8, "seq_len", 8192, "global_batch", 8);
        CommCosts comm = new CommCosts(j.model(), j.server(), j.layout(), 8192);
        // one layer: q and o 2 x 4096^2, k and v 2 x 4096 x 1024, SwiGLU 3 x 4096 x 14336 = 218,103,808 parameters
        double layer = 2 * 4096.0 * 4096 + 2 * 4096.0 * 1024 + 3 * 4096.0 * 14336;
        assertThat(j.model().attentionParamsPerLayer() + j.model().denseMlpParams()).isEqualTo(layer);
        // ring all-gather of 436,207,616 bf16 bytes over 8 GPUs: 7/8 x S / (450 GB/s NVLink 4 x 0.817 Hopper ring
        // efficiency) + one 16.38 us latency = 1.0382 ms + 0.0164 ms
        double expected = 7.0 / 8 * layer * 2 / (450e9 * 0.817) + 16.38e-6;
        assertThat(comm.shardGather(layer)).isCloseTo(expected, withPercentage(0.01));
        assertThat(expected).isCloseTo(1.0546e-3, withPercentage(0.1));
    }

    @Test
    void exposedGatherShareGrowsAsTokensPerGpuShrink() {
        // Llama 3 8B on 8 DGX H100 (gathers cross the network), one sequence per GPU per step: shorter sequences leave
        // less compute per layer to hide each layer's gather behind
        double previous = -1;
        for (int seq : new int[] {8192, 2048, 512, 128}) {
            TrainingResult r = AnalyticTrainingModel.evaluate(job("llama3-8b", "dgx-h100", 64, "seq_len", seq, "global_batch", 64));
            double share = r.breakdown().get("dp_comm") / r.stepTimeS();
            assertThat(share).as("seq %d", seq).isGreaterThan(previous);
            previous = share;
        }
        assertThat(previous).isGreaterThan(0.5);
    }

    @Test
    void memoryPerGpuOfLlama3_70bOn64Gpus() {
        TrainingResult r = AnalyticTrainingModel.evaluate(job("llama3-70b", "dgx-h100", 64, "seq_len", 8192, "global_batch", 64,
                "recompute", "full"));
        // 80 layers x (2 x 8192^2 + 2 x 8192 x 1024 + 3 x 8192 x 28672) + 2 x 128,256 x 8192 = 70,552,387,584 parameters
        double params = 80 * (2 * 8192.0 * 8192 + 2 * 8192.0 * 1024 + 3 * 8192.0 * 28672) + 2 * 128256.0 * 8192;
        assertThat(params).isEqualTo(70_552_387_584.0);
        Map<String, Double> mem = r.memoryBreakdown();
        assertThat(mem.get("weights")).isCloseTo(params * 2 / 64, withPercentage(1e-9));        // 2.20 GB
        assertThat(mem.get("gradients")).isCloseTo(params * 4 / 64, withPercentage(1e-9));      // fp32 reduce: 4.41 GB
        assertThat(mem.get("optimizer")).isCloseTo(params * 12 / 64, withPercentage(1e-9));     // 13.23 GB
        // the largest unit is the embedding, 128,256 x 8192 = 1,050,673,152: two whole in bf16 (one computing, one
        // prefetched) and one unit's fp32 gradients = 8,405,385,216 bytes
        assertThat(mem.get("gathered_weights")).isCloseTo(2 * 2 * 1_050_673_152.0 + 4 * 1_050_673_152.0, withPercentage(1e-9));
    }

    @Test
    void eventEngineWaitsForTheSameExposedGathers() {
        TrainingJob j = job("llama3-8b", "dgx-h100", 64, "seq_len", 512, "global_batch", 64);
        double analytic = AnalyticTrainingModel.evaluate(j).breakdown().get("dp_comm");
        double event = EventTrainingModel.simulate(j).result().breakdown().get("dp_comm");
        assertThat(event).isCloseTo(analytic, withPercentage(1));
    }
}
