package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.suanli.inference.ServingFeatures;

/**
 * Speculative decoding and prefix caching of a serving result, written flat into it: the method (none, mtp, eagle, draft),
 * draft tokens per step, per-token acceptance, the draft model (null unless the draft method), the tokens a decode step
 * emits per sequence (expected in a static batch, drawn and counted in a simulation), the prefix-cache hit share and the
 * prompt tokens the cache spared the prefill.
 */
@JsonNaming(SnakeCase.class)
public record FeaturesJson(String specMethod, int specDraftTokens, double specAcceptance, String specDraftModel,
                           double decodeTokensPerStep, double prefixCacheHit, long prefillTokensSaved) {

    /** Returns the features {@code f} with the measured tokens per step and prefill tokens saved. */
    public static FeaturesJson of(ServingFeatures f, double decodeTokensPerStep, long prefillTokensSaved) {
        var s = f.speculation();
        return new FeaturesJson(s.method().key(), s.draftTokens(), s.acceptance(), s.draftModel().map(m -> m.id()).orElse(null),
                decodeTokensPerStep, f.prefixCache().hit(), prefillTokensSaved);
    }
}
