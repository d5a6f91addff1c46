package org.suanli.training;

import java.util.List;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.hardware.Server;
import org.suanli.perf.Collectives;
import org.suanli.perf.Efficiency;
import org.suanli.perf.Tier;
import org.suanli.perf.TorusSlice;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * Communication: the times of a step's tensor-, context-, expert-, pipeline- and data-parallel collectives and
 * transfers, each by the alpha-beta model on the tier it crosses, scale-up inside a scale-up domain (a server, an
 * NVL72 rack, a TPU slice's ICI torus) or scale-out between domains (Thakur et al. 2005), and the host-to-device
 * batch copy over PCIe. Ranks fill a domain in order (tp fastest, then cp, dp, pp), so a group of n ranks spaced
 * s apart has min(n, ranks per domain / s) members in each domain.
 */
final class CommCosts {
    /** Bytes per token of a training batch copied host to device: token ids, labels, loss mask, positions (int32). */
    static final double BATCH_BYTES_PER_TOKEN = 16;

    private final Model m;
    private final Server server;
    private final Layout l;
    private final Accelerator a;
    private final Efficiency eff;
    private final Framework fw;
    private final int gpn;
    private final Tier scaleUp;
    private final Tier scaleOut;
    private final double tokens;
    /** The job's ranks in one scale-up domain (a plain server: its accelerators). */
    private final int perDomain;
    private final TorusSlice torus;

    /** {@code tokens}: the tokens of one micro-batch on one GPU (micro-batch x sequence / cp). */
    CommCosts(Model m, Server server, Layout l, double tokens) {
        this.m = m;
        this.server = server;
        this.l = l;
        this.tokens = tokens;
        a = server.accelerator().orElseThrow();
        eff = a.efficiency();
        fw = l.framework();
        gpn = server.acceleratorCount();
        int r = server.scaleUpDomain().ranksPerDomain(l.gpus());
        perDomain = r > 0 ? r : gpn;
        torus = server.scaleUpDomain().isTorus() ? torusSlice(server, perDomain) : null;
        scaleUp = scaleUpTier();
        scaleOut = scaleOutTier();
    }

    /** Data-parallel group: gradients are reduced over dp x cp ranks spaced tp x cp apart. */
    static int dpGroup(Layout l) {
        return l.dp() * l.cp();
    }

    private Tier scaleUpTier() {
        if (server.scaleUpTopology() != ScaleUpTopology.PCIE && server.scaleUpTopology() != ScaleUpTopology.NONE
                && server.scaleUpLink().isPresent()) {
            return new Tier("scale-up", server.scaleUpLink().get().perDirectionBytesPerS() * eff.scaleUpCollective(),
                    eff.scaleUpLatencyS(), true);
        }
        return new Tier("pcie", pcieBytesPerS() * eff.scaleUpCollective(), eff.scaleUpLatencyS(), true);
    }

    private double pcieBytesPerS() {
        return server.hostLink().or(() -> a.hostInterface()).map(x -> x.perDirectionBytesPerS()).orElse(31.5e9);
    }

    private Tier scaleOutTier() {
        if (server.nics().isEmpty()) {
            return scaleUp;
        }
        var nics = server.nics().get();
        double perGpu = nics.totalBytesPerS() / gpn / nics.fabric().oversubscription();
        return new Tier("scale-out", perGpu * eff.scaleOutCollective(), eff.scaleOutLatencyS(), false);
    }

    /** The slice of a torus domain the job's ranks in one domain occupy (the accelerators' link split per axis). */
    static TorusSlice torusSlice(Server server, int chips) {
        var d = server.scaleUpDomain();
        java.util.List<Double> axes = d.axisBytesPerS();
        if (axes.isEmpty()) {
            double perAxis = server.scaleUpLink().map(x -> x.bidirectionalBytesPerS()).orElse(1.0) / d.torus().size();
            axes = java.util.Collections.nCopies(d.torus().size(), perAxis);
        }
        return TorusSlice.of(d.torus(), d.wraparound(), axes, chips).orElseThrow(() -> new org.suanli.BadInputException(
                "--gpus", chips + " chips of " + server.id() + " form no torus slice within " + d.torus(),
                "expected a slice shape that fits the pod (LayoutCheck refuses this first)"));
    }

    private int perServer(int n, int stride) {
        return Math.max(1, Math.min(n, perDomain / Math.max(1, stride)));
    }

    /**
     * The tier of the part of a group of {@code k} ranks spaced {@code stride} apart that shares a domain: the
     * switch or mesh tier, or on a torus the links of the axes the group spans ({@link Collectives#torusTier}).
     */
    private Tier up(int k, int stride) {
        if (torus == null) {
            return scaleUp;
        }
        return Collectives.torusTier(torus.ringBytesPerS(k, stride), torus.hops(k, stride), eff.scaleUpCollective(),
                Collectives.ICI_HOP_LATENCY_S);
    }

    /** Returns the time of an all-reduce over a group of {@code n} ranks spaced {@code stride} apart. */
    double allReduce(double bytes, int n, int stride) {
        int k = perServer(n, stride);
        return Collectives.hierarchicalAllReduce(bytes, k, n / k, up(k, stride), scaleOut);
    }

    /** Returns the time of an all-gather over a group of {@code n} ranks spaced {@code stride} apart. */
    double allGather(double bytes, int n, int stride) {
        int k = perServer(n, stride);
        return Collectives.hierarchicalAllGather(bytes, k, n / k, up(k, stride), scaleOut);
    }

    /** All-to-all over {@code n} ranks: the share that leaves the server goes over scale-out. */
    double allToAll(double bytes, int n, int stride) {
        if (n <= 1) {
            return 0;
        }
        int k = perServer(n, stride);
        double inside = bytes * (k - 1) / n / up(k, stride).bytesPerS();
        double outside = bytes * (n - k) / n / scaleOut.bytesPerS();
        return Math.max(inside, outside) + (k < n ? scaleOut.latency(n, 1) : scaleUp.latency(n, 1));
    }

    /**
     * Tensor-parallel collective of a block: the share the framework overlaps ({@code tp_overlap}) is hidden as far as the
     * block's GEMMs of the same pass ({@code gemmS}) last (Transformer Engine userbuffers split each all-gather and
     * reduce-scatter into chunks pipelined with the GEMM; Wang et al. 2023, "Overlap communication with dependent
     * computation"); the rest, and what the GEMMs cannot cover, is on the compute stream. Returns the exposed time.
     */
    double tpCollective(LayerOps c, List<Op> list, String name, double bytes, double gemmS) {
        double full = allReduce(bytes, l.tp(), 1);
        double overlapped = full * fw.tpOverlap();
        double exposed = full - overlapped + Math.max(0, overlapped - gemmS);
        if (full > 0) {
            c.add(list, name, Op.Kind.TP_COMM, exposed, 0, bytes);
            if (full > exposed) {
                c.add(list, name + "_overlapped", Op.Kind.TP_HIDDEN, full - exposed, 0, bytes);
            }
        }
        return exposed;
    }

    /** MoE dispatch (or combine) all-to-all of {@code bytes} over the expert-parallel group, spaced tp x cp apart. */
    double expertAllToAll(double bytes) {
        return allToAll(bytes, l.ep(), l.tp() * l.cp());
    }

    /** Context parallelism: the ring exchange of K and V chunks of {@code kvBytes} each, cp - 1 steps, seconds. */
    double contextRing(double kvBytes) {
        return (l.cp() - 1) * Collectives.sendRecv(kvBytes, l.tp() * l.cp() <= perDomain ? up(l.cp(), l.tp()) : scaleOut);
    }

    /** Pipeline send/recv of one micro-batch's activation at a stage boundary, seconds. */
    double pipelineSendRecv() {
        if (l.pp() == 1) {
            return 0;
        }
        int t = l.tp();
        boolean crosses = (long) t * l.cp() * l.dp() >= perDomain;
        double act = tokens * m.hidden() * StepCosts.ACT_BYTES;
        double split = (l.sequenceParallel() || fw.scatterGatherP2p()) ? t : 1;
        // Megatron-LM 2021 §4.1 scatter/gather: send 1/t over the network, all-gather over NVLink on arrival
        return Collectives.sendRecv(act / split, crosses ? scaleOut : up(2, t * l.cp() * l.dp()))
                + (fw.scatterGatherP2p() && !l.sequenceParallel() ? Collectives.allGather(act, t, up(t, 1)) : 0);
    }

    /** Bytes of one pipeline message (one micro-batch's activation, split across tp ranks where it is). */
    double p2pBytes() {
        double split = (l.sequenceParallel() || fw.scatterGatherP2p()) ? l.tp() : 1;
        return tokens * m.hidden() * StepCosts.ACT_BYTES / split;
    }

    /** The full (unoverlapped) gradient reduction time: {reduce (or all-reduce), parameter all-gather}, seconds. */
    double[] dpReduction(double params) {
        int stride = l.tp() * l.cp();
        double gradBytes = params * fw.gradBytes();
        if (l.zero() == 0) {
            return new double[] {allReduce(gradBytes, dpGroup(l), stride), 0};
        }
        return new double[] {allGather(gradBytes, dpGroup(l), stride), allGather(params * StepCosts.ACT_BYTES, dpGroup(l), stride)};
    }

    /** Tied embeddings across first and last stage: their gradients are all-reduced between the two. */
    double tiedEmbeddingReduction() {
        if (!m.tiedEmbeddings() || l.pp() == 1) {
            return 0;
        }
        return Collectives.allReduce((double) m.vocab() * m.hidden() / l.tp() * fw.gradBytes(), 2, scaleOut);
    }

    /** Host-to-device copy of one micro-batch over PCIe (the seed's first step), seconds. */
    double batchCopy() {
        return tokens * BATCH_BYTES_PER_TOKEN / pcieBytesPerS();
    }
}
