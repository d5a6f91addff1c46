package org.suanli.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A scale-out network as it is built: the technology of its ports and its switching tiers, lowest first. A
 * fabric with one tier is a single fat-tree with one oversubscription figure (the catalog's default); a
 * multi-tier fabric (DGX SuperPOD: rail leaf, spine, core; Meta's AI Zone: RTSW, CTSW, ATSW; Alibaba HPN:
 * segment, pod, core) gives each tier the servers it spans and its own down:up ratio, so a collective's
 * bandwidth is that of the worst tier its group crosses. Rail-optimised: rank i of every server hangs off
 * the same leaf, so same-rank traffic (what hierarchical and PXN collectives send between servers; NCCL 2.12
 * release notes, PXN) stays on that leaf.
 *
 * @param portBitsPerS line rate of one port in one direction, bits/s
 * @param tiers switching tiers, lowest first; the last spans every server
 * @param railOptimized same-rank NICs of a scalable unit share a leaf
 * @param inNetworkReduction the switches reduce in the network (InfiniBand SHARP: NCCL's CollNet algorithms)
 */
public record Fabric(String id, String name, String technology, double portBitsPerS, List<FabricTier> tiers,
                     boolean railOptimized, boolean inNetworkReduction, OptionalDouble latencyS, String source, String notes) {

    public Fabric {
        tiers = List.copyOf(tiers);
        if (!(portBitsPerS > 0)) {
            throw new IllegalArgumentException("fabric " + id + ": port rate must be positive");
        }
        if (tiers.isEmpty() || !tiers.get(tiers.size() - 1).unbounded()) {
            throw new IllegalArgumentException("fabric " + id + ": the last tier must span every server");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).spanServers() <= tiers.get(i - 1).spanServers()) {
                throw new IllegalArgumentException("fabric " + id + ": tier " + tiers.get(i).name() + " must span more servers than "
                        + tiers.get(i - 1).name());
            }
        }
    }

    /** A single fat-tree with one oversubscription figure (one tier spanning every server). */
    public Fabric(String id, String name, String technology, double portBitsPerS, double oversubscription, OptionalDouble latencyS,
                  String source, String notes) {
        this(id, name, technology, portBitsPerS, List.of(new FabricTier("fat-tree", FabricTier.UNBOUNDED, oversubscription)), false,
                false, latencyS, source, notes);
    }

    /** Returns the line rate of one port in one direction, bytes/s. */
    public double portBytesPerS() {
        return portBitsPerS / 8;
    }

    /** Returns the oversubscription of the lowest tier (the leaf's down:up ratio; the only figure of a one-tier fabric). */
    public double oversubscription() {
        return tiers.get(0).oversubscription();
    }

    /** Returns the index of the lowest tier whose switches reach a group spanning {@code servers} servers. */
    public int tierIndex(int servers) {
        for (int i = 0; i < tiers.size(); i++) {
            if (servers <= tiers.get(i).spanServers()) {
                return i;
            }
        }
        return tiers.size() - 1;
    }

    /** Returns the highest tier a group spanning {@code servers} servers crosses. */
    public FabricTier tierFor(int servers) {
        return tiers.get(tierIndex(servers));
    }

    /**
     * Returns the worst oversubscription on the way up to the tier a group spanning {@code servers} servers needs:
     * traffic climbs every tier below it, so the narrowest of them bounds it.
     */
    public double oversubscriptionFor(int servers) {
        double worst = 1;
        for (int i = 0; i <= tierIndex(servers); i++) {
            worst = Math.max(worst, tiers.get(i).oversubscription());
        }
        return worst;
    }

    /**
     * Returns this fabric with {@code ratio} at every tier above the leaf (a cloud that builds its spine 2:1), or at
     * its only tier for a one-tier fabric; the id gains "@ratio:1".
     */
    public Fabric withOversubscription(double ratio) {
        List<FabricTier> t = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            FabricTier x = tiers.get(i);
            t.add(i == 0 && tiers.size() > 1 ? x : new FabricTier(x.name(), x.spanServers(), ratio));
        }
        String ratioText = ratio == Math.rint(ratio) ? String.valueOf((long) ratio) : String.valueOf(ratio);
        return new Fabric(id + "@" + ratioText + ":1", name, technology, portBitsPerS, t, railOptimized, inNetworkReduction, latencyS,
                source, notes);
    }
}
