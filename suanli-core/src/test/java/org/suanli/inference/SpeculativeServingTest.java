package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.software.ServingRuntime;

/** Speculative decoding and prefix caching priced in the static batch and in the serving simulation. */
class SpeculativeServingTest {
    private static final Catalog C = Catalog.builtIn();

    private static Replica llama70b() {
        return new Replica(C.model("llama3-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8, Precision.FP8);
    }

    private static InferenceModel model(Replica r, ServingFeatures f) {
        return new InferenceModel(r, C.runtime(ServingRuntime.DEFAULT), InferenceModel.MoeServing.DEFAULT, f);
    }

    private static ServingFeatures spec(Speculation.Method method, int k, double a) {
        return new ServingFeatures(new Speculation(method, k, a, Optional.empty()), PrefixCache.NONE);
    }

    private static ServingFeatures hit(double h) {
        return new ServingFeatures(Speculation.NONE, new PrefixCache(h));
    }

    @Test
    void zeroDraftTokensPriceExactlyAsPlainDecoding() {
        InferenceResult plain = model(llama70b(), ServingFeatures.NONE).evaluate(8, 1024, 256);
        assertThat(model(llama70b(), spec(Speculation.Method.MTP, 0, 0.9)).evaluate(8, 1024, 256)).isEqualTo(plain);
    }

    @Test
    void noPrefixHitChangesNothing() {
        InferenceResult plain = model(llama70b(), ServingFeatures.NONE).evaluate(8, 1024, 256);
        assertThat(model(llama70b(), hit(0)).evaluate(8, 1024, 256)).isEqualTo(plain);
    }

    @Test
    void halfAPromptCachedHalvesItsGemmsAndCutsAttentionToThreeQuarters() {
        // a 32K prompt is compute-bound: the GEMMs of the 16,384 new tokens are half the prompt's; their attention over the
        // cached 16,384 and their own causal half, 16,384 x (16,384 + 8,192), is 3/4 of the prompt's 32,768 x 16,384; so
        // the prefill falls to between 1/2 and 3/4 of its time
        InferenceModel plain = model(llama70b(), ServingFeatures.NONE);
        InferenceModel cached = model(llama70b(), hit(0.5));
        double full = plain.evaluate(1, 32_768, 1).ttftS();
        double half = cached.evaluate(1, 32_768, 1).ttftS();
        assertThat(half / full).isBetween(0.5, 0.75);
        // and it is exactly the forward pass over the 16,384 new tokens after a context of 16,384
        assertThat(half).isEqualTo(plain.forward(1, 16_384, 16_384));
        assertThat(cached.evaluate(4, 32_768, 1).prefillTokensSaved()).isEqualTo(4 * 16_384);
    }

    @Test
    void fullAcceptanceEmitsKPlusOneTokensPerStep() {
        InferenceResult r = model(llama70b(), spec(Speculation.Method.EAGLE, 3, 1)).evaluate(1, 1024, 256);
        assertThat(r.decodeTokensPerStep()).isEqualTo(4);
    }

    @Test
    void timePerTokenIsTheSpeculativeStepOverItsExpectedTokens() {
        InferenceModel m = model(llama70b(), spec(Speculation.Method.EAGLE, 3, 0.8));
        InferenceResult r = m.evaluate(1, 1024, 256);
        double step = m.speculativeDecode(1, 1024 + 128).seconds();
        assertThat(r.tpotS()).isCloseTo(step / 2.952, within(1e-12));
    }

    @Test
    void speculationSpeedsUpBatchOneDecodingLessThanItsTokensPerStep() {
        // at batch 1 a decode step reads all weights for one token: verifying four positions costs little more, so the
        // time per token falls by nearly the tokens per step, but the drafts and the verification are not free
        double plain = model(llama70b(), ServingFeatures.NONE).evaluate(1, 1024, 256).tpotS();
        double eagle = model(llama70b(), spec(Speculation.Method.EAGLE, 3, 0.8)).evaluate(1, 1024, 256).tpotS();
        assertThat(plain / eagle).isBetween(2.0, 2.952);
    }

    @Test
    void aDraftModelAddsItsWeightsToEachGpu() {
        var d = new ServingFeatures(new Speculation(Speculation.Method.DRAFT, 4, 0.7, Optional.of(C.model("llama3-8b"))), PrefixCache.NONE);
        InferenceModel plain = model(llama70b(), ServingFeatures.NONE);
        InferenceModel withDraft = model(llama70b(), d);
        double params8b = C.model("llama3-8b").totalParams();
        // an 8B draft in fp8 over the same eight GPUs: about 1 byte per parameter / 8 more per GPU (embeddings in 16 bits)
        assertThat(withDraft.weightBytesPerGpu() - plain.weightBytesPerGpu()).isBetween(params8b / 8, params8b * 1.2 / 8);
    }

    @Test
    void mtpOnDeepSeekV3DraftsWithOneMoeLayerAndTheSharedHead() {
        Replica r = new Replica(C.model("deepseek-v3"), C.server("hgx-h200"), 8, 1, Precision.FP8, Precision.BF16);
        var mtp = new Speculation(Speculation.Method.MTP, 1, 0.85, Optional.empty());
        double step = model(r, ServingFeatures.NONE).evaluate(1, 1024, 256).tpotS();
        double draft = Drafter.of(r, C.runtime(ServingRuntime.DEFAULT), InferenceModel.MoeServing.DEFAULT, mtp).orElseThrow()
                .draftPasses(1, 1024 + 128).seconds();
        // one module of one MoE block against the target's 61 layers, plus the output head: between 1/61 and 1/20 of a step
        assertThat(draft / step).isBetween(1.0 / 61, 1.0 / 20);
    }

    @Test
    void verifyingTwoPositionsOfAnMoeModelAtBatchOneReadsTwiceTheRoutedExperts() {
        // each position routes to its own 8 of 256 experts: the verification of 2 positions reads up to 16 experts'
        // weights where a plain step reads 8. The 8 more experts of each of 58 MoE layers, 3 x 7168 x 2048 fp8 bytes each,
        // are 20.4 GB, 2.55 GB per GPU at TP 8, read at 4.8 TB/s x 0.907 (H200, fp8 GEMV fraction): 0.59 ms more than
        // the plain step, whose fixed per-layer costs the verification pays once; less than two plain steps
        Replica r = new Replica(C.model("deepseek-v3"), C.server("hgx-h200"), 8, 1, Precision.FP8, Precision.BF16);
        InferenceModel m = model(r, ServingFeatures.NONE);
        double plain = m.cost(1, 1, 1152).seconds();
        double verify = m.cost(1, 2, 1152, true).seconds();
        double moreExperts = 58 * 8 * 3 * 7168 * 2048.0 / 8 / (4.8e12 * 0.907);
        assertThat(verify - plain).isCloseTo(moreExperts, within(0.2 * moreExperts));
        assertThat(verify).isLessThan(2 * plain);
    }

    @Test
    void theSimulationEmitsTheExpectedTokensPerSpeculativeStep() {
        InferenceModel m = model(llama70b(), spec(Speculation.Method.EAGLE, 3, 0.8));
        var load = RequestLoad.offline(RequestLoad.Lengths.parse("fixed", 512), RequestLoad.Lengths.parse("fixed", 512), 1);
        var r = ServingSimulation.run(m, 1, load, 64, ServingSimulation.Config.defaults(), OptionalDouble.empty(), OptionalDouble.empty());
        // the draws average (1 - 0.8^4) / 0.2 = 2.952, a little less where a request's last step is cut at its output length
        assertThat(r.decodeTokensPerStep()).isCloseTo(2.952, within(0.05));
        assertThat(r.requests()).isEqualTo(64);
    }

    @Test
    void speculationRaisesSimulatedThroughputAtSmallBatch() {
        var load = RequestLoad.offline(RequestLoad.Lengths.parse("fixed", 512), RequestLoad.Lengths.parse("fixed", 512), 1);
        var plain = ServingSimulation.run(model(llama70b(), ServingFeatures.NONE), 1, load, 4, ServingSimulation.Config.defaults(),
                OptionalDouble.empty(), OptionalDouble.empty());
        var eagle = ServingSimulation.run(model(llama70b(), spec(Speculation.Method.EAGLE, 3, 0.8)), 1, load, 4,
                ServingSimulation.Config.defaults(), OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(eagle.outputTokensPerS() / plain.outputTokensPerS()).isBetween(1.8, 2.952);
        assertThat(eagle.tpot().mean()).isLessThan(plain.tpot().mean());
    }

    @Test
    void aPrefixHitShortensSimulatedTimeToFirstTokenAndCountsTheSavedTokens() {
        var load = RequestLoad.offline(RequestLoad.Lengths.parse("fixed", 8192), RequestLoad.Lengths.parse("fixed", 16), 1);
        var plain = ServingSimulation.run(model(llama70b(), ServingFeatures.NONE), 1, load, 32, ServingSimulation.Config.defaults(),
                OptionalDouble.empty(), OptionalDouble.empty());
        var cached = ServingSimulation.run(model(llama70b(), hit(0.75)), 1, load, 32, ServingSimulation.Config.defaults(),
                OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(cached.prefillTokensSaved()).isEqualTo(32L * 6144);
        assertThat(plain.prefillTokensSaved()).isZero();
        assertThat(cached.ttft().mean()).isLessThan(plain.ttft().mean() / 2);
    }

    @Test
    void theSimulationWithoutFeaturesIsUnchangedBySpeculationOfZeroTokens() {
        var load = RequestLoad.offline(RequestLoad.Lengths.parse("uniform", 512), RequestLoad.Lengths.parse("uniform", 256), 3);
        var plain = ServingSimulation.run(model(llama70b(), ServingFeatures.NONE), 1, load, 50, ServingSimulation.Config.defaults(),
                OptionalDouble.empty(), OptionalDouble.empty());
        var zero = ServingSimulation.run(model(llama70b(), spec(Speculation.Method.MTP, 0, 0.9)), 1, load, 50,
                ServingSimulation.Config.defaults(), OptionalDouble.empty(), OptionalDouble.empty());
        assertThat(zero.outputTokensPerS()).isEqualTo(plain.outputTokensPerS());
        assertThat(zero.decodeTokensPerStep()).isEqualTo(1);
    }
}
