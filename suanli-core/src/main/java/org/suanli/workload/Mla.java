package org.suanli.workload;

/**
 * Multi-head latent attention (DeepSeek-V2 §2.1, DeepSeek-V3 §2.1.1): queries and keys/values are
 * projected through low-rank latents; the KV cache holds only the kv latent plus the shared rope key.
 */
public record Mla(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {
    public Mla {
        if (qLoraRank < 0 || kvLoraRank < 1 || qkNopeHeadDim < 1 || qkRopeHeadDim < 0 || vHeadDim < 1) {
            throw new IllegalArgumentException("mla: ranks and head dims must be positive");
        }
    }
}
