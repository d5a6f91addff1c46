package org.suanli.training;

/**
 * ZeRO-3 / FSDP as it runs, layer by layer: before a unit (the embedding, a transformer layer, the output head)
 * computes, its parameters are all-gathered over the data-parallel group, and after its backward pass its gradients
 * are reduce-scattered. With prefetch the next unit's gather runs on its own stream while this unit computes, so a
 * gather waits only for what the unit before it leaves uncovered (Zhao et al., "PyTorch FSDP", VLDB 2023, sec. 3.4 and
 * 4: backward and forward prefetch; Rajbhandari et al., "ZeRO", SC'20, sec. 5.3 and 7: parameters gathered per layer in
 * forward and backward, gradients reduce-scattered). Small micro-batches shrink the compute that hides the gathers, which
 * is where ZeRO-3 stops scaling.
 */
final class ShardedSchedule {

    private ShardedSchedule() {
    }

    /**
     * Exposed communication of one micro-batch through units 0..n-1 in forward order, seconds: the first gather, then
     * per unit whatever its prefetched gather takes beyond the unit before it; in backward (reverse order) each unit's
     * compute hides the next unit's gather and the previous unit's reduce-scatter, and the last reduce-scatter (unit 0's)
     * waits alone. With {@code reshard} each unit but the last in forward order is gathered again for its backward
     * (the last is still whole: torchtitan's apply_fsdp keeps it). Without {@code prefetch} nothing overlaps.
     *
     * @param gather all-gather time of each unit's parameters
     * @param reduceScatter reduce-scatter time of each unit's gradients
     * @param fwd each unit's forward time on the compute stream
     * @param bwd each unit's backward time on the compute stream (with any recompute)
     */
    static double exposed(double[] gather, double[] reduceScatter, double[] fwd, double[] bwd, boolean reshard, boolean prefetch) {
        int n = gather.length;
        if (n == 0) {
            return 0;
        }
        double[] again = new double[n];
        for (int u = 0; u < n - 1; u++) {
            again[u] = reshard ? gather[u] : 0;
        }
        double out = 0;
        if (!prefetch) {
            for (int u = 0; u < n; u++) {
                out += gather[u] + again[u] + reduceScatter[u];
            }
            return out;
        }
        // forward: gather u+1 behind the compute of u
        out += gather[0];
        for (int u = 1; u < n; u++) {
            out += Math.max(0, gather[u] - fwd[u - 1]);
        }
        // backward, units n-1 down to 0: while v computes, the stream gathers v-1 and reduce-scatters v+1
        out += again[n - 1];
        for (int v = n - 1; v >= 0; v--) {
            double comm = (v > 0 ? again[v - 1] : 0) + (v < n - 1 ? reduceScatter[v + 1] : 0);
            out += Math.max(0, comm - bwd[v]);
        }
        return out + reduceScatter[0];
    }
}
