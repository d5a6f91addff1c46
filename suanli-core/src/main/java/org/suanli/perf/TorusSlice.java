package org.suanli.perf;

import java.util.List;
import java.util.Optional;

/**
 * The torus slice a job of some chips is given inside a pod, and the axes a collective group spans in it. The
 * slice is the most cube-like shape that fits the pod's dimensions (least sum of edges, as Google's slice tables
 * list them: v5p 512 chips = 8x8x8, 128 = 4x4x8; v5e/v6e 256 = 16x16, 32 = 4x8). Ranks fill the slice axis by
 * axis, the first fastest, so a group of n ranks spaced s apart covers the axes whose place values lie in [s, s·n).
 * An axis has wraparound links when its length is a multiple of the pod's wraparound rule (Google Cloud TPU v5p
 * docs: slices of a 4x4x4 cube or more are full 3D tori; Austin et al. 2025, "How to Scale Your Model", part 3:
 * "TPU v5e only has a wraparound connection when one axis has size 16").
 *
 * @param dims the slice's edge lengths
 * @param wrap per axis, whether it has wraparound links
 * @param axisBytesPerS per axis, a chip's bandwidth on it (both ports, both directions summed)
 */
public record TorusSlice(int[] dims, boolean[] wrap, double[] axisBytesPerS) {

    /**
     * Returns the slice of {@code chips} chips in a pod of {@code podDims}, or empty when no shape of that many
     * chips fits. {@code axisBytesPerS} gives each pod axis' bandwidth per chip.
     */
    public static Optional<TorusSlice> of(List<Integer> podDims, int wraparound, List<Double> axisBytesPerS, int chips) {
        int k = podDims.size();
        int[] best = null;
        int[] cur = new int[k];
        best = search(podDims, chips, 0, cur, best);
        if (best == null) {
            return Optional.empty();
        }
        boolean[] wrap = new boolean[k];
        double[] bw = new double[k];
        for (int i = 0; i < k; i++) {
            wrap[i] = best[i] > 2 && wraparound > 0 && best[i] % wraparound == 0;
            bw[i] = axisBytesPerS.get(i);
        }
        return Optional.of(new TorusSlice(best, wrap, bw));
    }

    private static int[] search(List<Integer> podDims, int remaining, int axis, int[] cur, int[] best) {
        if (axis == podDims.size()) {
            if (remaining == 1 && (best == null || sum(cur) < sum(best))) {
                return cur.clone();
            }
            return best;
        }
        for (int d = 1; d <= Math.min(remaining, podDims.get(axis)); d++) {
            if (remaining % d == 0) {
                cur[axis] = d;
                best = search(podDims, remaining / d, axis + 1, cur, best);
            }
        }
        return best;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    /** Returns the number of chips in the slice. */
    public int chips() {
        int p = 1;
        for (int d : dims) {
            p *= d;
        }
        return p;
    }

    /**
     * Returns, per axis, how many positions a group of {@code n} ranks spaced {@code stride} apart covers on it
     * (1 where the group does not vary along the axis).
     */
    public int[] span(int n, int stride) {
        int[] out = new int[dims.length];
        long lo = Math.max(1, stride);
        long hi = lo * n;
        long place = 1;
        for (int i = 0; i < dims.length; i++) {
            long next = place * dims[i];
            out[i] = (int) Math.max(1, Math.min(next, hi) / Math.max(place, lo));
            out[i] = Math.min(out[i], dims[i]);
            place = next;
        }
        return out;
    }

    /**
     * Returns the ring bandwidth of each axis a group spans, bytes/s: on an axis it covers whole with wraparound, a
     * bidirectional ring (half the axis' per-chip figure: both ports, one direction each); on an axis without
     * wraparound, or covered only in part, a line, whose farthest shard crosses every hop one way (a quarter);
     * 0 on axes the group does not span (Austin et al. 2025, part 3, "AllGather over multiple axes").
     */
    public double[] ringBytesPerS(int n, int stride) {
        int[] m = span(n, stride);
        double[] out = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (m[i] > 1) {
                boolean ring = wrap[i] && m[i] == dims[i];
                out[i] = axisBytesPerS[i] / (ring ? 2 : 4);
            }
        }
        return out;
    }

    /** Returns the hops of the longest path a collective over the group takes: a ring's half, a line's length - 1. */
    public int hops(int n, int stride) {
        int[] m = span(n, stride);
        int h = 0;
        for (int i = 0; i < dims.length; i++) {
            if (m[i] > 1) {
                h += wrap[i] && m[i] == dims[i] ? m[i] / 2 : m[i] - 1;
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorusSlice t && java.util.Arrays.equals(dims, t.dims) && java.util.Arrays.equals(wrap, t.wrap)
                && java.util.Arrays.equals(axisBytesPerS, t.axisBytesPerS);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int d : dims) {
            b.append(b.length() == 0 ? "" : "x").append(d);
        }
        return b.toString();
    }
}
