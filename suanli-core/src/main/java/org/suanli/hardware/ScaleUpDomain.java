package org.suanli.hardware;

import java.util.List;

/**
 * The accelerators that reach each other over a system's scale-up fabric, which may span several nodes (GB200
 * NVL72: 72 GPUs over 18 trays of 4; a TPU pod's ICI torus; CloudMatrix 384's UB network), and the node, the
 * smallest unit a job is given (a compute tray, a TPU host, an instance). For a torus the dimensions of the
 * largest slice a job may take, the rule for wraparound links, and each axis' bandwidth per chip.
 *
 * @param size accelerators in one scale-up domain; at least the node, at most the catalog entry's count
 * @param node accelerators per node: jobs take whole nodes (a plain server is one node)
 * @param torus the torus dimensions (their product is {@code size}); empty unless the topology is a torus
 * @param wraparound an axis of a job's slice has wraparound links when its length is a multiple of this
 *     (TPU v5p: 4, a cube's edge; v5e/v6e: 16, the full pod edge); 0 without a torus
 * @param axisBytesPerS per torus axis, a chip's bandwidth on that axis, both directions of both its ports summed;
 *     empty when every axis has an equal share of the chip's scale-up link
 */
public record ScaleUpDomain(int size, int node, List<Integer> torus, int wraparound, List<Double> axisBytesPerS) {

    public ScaleUpDomain {
        torus = List.copyOf(torus);
        axisBytesPerS = List.copyOf(axisBytesPerS);
        if (node < 1 || size < node) {
            throw new IllegalArgumentException("scale-up domain of " + size + " with nodes of " + node);
        }
    }

    /** The domain of a plain server: its own accelerators, one node. */
    public static ScaleUpDomain server(int accelerators) {
        int n = Math.max(1, accelerators);
        return new ScaleUpDomain(n, n, List.of(), 0, List.of());
    }

    /** Returns true when the domain spans more than one node (a rack or pod rather than a server). */
    public boolean spansNodes() {
        return size > node;
    }

    /** Returns true for a torus domain. */
    public boolean isTorus() {
        return !torus.isEmpty();
    }

    /**
     * Returns the accelerators of a {@code gpus}-accelerator job that share one domain: all of them when the job
     * fits in one, else the largest multiple of the node at most the domain size that divides the job (256 GPUs
     * on NVL72 racks: 64 per rack, 4 racks), or 0 when none does. A plain server returns its own size.
     */
    public int ranksPerDomain(int gpus) {
        if (!spansNodes()) {
            return size;
        }
        if (gpus <= size) {
            return gpus;
        }
        for (int r = size - size % node; r >= node; r -= node) {
            if (gpus % r == 0) {
                return r;
            }
        }
        return 0;
    }
}
