package org.suanli.hardware;

/**
 * One switching tier of a fat-tree (leaf, spine, core; rail, spine, super-spine): how many servers traffic can
 * reach without climbing above it, and the tier's down:up bandwidth ratio. A group whose servers all hang below
 * one switch of this tier never crosses the tiers above it (DGX SuperPOD reference architecture: a rail leaf
 * joins rank i of the 32 servers of a scalable unit).
 *
 * @param spanServers servers one switch group of this tier connects; {@link #UNBOUNDED} for the top tier
 * @param oversubscription downlink to uplink bandwidth at this tier (1 = non-blocking); traffic that crosses it
 *     gets 1/oversubscription of the NIC rate
 */
public record FabricTier(String name, int spanServers, double oversubscription) {
    /** The span of the top tier: every server of the fabric. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public FabricTier {
        if (spanServers < 1) {
            throw new IllegalArgumentException("fabric tier " + name + ": span must be at least 1 server, was " + spanServers);
        }
        if (!(oversubscription >= 1)) {
            throw new IllegalArgumentException("fabric tier " + name + ": oversubscription must be at least 1, was " + oversubscription);
        }
    }

    /** Returns true for the top tier, which spans every server. */
    public boolean unbounded() {
        return spanServers == UNBOUNDED;
    }
}
