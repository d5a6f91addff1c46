package org.suanli.perf;

/**
 * A level of the network a collective runs over, seen from one GPU: achievable bandwidth per direction
 * (published rate x collective efficiency) and its latency. Inside a server every GPU reaches every other
 * in one hop (a switch or a full mesh), so a small collective costs one measured latency whatever the
 * group size ({@code flat}); between servers a ring pays its latency at every step.
 *
 * @param latencyS for a flat tier, the latency of a small all-reduce over the whole group; else per ring step
 */
public record Tier(String name, double bytesPerS, double latencyS, boolean flat) {
    public Tier {
        if (!(bytesPerS > 0)) {
            throw new IllegalArgumentException("tier " + name + ": bandwidth must be positive");
        }
    }

    /** Returns the latency of a collective over {@code n} ranks with {@code steps} ring steps per rank, seconds. */
    public double latency(int n, int steps) {
        return flat ? latencyS : steps * (n - 1) * latencyS;
    }
}
