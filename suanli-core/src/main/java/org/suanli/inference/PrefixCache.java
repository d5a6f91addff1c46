package org.suanli.inference;

import org.suanli.BadInputException;

/**
 * Prefix caching as a hit rate: the share of each prompt's tokens whose KV cache is found already computed (a shared
 * system prompt, an earlier turn of the conversation) and so is not recomputed in prefill; the cached KV still occupies
 * the cache and every new token still attends to it (vLLM automatic prefix caching; SGLang RadixAttention, Zheng et al.
 * 2024, "SGLang: Efficient Execution of Structured Language Model Programs" §3). At least the last prompt token is always
 * computed, since its forward pass yields the first output token (vLLM recomputes the last token of a fully cached
 * prompt).
 */
public record PrefixCache(double hit) {
    /** No prefix found cached. */
    public static final PrefixCache NONE = new PrefixCache(0);

    public PrefixCache {
        if (!(hit >= 0 && hit <= 1)) {
            throw new BadInputException("--prefix-cache-hit", String.valueOf(hit), "expected the share of prompt tokens found cached, 0 to 1");
        }
    }

    /** Returns the tokens of an {@code inputLen}-token prompt found cached: the hit share, rounded down, leaving at least one to compute. */
    public int cachedTokens(int inputLen) {
        return (int) Math.max(0, Math.min(inputLen - 1L, (long) Math.floor(hit * inputLen)));
    }
}
