package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.PrefixCache;
import org.suanli.inference.Replica;
import org.suanli.inference.ServingFeatures;
import org.suanli.inference.Speculation;

/** The {@code speedup:<metric>} validation metric: the row's metric with its serving features over the same row without. */
class SpeedupMetricTest {
    private static final Catalog C = Catalog.builtIn();

    private static ValidationRow row(Map<String, Object> extra, String metric) {
        Map<String, Object> layout = new java.util.LinkedHashMap<>(Map.of("tp", 8, "batch", 1, "input_len", 1024, "output_len", 256,
                "weights", "fp8", "kv_cache", "fp8"));
        layout.putAll(extra);
        return new ValidationRow("r", "", "llama3-70b", "dgx-h100", 8, layout, 2, OptionalDouble.empty(), "", "inference", metric,
                Optional.empty());
    }

    private static ValidationSuite suite(ValidationRow row) {
        return new ValidationSuite("s", "inference", "", "speedup:output_tokens_per_s", "vllm-0.8", 10, 25, Double.NaN, Double.NaN,
                java.util.List.of(row));
    }

    private static InferenceModel model(ServingFeatures f) {
        return new InferenceModel(new Replica(C.model("llama3-70b"), C.server("dgx-h100"), 8, 1, Precision.FP8, Precision.FP8),
                C.runtime("vllm-0.8"), InferenceModel.MoeServing.DEFAULT, f);
    }

    @Test
    void aRateSpeedupIsTheRateWithTheFeatureOverTheRateWithout() {
        ValidationRow r = row(Map.of("spec_method", "eagle", "spec_draft_tokens", 3, "spec_acceptance", 0.8), "speedup:output_tokens_per_s");
        double predicted = Validator.predict(suite(r), r, C, Optional.empty()).value();
        var eagle = new ServingFeatures(new Speculation(Speculation.Method.EAGLE, 3, 0.8, Optional.empty()), PrefixCache.NONE);
        double with = model(eagle).evaluate(1, 1024, 256).outputTokensPerS();
        double without = model(ServingFeatures.NONE).evaluate(1, 1024, 256).outputTokensPerS();
        assertThat(predicted).isCloseTo(with / without, within(1e-12));
        assertThat(predicted).isGreaterThan(1);
    }

    @Test
    void aTimeSpeedupIsTheTimeWithoutOverTheTimeWith() {
        ValidationRow r = row(Map.of("prefix_cache_hit", 0.5), "speedup:ttft_s");
        double predicted = Validator.predict(suite(r), r, C, Optional.empty()).value();
        double with = model(new ServingFeatures(Speculation.NONE, new PrefixCache(0.5))).evaluate(1, 1024, 256).ttftS();
        double without = model(ServingFeatures.NONE).evaluate(1, 1024, 256).ttftS();
        assertThat(predicted).isCloseTo(without / with, within(1e-12));
        assertThat(predicted).isGreaterThan(1);
    }

    @Test
    void aPublishedAcceptanceLengthSetsThePerTokenAcceptance() {
        ValidationRow r = row(Map.of("spec_method", "mtp", "spec_draft_tokens", 2, "spec_acceptance_length", 2.18), "output_tokens_per_s");
        Speculation s = Validator.features(r, C).speculation();
        assertThat(s.tokensPerStep()).isCloseTo(2.18, within(1e-9));
    }

    @Test
    void aRowWithoutFeaturesHasASpeedupOfOne() {
        ValidationRow r = row(Map.of(), "speedup:output_tokens_per_s");
        assertThat(Validator.predict(suite(r), r, C, Optional.empty()).value()).isEqualTo(1);
    }
}
