package org.suanli.perf;

/**
 * A level of the network a collective runs over, seen from one GPU: achievable bandwidth per
 * direction (published rate x collective efficiency) and the per-step latency.
 */
public record Tier(String name, double bytesPerS, double latencyS) {
    public Tier {
        if (!(bytesPerS > 0)) {
            throw new IllegalArgumentException("tier " + name + ": bandwidth must be positive");
        }
    }
}
