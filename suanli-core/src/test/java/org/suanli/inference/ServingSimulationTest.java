package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;

/** Scheduler behaviour of the continuous-batching simulation. */
class ServingSimulationTest {
    private static final Catalog C = Catalog.builtIn();

    private static InferenceModel model(String model, int tp, Precision w) {
        return new InferenceModel(new Replica(C.model(model), C.server("dgx-h100"), tp, 1, w, w));
    }

    private static ServingSimulation.Report run(InferenceModel m, double rate, int in, int out, int requests,
                                                ServingSimulation.Config cfg, long seed) {
        RequestLoad w = new RequestLoad(rate, 1, RequestLoad.Lengths.fixed(in), RequestLoad.Lengths.fixed(out), seed);
        return ServingSimulation.run(m, 1, w, requests, cfg, OptionalDouble.of(2), OptionalDouble.of(0.1));
    }

    @Test
    void aCancelledRunReportsTheRequestsFinishedSoFar() {
        RequestLoad w = new RequestLoad(50, 1, RequestLoad.Lengths.fixed(256), RequestLoad.Lengths.fixed(64), 1);
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        long[] seen = {0};
        ServingSimulation.Report r = ServingSimulation.run(model("llama3-8b", 1, Precision.FP8), 1, w, 5000,
                ServingSimulation.Config.defaults(), OptionalDouble.empty(), OptionalDouble.empty(), n -> {
                    seen[0] = n;
                    if (n >= 1024) {
                        cancel.set(true);
                    }
                }, cancel);
        assertThat(seen[0]).isEqualTo(1024);
        assertThat(r.requests()).isEqualTo(1024);
    }

    @Test
    void everyRequestFinishesWithAllItsTokens() {
        ServingSimulation.Report r = run(model("llama3-8b", 1, Precision.FP8), 5, 256, 64, 300, ServingSimulation.Config.defaults(), 1);
        assertThat(r.requests()).isEqualTo(300);
        assertThat(r.outputTokensPerS() * r.makespanS()).isCloseTo(300 * 64, within(1e-6));
    }

    @Test
    void aLightLoadSeesTheUnloadedLatencies() {
        // one request at a time: TTFT is the prefill of 512 tokens, TPOT a one-sequence decode step
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        ServingSimulation.Report r = run(m, 0.01, 512, 32, 20, ServingSimulation.Config.defaults(), 2);
        assertThat(r.ttft().p50()).isCloseTo(m.prefill(1, 512), within(m.prefill(1, 512) * 0.01));
        assertThat(r.tpot().p50()).isCloseTo(m.decodeStep(1, 512 + 16), within(m.decodeStep(1, 528) * 0.05));
        assertThat(r.preemptions()).isZero();
    }

    @Test
    void aFullKvCachePreemptsByRecompute() {
        // Llama 2 70B in bf16 on two H100s leaves ~8 GiB per GPU of KV cache: long outputs at a high rate overflow it
        InferenceModel m = model("llama2-70b", 2, Precision.BF16);
        ServingSimulation.Report r = run(m, 50, 1024, 1024, 400, new ServingSimulation.Config(256, 4096, 16), 3);
        assertThat(r.preemptions()).isPositive();
        assertThat(r.kvUtilisationMax()).isGreaterThan(0.95);
        assertThat(r.requests()).isEqualTo(400);
    }

    @Test
    void swapPreemptionKeepsTheKvAndMovesItOverPcie() {
        InferenceModel m = model("llama2-70b", 2, Precision.BF16);
        ServingSimulation.Report recompute = run(m, 50, 1024, 1024, 400, new ServingSimulation.Config(256, 4096, 16, 0, false), 3);
        ServingSimulation.Report swap = run(m, 50, 1024, 1024, 400, new ServingSimulation.Config(256, 4096, 16, 0, true), 3);
        assertThat(swap.preemptions()).isPositive();
        assertThat(swap.requests()).isEqualTo(400);
        // no prompt is computed twice, so the same tokens come out in a different time
        assertThat(swap.outputTokensPerS() * swap.makespanS()).isCloseTo(400 * 1024, within(1e-6));
        assertThat(swap.makespanS()).isNotEqualTo(recompute.makespanS());
    }

