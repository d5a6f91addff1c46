package org.suanli.inference;

/**
 * The serving features a replica runs beyond its layout and runtime: speculative decoding and prefix caching. Both
 * default to off, which prices steps exactly as plain decoding without a prefix cache.
 */
public record ServingFeatures(Speculation speculation, PrefixCache prefixCache) {
    /** Plain decoding, no prefix cache. */
    public static final ServingFeatures NONE = new ServingFeatures(Speculation.NONE, PrefixCache.NONE);

    public ServingFeatures {
        java.util.Objects.requireNonNull(speculation, "speculation");
        java.util.Objects.requireNonNull(prefixCache, "prefixCache");
    }

    /**
     * Returns the features a user asked for: {@code method} (mtp, eagle, draft, or null/none for plain decoding), the
     * draft tokens per step and per-token acceptance (null: the method's published default, see
     * {@link Speculation.Method}), the draft model of the draft method, and the prefix-cache hit share (null: 0). A draft
     * length, acceptance or draft model without a method is an error naming the option.
     */
    public static ServingFeatures of(String method, Integer draftTokens, Double acceptance, java.util.Optional<org.suanli.workload.Model> draftModel,
                                     Double prefixCacheHit) {
        PrefixCache cache = new PrefixCache(prefixCacheHit == null ? 0 : prefixCacheHit);
        Speculation.Method m = method == null ? Speculation.Method.NONE : Speculation.Method.of(method);
        if (m == Speculation.Method.NONE) {
            String stray = draftTokens != null ? "--spec-tokens" : acceptance != null ? "--spec-acceptance" : draftModel.isPresent() ? "--draft-model" : null;
            if (stray != null) {
                throw new org.suanli.BadInputException(stray, "given without a speculative method", "expected --spec-method mtp, eagle or draft");
            }
            return new ServingFeatures(Speculation.NONE, cache);
        }
        return new ServingFeatures(new Speculation(m, draftTokens == null ? m.defaultDraftTokens() : draftTokens,
                acceptance == null ? m.defaultAcceptance() : acceptance, draftModel), cache);
    }
}
