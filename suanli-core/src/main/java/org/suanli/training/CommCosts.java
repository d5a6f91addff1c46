package org.suanli.training;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.suanli.catalog.CollectiveTable;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.hardware.Server;
import org.suanli.perf.AlgorithmSelector;
import org.suanli.perf.AlgorithmTable;
import org.suanli.perf.CollectiveAlgorithm;
import org.suanli.perf.CollectiveChoice;
import org.suanli.perf.Collectives;
import org.suanli.perf.NodeLimitedRouting;
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
    private final double tokens;
    private final AlgorithmTable algorithms = CollectiveTable.builtIn();
    private final Set<CollectiveAlgorithm> usable;
    private final double nvlsBusBytesPerS;
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
        Optional<String> switchLink = server.scaleUpTopology() == ScaleUpTopology.SWITCH
                ? server.scaleUpLink().map(x -> x.id()) : Optional.empty();
        usable = algorithms.usable(fw.presetId(), switchLink, server.nics().map(n -> n.fabric().inNetworkReduction()).orElse(false), Set.of());
        nvlsBusBytesPerS = switchLink.flatMap(id -> algorithms.spec(CollectiveAlgorithm.NVLS).map(x -> x.busBytesPerS().getOrDefault(id, 0.0)))
                .orElse(0.0);
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

    /**
     * The network seen by one GPU of a group spanning {@code servers} servers: its share of the server's NICs, divided by
     * the worst oversubscription on the way up to the fabric tier the group needs (a one-tier fabric: its one figure),
     * times the family's measured collective efficiency; named after that tier.
     */
    private Tier scaleOutTier(int servers) {
        if (server.nics().isEmpty()) {
            return scaleUp;
        }
        var nics = server.nics().get();
        var fabric = nics.fabric();
        double perGpu = nics.totalBytesPerS() / gpn / fabric.oversubscriptionFor(servers);
        String name = fabric.tiers().size() > 1 ? fabric.tierFor(servers).name() : "scale-out";
        return new Tier(name, perGpu * eff.scaleOutCollective(), eff.scaleOutLatencyS(), false);
    }

    /** Returns the servers a group of {@code n} ranks spaced {@code stride} apart touches, counted from its first server. */
    private int spanServers(int n, int stride) {
        long last = (long) (n - 1) * Math.max(1, stride);
        return (int) Math.max(1, last / gpn + 1);
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

    /** The members of a group of {@code n} ranks spaced {@code stride} apart that share one scale-up domain. */
    private int membersPerDomain(int n, int stride) {
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

    /** Returns the time of an all-reduce over a group of {@code n} ranks spaced {@code stride} apart, by the fastest usable algorithm. */
    double allReduce(double bytes, int n, int stride) {
        return choose(CollectiveAlgorithm.Operation.ALL_REDUCE, bytes, n, stride).timeS();
    }

    /** Returns the time of an all-gather over a group of {@code n} ranks spaced {@code stride} apart, by the fastest usable algorithm. */
    double allGather(double bytes, int n, int stride) {
        return choose(CollectiveAlgorithm.Operation.ALL_GATHER, bytes, n, stride).timeS();
    }

    /** Returns the algorithm, tier and bus bandwidth NCCL's tuner would pick for this collective, with its time. */
    CollectiveChoice choose(CollectiveAlgorithm.Operation op, double bytes, int n, int stride) {
        int k = membersPerDomain(n, stride);
        if (n <= 1) {
            return new CollectiveChoice(CollectiveAlgorithm.RING, scaleUp.name(), scaleUp.bytesPerS(), 0);
        }
        return AlgorithmSelector.choose(op, bytes, k, n / k, up(k, stride), scaleOutTier(spanServers(n, stride)), usable, algorithms,
                torus == null ? nvlsBusBytesPerS : 0);
    }

    /** The data-parallel gradient collective of {@code params} parameters: all-reduce (ZeRO-0) or reduce-scatter. */
    CollectiveChoice dpChoice(double params) {
        var op = l.zero() == 0 ? CollectiveAlgorithm.Operation.ALL_REDUCE : CollectiveAlgorithm.Operation.ALL_GATHER;
        return choose(op, params * fw.gradBytes(), dpGroup(l), l.tp() * l.cp());
    }

    /** The tensor-parallel all-reduce of {@code bytes}. */
    CollectiveChoice tpChoice(double bytes) {
        return choose(CollectiveAlgorithm.Operation.ALL_REDUCE, bytes, l.tp(), 1);
    }

    /**
     * Returns the time of a reduce-scatter of {@code bytes} (the full unreduced size) over {@code n} ranks spaced
     * {@code stride} apart: the ring moves (n-1)/n of the bytes like an all-gather (Thakur et al. 2005 sec. 4).
     */
    double reduceScatter(double bytes, int n, int stride) {
        return choose(CollectiveAlgorithm.Operation.ALL_GATHER, bytes, n, stride).timeS();
    }

    /** ZeRO-3: all-gather of one unit's {@code params} (bf16) over the data-parallel group, before it computes, seconds. */
    double shardGather(double params) {
        return allGather(params * StepCosts.ACT_BYTES, dpGroup(l), l.tp() * l.cp());
    }

    /** ZeRO-3: reduce-scatter of one unit's gradients over the data-parallel group, after its backward, seconds. */
    double shardReduceScatter(double params) {
        return reduceScatter(params * fw.gradBytes(), dpGroup(l), l.tp() * l.cp());
    }

    /** Returns true when the server states a host link (or its accelerator a host interface) that offload can use. */
    boolean hasHostLink() {
        return server.hostLink().or(() -> a.hostInterface()).isPresent();
    }

    /** One copy of {@code bytes} between a GPU and host memory over its host link (PCIe), one direction, seconds. */
    double hostCopy(double bytes) {
        return bytes / pcieBytesPerS();
    }

    /** All-to-all over {@code n} ranks: the share that leaves the server goes over scale-out. */
    double allToAll(double bytes, int n, int stride) {
        if (n <= 1) {
            return 0;
        }
        int k = membersPerDomain(n, stride);
        Tier out = scaleOutTier(spanServers(n, stride));
        double inside = bytes * (k - 1) / n / up(k, stride).bytesPerS();
        double outside = bytes * (n - k) / n / out.bytesPerS();
        return Math.max(inside, outside) + (k < n ? out.latency(n, 1) : scaleUp.latency(n, 1));
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

    /** MoE dispatch (or combine) all-to-all of {@code bytes} over the expert-parallel group ({@link #expertStride}). */
    double expertAllToAll(double bytes) {
        return allToAll(bytes, l.ep(), expertStride(l));
    }

    /**
     * How far apart the ep ranks of an expert group sit. Folded (MoE parallel folding, Liu et al. 2025, arXiv 2504.14960):
     * Megatron-Core numbers the expert ranks expert-tp fastest, then ep, over the stage's tp x cp x dp ranks
     * (NVIDIA/Megatron-LM @d98e8a6 megatron/core/parallel_state.py, expert_decoder_rank_generator, order tp-ep-dp-pp with
     * cp 1), so they are expert-tp apart: with expert tp 1, ep consecutive ranks spanning tp and dp. Unfolded (ep inside
     * dp x cp, expert tp = tp): tp x cp apart, inside the data-parallel ranks as before.
     */
    static int expertStride(Layout l) {
        return l.foldsExperts() ? l.expertTp() : l.tp() * l.cp();
    }

    /** Bytes per element of fp8 MoE traffic: one byte, plus one fp32 scale per 1 x 128 tile (DeepSeek-V3 §3.3.2). */
    static final double FP8_TILE_BYTES = 1 + 4.0 / 128;

    /**
     * One MoE dispatch or combine of {@code tokens} tokens of this GPU, each going to top-k experts as
     * {@code bytesPerCopy} bytes, over the expert-parallel group; the GPU holding the most-loaded experts receives
     * {@code imbalance} times the mean and sets the pace. Without node-limited routing every token-expert pair is its
     * own message (Megatron-Core's all-to-all dispatcher): {@link #allToAll}. With it (the model's max nodes per token M,
     * when the group spans N > 1 servers), DeepSeek-V3 §3.2.2: a token crosses the scale-out fabric once per remote
     * target node, to the GPU of the same in-node index, and is forwarded over the scale-up link to the GPUs holding its
     * experts, the two fully overlapped. Seconds.
     */
    double expertAllToAll(double tokens, double bytesPerCopy, double imbalance) {
        var moe = m.moe().orElseThrow();
        int n = l.ep();
        if (n <= 1) {
            return 0;
        }
        int stride = expertStride(l);
        int k = membersPerDomain(n, stride);
        int nodes = n / k;
        if (moe.maxNodesPerToken() == 0 || nodes <= 1) {
            return imbalance * allToAll(tokens * moe.topK() * bytesPerCopy, n, stride);
        }
        Tier out = scaleOutTier(spanServers(n, stride));
        double ib = tokens * NodeLimitedRouting.scaleOutCopies(moe.topK(), moe.maxNodesPerToken(), nodes) * bytesPerCopy / out.bytesPerS();
        double nvlink = tokens * NodeLimitedRouting.scaleUpCopies(moe.topK(), k) * bytesPerCopy / up(k, stride).bytesPerS();
        return imbalance * Math.max(ib, nvlink) + out.latency(n, 1);
    }

    /** Context parallelism: the ring exchange of K and V chunks of {@code kvBytes} each, cp - 1 steps, seconds. */
    double contextRing(double kvBytes) {
        return (l.cp() - 1) * Collectives.sendRecv(kvBytes, l.tp() * l.cp() <= perDomain ? up(l.cp(), l.tp()) : scaleOutTier(spanServers(l.cp(), l.tp())));
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
        return Collectives.sendRecv(act / split, crosses ? scaleOutTier(spanServers(2, t * l.cp() * l.dp())) : up(2, t * l.cp() * l.dp()))
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
        return Collectives.allReduce((double) m.vocab() * m.hidden() / l.tp() * fw.gradBytes(), 2, scaleOutTier(l.gpus() / gpn));
    }

    /** Host-to-device copy of one micro-batch over PCIe (the seed's first step), seconds. */
    double batchCopy() {
        return tokens * BATCH_BYTES_PER_TOKEN / pcieBytesPerS();
    }
}