    @Test
    void chunkedPrefillKeepsDecodesMovingPastLongPrompts() {
        // long 8K prompts among short chats: a small token budget bounds how long a decode step can stall
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        RequestLoad w = new RequestLoad(4, 1, RequestLoad.Lengths.uniform(64, 8000), RequestLoad.Lengths.fixed(128), 7);
        ServingSimulation.Report chunked = ServingSimulation.run(m, 1, w, 400, new ServingSimulation.Config(256, 512, 16),
                OptionalDouble.empty(), OptionalDouble.empty());
        ServingSimulation.Report whole = ServingSimulation.run(m, 1, w, 400, new ServingSimulation.Config(256, 16384, 16),
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(chunked.tpot().p99()).isLessThan(whole.tpot().p99());
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        ServingSimulation.Report a = run(m, 20, 300, 100, 500, ServingSimulation.Config.defaults(), 42);
        ServingSimulation.Report b = run(m, 20, 300, 100, 500, ServingSimulation.Config.defaults(), 42);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void moreReplicasLowerTheTail() {
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        RequestLoad w = new RequestLoad(60, 1, RequestLoad.Lengths.fixed(1024), RequestLoad.Lengths.fixed(256), 5);
        ServingSimulation.Report one = ServingSimulation.run(m, 1, w, 1000, ServingSimulation.Config.defaults(), OptionalDouble.empty(),
                OptionalDouble.empty());
        ServingSimulation.Report four = ServingSimulation.run(m, 4, w, 1000, ServingSimulation.Config.defaults(), OptionalDouble.empty(),
                OptionalDouble.empty());
        assertThat(four.e2e().p99()).isLessThan(one.e2e().p99());
    }

    @Test
    void disaggregationMovesTheKvCacheAndKeepsPrefillOutOfDecodeSteps() {
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        RequestLoad w = new RequestLoad(6, 1, RequestLoad.Lengths.uniform(256, 8000), RequestLoad.Lengths.fixed(128), 13);
        ServingSimulation.Report mixed = ServingSimulation.run(m, 4, w, 600, new ServingSimulation.Config(256, 8192, 16, 0),
                OptionalDouble.empty(), OptionalDouble.empty());
        ServingSimulation.Report split = ServingSimulation.run(m, 4, w, 600, new ServingSimulation.Config(256, 8192, 16, 1),
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(split.requests()).isEqualTo(600);
        assertThat(split.outputTokensPerS() * split.makespanS()).isCloseTo(600 * 128, within(1e-6));
        // decode steps no longer carry 8K-token prompt chunks, so the slowest tokens come faster
        assertThat(split.tpot().p99()).isLessThan(mixed.tpot().p99());
        // but every first token now waits for a prefill replica and a KV transfer
        assertThat(split.ttft().p50()).isGreaterThan(m.prefill(1, 256));
    }

    @Test
    void percentilesOfAKnownDistribution() {
        // 1..10,000 microseconds, uniform: p50 = 5,000, p90 = 9,000, p99 = 9,900 (3 significant digits)
        Histogram h = new Histogram(86_400_000_000L, 3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i);
        }
        ServingSimulation.Percentiles p = ServingSimulation.Percentiles.of(h);
        assertThat(p.p50()).isCloseTo(5e-3, within(5e-6));
        assertThat(p.p90()).isCloseTo(9e-3, within(9e-6));
        assertThat(p.p99()).isCloseTo(9.9e-3, within(9.9e-6));
        assertThat(p.mean()).isCloseTo(5.0005e-3, within(5e-6));
    }

    /** Returns {mean, coefficient of variation} of n inter-arrival gaps. */
    private static double[] gapStatistics(RequestLoad w, long seed, int n) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double g = w.gap(rnd);
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(sq / n - mean * mean) / mean};
    }

    @Test
    void poissonArrivalsHaveTheRequestedRate() {
        double[] st = gapStatistics(new RequestLoad(10, 1, RequestLoad.Lengths.fixed(1), RequestLoad.Lengths.fixed(1), 9), 9, 200_000);
        assertThat(st[0]).isCloseTo(0.1, within(0.001));
        assertThat(st[1]).isCloseTo(1.0, within(0.02));
    }

    @Test
    void gammaArrivalsHaveTheRequestedVariation() {
        double[] st = gapStatistics(new RequestLoad(10, 3, RequestLoad.Lengths.fixed(1), RequestLoad.Lengths.fixed(1), 9), 11, 400_000);
        assertThat(st[0]).isCloseTo(0.1, within(0.003));
        assertThat(st[1]).isCloseTo(3.0, within(0.1));
    }
}
