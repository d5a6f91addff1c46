package org.suanli.perf;

/**
 * Alpha-beta costs of collectives (Thakur, Rabenseifner & Gropp 2005; NCCL's bus-bandwidth
 * convention), with hierarchical variants for groups that span servers: reduce inside each server
 * over the scale-up tier, across servers over each GPU's share of the network, then back.
 */
public final class Collectives {
    private Collectives() {
    }

    /** Ring all-reduce of {@code bytes} over {@code n} ranks on one tier: 2(n-1)/n·S/bw + 2(n-1)·α (one latency on a flat tier). */
    public static double allReduce(double bytes, int n, Tier tier) {
        if (n <= 1) {
            return 0;
        }
        return 2.0 * (n - 1) / n * bytes / tier.bytesPerS() + tier.latency(n, 2);
    }

    /** Ring all-gather or reduce-scatter (S = the full gathered size): (n-1)/n·S/bw + (n-1)·α (one latency on a flat tier). */
    public static double allGather(double bytes, int n, Tier tier) {
        if (n <= 1) {
            return 0;
        }
        return (double) (n - 1) / n * bytes / tier.bytesPerS() + tier.latency(n, 1);
    }

    /** All-to-all where each rank holds S bytes and keeps 1/n: (n-1)/n·S/bw + (n-1)·α. */
    public static double allToAll(double bytes, int n, Tier tier) {
        return allGather(bytes, n, tier);
    }

    /** Point-to-point send of S bytes: α + S/bw. */
    public static double sendRecv(double bytes, Tier tier) {
        return tier.latencyS() + bytes / tier.bytesPerS();
    }

    /**
     * Hierarchical all-reduce over {@code perServer} ranks in each of {@code servers} servers:
     * reduce-scatter inside the server, all-reduce of S/perServer across servers, all-gather inside.
     */
    public static double hierarchicalAllReduce(double bytes, int perServer, int servers, Tier scaleUp, Tier scaleOut) {
        if (servers <= 1) {
            return allReduce(bytes, perServer, scaleUp);
        }
        return 2 * allGather(bytes, perServer, scaleUp) + allReduce(bytes / perServer, servers, scaleOut);
    }

    /** Hierarchical all-gather (or reduce-scatter): across servers on S/perServer shards, then inside. */
    public static double hierarchicalAllGather(double bytes, int perServer, int servers, Tier scaleUp, Tier scaleOut) {
        if (servers <= 1) {
            return allGather(bytes, perServer, scaleUp);
        }
        return allGather(bytes, perServer, scaleUp) + allGather(bytes / perServer, servers, scaleOut);
    }

    /** Per-hop latency of a TPU ICI link, seconds ("typically around 1us"; Austin et al. 2025, "How to Scale Your Model", part 3). */
    public static final double ICI_HOP_LATENCY_S = 1e-6;

    /**
     * All-gather or reduce-scatter of {@code bytes} (the gathered size) over a torus group whose spanned axes carry
     * {@code ringBytesPerS} each: T = (n-1)/n · V / Σ W_axis + hops · α. Each spanned axis adds its links (Austin et al.
     * 2025, "How to Scale Your Model", part 3: AllGather costs bytes / (bidirectional ICI bandwidth × num_axes), and
     * the latency bound T_min · Σ|X_i| / 2 is the longest path); {@code efficiency} scales the link rates.
     */
    public static double torusAllGather(double bytes, int n, double[] ringBytesPerS, int hops, double efficiency, double hopLatencyS) {
        if (n <= 1) {
            return 0;
        }
        double w = 0;
        for (double x : ringBytesPerS) {
            w += x;
        }
        return (double) (n - 1) / n * bytes / (w * efficiency) + hops * hopLatencyS;
    }

    /** All-reduce over a torus group: a reduce-scatter then an all-gather, twice {@link #torusAllGather} (ibid.). */
    public static double torusAllReduce(double bytes, int n, double[] ringBytesPerS, int hops, double efficiency, double hopLatencyS) {
        return 2 * torusAllGather(bytes, n, ringBytesPerS, hops, efficiency, hopLatencyS);
    }

    /**
     * A torus group as one flat tier for the hierarchical formulas: its bandwidth is the sum of the spanned axes' ring
     * rates times {@code efficiency}, its latency the longest path's hops, so {@link #allGather} on it equals
     * {@link #torusAllGather}.
     */
    public static Tier torusTier(double[] ringBytesPerS, int hops, double efficiency, double hopLatencyS) {
        double w = 0;
        for (double x : ringBytesPerS) {
            w += x;
        }
        return new Tier("ici-torus", Math.max(w, 1) * efficiency, hops * hopLatencyS, true);
    }
}
