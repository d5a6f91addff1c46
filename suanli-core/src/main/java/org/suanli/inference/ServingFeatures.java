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
}
