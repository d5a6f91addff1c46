package org.suanli.inference;

import java.util.Locale;
import java.util.Optional;
import org.suanli.BadInputException;
import org.suanli.workload.Model;

/**
 * Speculative decoding (Leviathan et al. 2023, "Fast Inference from Transformers via Speculative Decoding"; Chen et al.
 * 2023, speculative sampling): a cheap drafter proposes {@code draftTokens} tokens per sequence, the target verifies
 * them in one forward pass over draftTokens + 1 positions, and keeps the longest accepted prefix plus one token of its
 * own. With each draft token accepted independently with probability {@code acceptance}, a step emits
 * (1 - a^(k+1)) / (1 - a) tokens on average (Leviathan et al. 2023, §3.1, eq. 1). The drafter is a
 * multi-token-prediction module of the target ({@link Method#MTP}, DeepSeek-V3 §2.2), an EAGLE head
 * ({@link Method#EAGLE}, Li et al. 2024: one decoder layer over the target's features, sharing its LM head) or a
 * separate small model ({@link Method#DRAFT}).
 */
public record Speculation(Method method, int draftTokens, double acceptance, Optional<Model> draftModel) {
    /** Most draft tokens per step accepted (runtimes verify at most a few dozen positions per sequence). */
    public static final int MAX_DRAFT_TOKENS = 64;

    /** Plain decoding: one token per sequence per step. */
    public static final Speculation NONE = new Speculation(Method.NONE, 0, 0, Optional.empty());

    /** How the draft tokens are produced. */
    public enum Method {
        NONE("none"), MTP("mtp"), EAGLE("eagle"), DRAFT("draft");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        /** Returns the method's command-line key. */
        public String key() {
            return key;
        }

        /** Returns the method named by {@code key} (mtp, eagle, draft, none). */
        public static Method of(String key) {
            for (Method m : values()) {
                if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new BadInputException("--spec-method", "'" + key + "'", "expected mtp, eagle, draft or none");
        }

        /**
         * Returns the draft length a runtime uses by default for this method: MTP 1 (DeepSeek-V3 ships one MTP module,
         * "The official DeepSeek-V3 and DeepSeek-R1 have only one MTP module in their checkpoints", TensorRT-LLM tech blog
         * 2); EAGLE and a draft model 2 (SGLang's recommended "draft_token_num" of 2 to 3 with one of them the verified
         * token, lmsys.org/blog/2025-07-17-mtp "MTP Best Practices").
         */
        public int defaultDraftTokens() {
            return switch (this) {
                case NONE -> 0;
                case MTP -> 1;
                case EAGLE, DRAFT -> 2;
            };
        }

        /**
         * Returns the per-token acceptance a method reaches by default. MTP: 0.85, the low end of DeepSeek-V3's "acceptance
         * rate of the second token prediction ranges between 85% and 90%" (report §5.4.3, read through a verbatim quotation;
         * the report itself is not in the stored sources, so an assumption until checked). EAGLE: 0.70, solved from SGLang's
         * EAGLE-style MTP on DeepSeek-V3 with a 3-token window, "an average acceptance length of 2.18 tokens"
         * (1 + a + a^2 = 2.18). A draft model: the same 0.70, an assumption (no published default read).
         */
        public double defaultAcceptance() {
            return switch (this) {
                case NONE -> 0;
                case MTP -> 0.85;
                case EAGLE, DRAFT -> 0.70;
            };
        }
    }

    public Speculation {
        if (draftTokens < 0 || draftTokens > MAX_DRAFT_TOKENS) {
            throw new BadInputException("--spec-tokens", String.valueOf(draftTokens), "expected 0 to " + MAX_DRAFT_TOKENS + " draft tokens per step");
        }
        if (!(acceptance >= 0 && acceptance <= 1)) {
            throw new BadInputException("--spec-acceptance", String.valueOf(acceptance), "expected a per-token acceptance rate from 0 to 1");
        }
        if (method == Method.DRAFT && draftModel.isEmpty()) {
            throw new BadInputException("--spec-method draft", "no draft model", "expected --draft-model ID");
        }
        if (method != Method.DRAFT && draftModel.isPresent()) {
            throw new BadInputException("--draft-model", "given with --spec-method " + method.key(), "expected --spec-method draft");
        }
        if (method == Method.NONE && draftTokens > 0) {
            throw new BadInputException("--spec-tokens", draftTokens + " without a method", "expected --spec-method mtp, eagle or draft");
        }
    }

    /** Returns a speculation of {@code method} with its published defaults. */
    public static Speculation defaults(Method method, Optional<Model> draftModel) {
        return new Speculation(method, method.defaultDraftTokens(), method.defaultAcceptance(), draftModel);
    }

    /** Returns true when steps propose draft tokens. */
    public boolean active() {
        return method != Method.NONE && draftTokens > 0;
    }

    /**
     * Returns the tokens one step emits per sequence on average: (1 - a^(k+1)) / (1 - a) (Leviathan et al. 2023, eq. 1),
     * k + 1 when every draft is accepted, 1 without drafts.
     */
    public double tokensPerStep() {
        return tokensPerStep(draftTokens, acceptance);
    }

    /** Returns (1 - a^(k+1)) / (1 - a), the limit k + 1 at a = 1. */
    public static double tokensPerStep(int k, double a) {
        if (a >= 1) {
            return k + 1;
        }
        return (1 - Math.pow(a, k + 1)) / (1 - a);
    }

    /**
     * Returns the per-token acceptance that makes a step of {@code k} drafts emit {@code meanTokens} tokens on average
     * (a published "acceptance length", counting the target's own token), by bisection on the increasing
     * {@link #tokensPerStep(int, double)}.
     */
    public static double acceptanceForMeanTokens(int k, double meanTokens) {
        if (k < 1 || !(meanTokens >= 1 && meanTokens <= k + 1)) {
            throw new BadInputException("acceptance_length", String.valueOf(meanTokens),
                    "expected tokens per step from 1 to draft tokens + 1 (" + (k + 1) + ")");
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (tokensPerStep(k, mid) < meanTokens) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * Draws the tokens one step emits for one sequence: j accepted drafts with probability a^j (1 - a) for j < k and a^k
     * for j = k (each draft accepted independently until the first rejection), plus the target's own token; the mean is
     * {@link #tokensPerStep()}.
     */
    public int drawTokens(java.util.SplittableRandom rnd) {
        int accepted = 0;
        while (accepted < draftTokens && rnd.nextDouble() < acceptance) {
            accepted++;
        }
        return accepted + 1;
    }
}
