package org.suanli.workload;

/**
 * Mixture-of-experts layers: each token goes to {@code topK} of {@code experts} routed experts plus
 * all shared experts; the first {@code denseLayers} layers keep a dense MLP (DeepSeek-V3 style), and of the
 * layers after them every {@code layerStep}-th one is MoE, the others dense (Llama 4 Maverick's
 * {@code interleave_moe_layer_step} 2: layers 1, 3, 5... are MoE). {@code maxNodesPerToken} is node-limited routing:
 * each token's experts lie on at most that many nodes (DeepSeek-V3 §2.1.2 and §4.2: M = 4; config.json's
 * {@code topk_group}), 0 when routing is not limited.
 */
public record Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers, int layerStep,
                  int maxNodesPerToken) {
    public Moe {
        if (experts < 1 || topK < 1 || topK > experts || sharedExperts < 0 || expertFfnHidden < 1 || denseLayers < 0
                || layerStep < 1) {
            throw new IllegalArgumentException(
                    "moe: need experts >= top_k >= 1, shared_experts >= 0, expert_ffn_hidden >= 1, layer_step >= 1");
        }
        if (maxNodesPerToken < 0) {
            throw new IllegalArgumentException("moe: max_nodes_per_token must be at least 1 (or absent)");
        }
    }

    /** Routing not limited to nodes. */
    public Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers, int layerStep) {
        this(experts, topK, sharedExperts, expertFfnHidden, denseLayers, layerStep, 0);
    }

    /** Every layer after the first {@code denseLayers} is MoE (layer step 1). */
    public Moe(int experts, int topK, int sharedExperts, int expertFfnHidden, int denseLayers) {
        this(experts, topK, sharedExperts, expertFfnHidden, denseLayers, 1);
    }
}
