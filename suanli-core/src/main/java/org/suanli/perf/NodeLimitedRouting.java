package org.suanli.perf;

/**
 * Copies of one token an MoE dispatch sends under node-limited routing (DeepSeek-V3 §3.2.2): a token reaches at most M
 * nodes, crosses the scale-out fabric once per remote target node (to the GPU of the same in-node index) and is forwarded
 * over the scale-up link to the GPUs holding its experts; DeepEP's normal (high-throughput) kernels send it so.
 */
public final class NodeLimitedRouting {
    private NodeLimitedRouting() {
    }

    /**
     * Copies of one token that cross the scale-out fabric: it reaches min(M, N, top-k) of the N nodes, each remote with
     * probability (N-1)/N when the routed nodes are spread evenly (an assumption: balanced routing); at most one copy per
     * node (DeepSeek-V3 §3.2.2). DeepSeek-V3: M 4, N 8: 3.5.
     */
    public static double scaleOutCopies(int topK, int maxNodes, int nodes) {
        return Math.min(Math.min(maxNodes, nodes), topK) * (nodes - 1.0) / nodes;
    }

    /**
     * Copies of one token forwarded over the scale-up link: each of its top-k experts that does not sit on the GPU the
     * token arrived at (the same in-node index), (k-1)/k of them with {@code k} GPUs of the group per server (DeepSeek-V3
     * §3.2.2). DeepSeek-V3: 8 x 7/8 = 7.
     */
    public static double scaleUpCopies(int topK, int gpusPerServer) {
        return topK * (gpusPerServer - 1.0) / gpusPerServer;
    }
}
