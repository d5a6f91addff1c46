package org.suanli.perf;

import java.util.Set;

/**
 * Picks the fastest collective algorithm a run may use for one message size and group span, as NCCL's tuner does
 * (NVIDIA/nccl src/graph/tuning.cc {@code ncclTopoTuneModel}: each algorithm's time is latency + size / bandwidth,
 * the smallest wins). Groups inside one server run on the scale-up tier; groups across servers are hierarchical
 * ({@link Collectives}): the in-server phases on the scale-up tier, the cross-server phase by the algorithm on the
 * fabric tier the group reaches. Per algorithm, across {@code s} servers on a shard of S bytes, with per-GPU
 * bandwidth {@code bw} and per-step latency {@code α}:
 * <ul>
 * <li>ring all-reduce 2(s-1)/s·S/bw + 2(s-1)·α (Thakur et al. 2005);</li>
 * <li>tree all-reduce (double binary tree) 2·S/(0.92·bw) + 2·log2(s)·α: tuning.cc converts the tree's bus
 *     bandwidth (×0.92) to algorithm bandwidth at half, and charges 2·log2(nNodes) network latencies;</li>
 * <li>CollNet (SHARP) all-reduce S/(f·bw) + 2·α: the switches reduce, so each server sends and receives its shard
 *     once (Graham et al., "Scalable Hierarchical Aggregation Protocol", COMHPC 2016); f = 0.85 on Hopper (tuning.cc);</li>
 * <li>NVLS: the in-server phases at the measured NVLS bus bandwidth instead of the ring's;</li>
 * <li>PAT all-gather (one rank per server) (s-1)/s·S/(0.75·bw) + log2(s)·α (tuning.cc: busBw ×0.75, log latency).</li>
 * </ul>
 */
public final class AlgorithmSelector {
    private AlgorithmSelector() {
    }

    /**
     * Returns the fastest usable algorithm for {@code op} of {@code bytes} over {@code perServer} ranks in each of
     * {@code servers} servers; {@code nvlsBusBytesPerS} is the in-switch reduction's bus bandwidth (0: none).
     */
    public static CollectiveChoice choose(CollectiveAlgorithm.Operation op, double bytes, int perServer, int servers, Tier scaleUp,
                                          Tier scaleOut, Set<CollectiveAlgorithm> usable, AlgorithmTable table, double nvlsBusBytesPerS) {
        CollectiveChoice best = null;
        for (CollectiveAlgorithm a : CollectiveAlgorithm.values()) {
            if (!usable.contains(a)) {
                continue;
            }
            CollectiveChoice c = time(a, op, bytes, perServer, servers, scaleUp, scaleOut, table, nvlsBusBytesPerS);
            if (c != null && (best == null || c.timeS() < best.timeS())) {
                best = c;
            }
        }
        return best;
    }

    /** Returns the cost of {@code a}, or null where it cannot run this collective. */
    static CollectiveChoice time(CollectiveAlgorithm a, CollectiveAlgorithm.Operation op, double bytes, int k, int s, Tier up, Tier out,
                                 AlgorithmTable table, double nvlsBus) {
        boolean allReduce = op == CollectiveAlgorithm.Operation.ALL_REDUCE;
        if (a != CollectiveAlgorithm.RING && !table.spec(a).map(x -> x.operations().contains(op)).orElse(false)) {
            return null;
        }
        double f = a == CollectiveAlgorithm.RING ? 1 : table.spec(a).orElseThrow().busFactor();
        return switch (a) {
            case RING -> new CollectiveChoice(a, s > 1 ? out.name() : up.name(), s > 1 ? out.bytesPerS() : up.bytesPerS(),
                    allReduce ? Collectives.hierarchicalAllReduce(bytes, k, s, up, out) : Collectives.hierarchicalAllGather(bytes, k, s, up, out));
            case TREE -> s < 2 || !allReduce ? null : new CollectiveChoice(a, out.name(), f * out.bytesPerS(),
                    2 * Collectives.allGather(bytes, k, up) + 2 * (bytes / k) / (f * out.bytesPerS()) + 2 * log2(s) * out.latencyS());
            case COLLNET -> s < 2 || !allReduce ? null : new CollectiveChoice(a, out.name(), f * out.bytesPerS(),
                    2 * Collectives.allGather(bytes, k, up) + (bytes / k) / (f * out.bytesPerS()) + 2 * out.latencyS());
            case NVLS -> nvls(bytes, k, s, up, out, nvlsBus, allReduce);
            case PAT -> s < 2 || k != 1 || allReduce ? null : new CollectiveChoice(a, out.name(), f * out.bytesPerS(),
                    (double) (s - 1) / s * bytes / (f * out.bytesPerS()) + log2(s) * out.latencyS());
        };
    }

    private static CollectiveChoice nvls(double bytes, int k, int s, Tier up, Tier out, double nvlsBus, boolean allReduce) {
        if (!allReduce || nvlsBus <= 0 || k < 2) {
            return null;
        }
        Tier switchTier = new Tier(up.name(), nvlsBus, up.latencyS(), up.flat());
        double t = Collectives.hierarchicalAllReduce(bytes, k, s, switchTier, out);
        return new CollectiveChoice(CollectiveAlgorithm.NVLS, s > 1 ? out.name() : up.name(), s > 1 ? out.bytesPerS() : nvlsBus, t);
    }

    private static double log2(int n) {
        return Math.ceil(Math.log(n) / Math.log(2));
    }
}
