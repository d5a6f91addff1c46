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
}
