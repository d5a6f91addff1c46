package org.suanli.workload;

/**
 * Mixture-of-experts layers: each token goes to {@code topK} of {@code experts} routed experts plus
 * all shared experts; the first {@code denseLayers} layers keep a dense MLP (DeepSeek-V3 style).
 */
public record Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers) {
    public Moe {
        if (experts < 1 || topK < 1 || topK > experts || sharedExperts < 0 || expertFfnHidden < 1 || denseLayers < 0) {
            throw new IllegalArgumentException("moe: need experts >= top_k >= 1, shared_experts >= 0, expert_ffn_hidden >= 1");
        }
    }
}
