package org.suanli.training;

import org.suanli.software.Framework;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.hardware.Server;
import org.suanli.perf.Collectives;
import org.suanli.perf.Efficiency;
import org.suanli.perf.Roofline;
import org.suanli.perf.Tier;
import org.suanli.workload.Activation;
import org.suanli.workload.Model;

/**
 * The priced building blocks of one training step, shared by the analytic and the event engine:
 * the operators of a dense and an MoE layer (forward, backward, recompute), the first and last
 * stage's extra work, the pipeline send/recv, the data-parallel reduction, the optimizer and the
 * host-side steps, and the memory per GPU. Operator costs follow the roofline with shape-dependent
 * GEMM efficiency (Williams et al. 2009); collectives the alpha-beta model on the tier they cross
 * (Thakur et al. 2005). docs/MODEL.md lists every term with its source.
 */
final class StepCosts {
    /** Bytes per activation element: bf16/fp16 (fp8 training keeps activations in bf16 between GEMMs). */
    static final double ACT_BYTES = 2;
    /** Bytes per token of a training batch copied host to device: token ids, labels, loss mask, positions (int32). */
    static final double BATCH_BYTES_PER_TOKEN = 16;
    /** Megatron-Core's data-parallel bucket: 40 M parameters (DistributedDataParallelConfig.bucket_size). */
    static final double DP_BUCKET_PARAMS = 40e6;
    /** CUDA context, NCCL and cuBLAS workspaces and allocator slack: 1.5 GiB. */
    static final double RESERVE_BYTES = 1.5 * (1L << 30);
    /** Latency of the loss copy device-to-host and its synchronisation at the end of a step (the seed's fourth step). */
    static final double LOSS_SYNC_S = 20e-6;
    /** Bytes moved per element by Transformer Engine's fp8 cast-transpose: read bf16, write fp8 and its transpose. */
    static final double CAST_BYTES = 4;

    /** Operators of one layer for one micro-batch on one GPU, and their sums by cause. */
    static final class LayerOps {
        final List<Op> fwd;
        final List<Op> bwd;
        final List<Op> recompute;

        LayerOps(boolean record) {
            fwd = record ? new ArrayList<>() : List.of();
            bwd = record ? new ArrayList<>() : List.of();
            recompute = record ? new ArrayList<>() : List.of();
        }

        double fwdCompute;
        double bwdCompute;
        double recomputeCompute;
        double tpFwd;
        double tpBwd;
        double tpRecompute;
        double cp;
        double ep;
        double epRecompute;

        /** Returns the per-micro-batch time of the layer on its GPU (everything on the critical path). */
        double total() {
            return fwdCompute + bwdCompute + recomputeCompute + tpFwd + tpBwd + tpRecompute + cp + ep + epRecompute;
        }
    }

    final Model m;
    final Server server;
    final Layout l;
    final Accelerator a;
    final Efficiency eff;
    final Framework fw;
    final Roofline gemmRoof;
    final Roofline roof16;
    final int gpn;
    final Tier scaleUp;
    final Tier scaleOut;
    final double tokens;
    final double gemmBytes;
    final OptionalDouble budget;
    final boolean record;

    final LayerOps dense;
    final LayerOps moe;
    final LayerOps embed;
    final LayerOps head;
    final int[] stageLayers;
    final int[] stageMoeLayers;
    final double p2p;

    StepCosts(TrainingJob job, boolean record) {
        this.record = record;
        budget = job.tokens();
        m = job.model();
        server = job.server();
        l = job.layout();
        a = server.accelerator().orElseThrow();
        eff = a.efficiency();
        fw = l.framework();
        double bw = a.memory().bandwidthBytesPerS().orElseThrow();
        boolean fp8 = l.precision() == Precision.FP8;
        double e2e = eff.e2e(fw.presetId());
        gemmRoof = new Roofline(a.peak(l.precision()).orElseThrow(), bw, eff, fp8 ? eff.gemmFp8() : eff.gemm(), e2e,
                eff.kernelOverheadS(), fp8 ? eff.gemmFp8Memory() : eff.memory());
        roof16 = new Roofline(a.peak16().orElse(a.peak(l.precision()).getAsDouble()), bw, eff, eff.gemm(), e2e, eff.kernelOverheadS(),
                eff.memory());
        gpn = server.acceleratorCount();
        scaleUp = scaleUpTier();
        scaleOut = scaleOutTier();
        tokens = (double) l.microBatch() * l.seqLen() / l.cp();
        gemmBytes = fp8 ? 1 : 2;

        dense = m.denseLayers() > 0 ? layer(false) : new LayerOps(record);
        moe = m.isMoe() ? layer(true) : dense;
        embed = new LayerOps(record);
        mem(embed, "embedding", tokens * m.hidden() * ACT_BYTES);
        head = new LayerOps(record);
        double v = m.vocab() / (double) l.tp();
        mem(head, "final_layernorm", 2 * tokens * m.hidden() * ACT_BYTES);
        gemm16(head, "logits", tokens, v, m.hidden());
        mem(head, "cross_entropy", 3 * tokens * v * 4);
        stageLayers = stageLayers(m.layers(), l.pp());
        stageMoeLayers = new int[l.pp()];
        int moeFirst = m.isMoe() ? m.moe().get().denseLayers() : m.layers();
        int lo = 0;
        for (int i = 0; i < l.pp(); i++) {
            int hi = lo + stageLayers[i];
            stageMoeLayers[i] = Math.max(0, hi - Math.max(lo, moeFirst));
            lo = hi;
        }
        p2p = pipelineSendRecv();
    }

    /**
     * Layers per pipeline stage: equal when pp divides the layers; otherwise the first and last stages,
     * which also hold the embedding and the logits, give up one layer each first (the Llama 3 405B layout,
     * 126 layers on 16 stages: Llama 3 paper §3.3.2).
     */
    static int[] stageLayers(int layers, int pp) {
        int base = (layers + pp - 1) / pp;
        int[] out = new int[pp];
        java.util.Arrays.fill(out, base);
        int deficit = base * pp - layers;
        for (int k = 0; k < deficit; k++) {
            int i = k % 2 == 0 ? k / 2 : pp - 1 - k / 2;
            out[i]--;
        }
        return out;
    }

    private Tier scaleUpTier() {
        if (server.scaleUpTopology() != ScaleUpTopology.PCIE && server.scaleUpTopology() != ScaleUpTopology.NONE
                && server.scaleUpLink().isPresent()) {
            return new Tier("scale-up", server.scaleUpLink().get().perDirectionBytesPerS() * eff.scaleUpCollective(),
                    eff.scaleUpLatencyS(), true);
        }
        return new Tier("pcie", pcieBytesPerS() * eff.scaleUpCollective(), eff.scaleUpLatencyS(), true);
    }

    double pcieBytesPerS() {
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

    private int perServer(int n, int stride) {
        return Math.max(1, Math.min(n, gpn / Math.max(1, stride)));
    }

    /** Returns the time of an all-reduce over a group of {@code n} ranks spaced {@code stride} apart. */
    double allReduce(double bytes, int n, int stride) {
        int k = perServer(n, stride);
        return Collectives.hierarchicalAllReduce(bytes, k, n / k, scaleUp, scaleOut);
    }

    double allGather(double bytes, int n, int stride) {
        int k = perServer(n, stride);
        return Collectives.hierarchicalAllGather(bytes, k, n / k, scaleUp, scaleOut);
    }

    /** All-to-all over {@code n} ranks: the share that leaves the server goes over scale-out. */
    double allToAll(double bytes, int n, int stride) {
        if (n <= 1) {
            return 0;
        }
        int k = perServer(n, stride);
        double inside = bytes * (k - 1) / n / scaleUp.bytesPerS();
        double outside = bytes * (n - k) / n / scaleOut.bytesPerS();
        return Math.max(inside, outside) + (k < n ? scaleOut.latency(n, 1) : scaleUp.latency(n, 1));
    }

    private void add(List<Op> list, String name, Op.Kind kind, double s, double flops, double bytes) {
        if (record) {
            list.add(new Op(name, kind, s, flops, bytes));
        }
    }

    /**
     * Prices a GEMM M x N x K (count times): forward into c.fwd, dgrad + wgrad into c.bwd. In fp8
     * (Transformer Engine; Micikevicius et al. 2022) each GEMM first casts its activation input
     * (forward) and output gradient (backward) with a cast-transpose; weights are cast once per step.
     */
    double gemm(LayerOps c, String name, double mm, double nn, double kk, double count) {
        double flops = 2 * mm * nn * kk * count;
        double f = gemmRoof.gemm(mm, nn, kk, count, gemmBytes);
        double dgrad = gemmRoof.gemm(mm, kk, nn, count, gemmBytes);
        double wgrad = gemmRoof.gemm(kk, nn, mm, count, gemmBytes);
        add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        add(c.bwd, name + "_dgrad", Op.Kind.COMPUTE, dgrad, flops, 0);
        add(c.bwd, name + "_wgrad", Op.Kind.COMPUTE, wgrad, flops, 0);
        double total = f;
        c.bwdCompute += dgrad + wgrad;
        if (gemmBytes == 1) {
            double castF = gemmRoof.memory(CAST_BYTES * mm * kk * count);
            double castB = gemmRoof.memory(CAST_BYTES * mm * nn * count);
            add(c.fwd, name + "_fp8_cast", Op.Kind.COMPUTE, castF, 0, CAST_BYTES * mm * kk * count);
            add(c.bwd, name + "_grad_fp8_cast", Op.Kind.COMPUTE, castB, 0, CAST_BYTES * mm * nn * count);
            total += castF;
            c.bwdCompute += castB;
        }
        c.fwdCompute += total;
        return total;
    }

    /** A GEMM that stays in 16 bits even in fp8 training (the output layer is not a Transformer Engine module). */
    double gemm16(LayerOps c, String name, double mm, double nn, double kk) {
        double flops = 2 * mm * nn * kk;
        double f = roof16.gemm(mm, nn, kk, 1, ACT_BYTES);
        double dgrad = roof16.gemm(mm, kk, nn, 1, ACT_BYTES);
        double wgrad = roof16.gemm(kk, nn, mm, 1, ACT_BYTES);
        add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        add(c.bwd, name + "_dgrad", Op.Kind.COMPUTE, dgrad, flops, 0);
        add(c.bwd, name + "_wgrad", Op.Kind.COMPUTE, wgrad, flops, 0);
        c.fwdCompute += f;
        c.bwdCompute += dgrad + wgrad;
        return f;
    }

    /** Prices a memory-bound kernel moving {@code bytes} forward; its backward moves twice as many. */
    double mem(LayerOps c, String name, double bytes) {
        double f = gemmRoof.memory(bytes);
        double b = gemmRoof.memory(2 * bytes);
        add(c.fwd, name, Op.Kind.COMPUTE, f, 0, bytes);
        add(c.bwd, name + "_bwd", Op.Kind.COMPUTE, b, 0, 2 * bytes);
        c.fwdCompute += f;
        c.bwdCompute += b;
        return f;
    }

    /** Attention core (scores, softmax, dropout, weighted sum) forward into c; returns {forward, backward} time. */
    double[] attentionCore(LayerOps c) {
        int t = l.tp();
        double headsLocal = (double) m.heads() / t;
        double sq = (double) l.seqLen() / l.cp();
        double skv = l.seqLen();
        double b = l.microBatch();
        double d = m.mla().map(x -> (double) x.qkNopeHeadDim() + x.qkRopeHeadDim()).orElse((double) m.headDim());
        double dv = m.mla().map(x -> (double) x.vHeadDim()).orElse((double) m.headDim());
        double f0 = c.fwdCompute;
        double b0 = c.bwdCompute;
        if (fw.flashAttention()) {
            // FlashAttention-2 (Dao 2023): causal masking skips half the score tiles; backward does 2.5x the forward matmuls
            double flops = 2 * b * headsLocal * sq * skv * (d + dv) * 0.5;
            double bytes = ACT_BYTES * b * sq * headsLocal * (2 * d + 2 * dv);
            double f = roof16.fusedAttention(flops, bytes, false);
            double bw = roof16.fusedAttention(2.5 * flops, 2 * bytes, true);
            add(c.fwd, "flash_attention", Op.Kind.COMPUTE, f, flops, bytes);
            add(c.bwd, "flash_attention_bwd", Op.Kind.COMPUTE, bw, 2.5 * flops, 2 * bytes);
            c.fwdCompute += f;
            c.bwdCompute += bw;
        } else {
            // Unfused (Megatron-LM 2021): QK^T and AV batched GEMMs on the full s x s scores, fused
            // scale-mask-softmax and dropout, scores materialised in HBM (MODELLING.md, "software era")
            double batch = b * headsLocal;
            double e = batch * sq * skv;
            bmm(c, "attention_scores", sq, skv, d, batch);
            mem(c, "softmax", 2 * e * ACT_BYTES);
            mem(c, "attention_dropout", 2 * e * ACT_BYTES + e);
            bmm(c, "attention_values", sq, dv, skv, batch);
        }
        return new double[] {c.fwdCompute - f0, c.bwdCompute - b0};
    }

    /** A batched 16-bit GEMM of the attention core (never fp8). */
    private void bmm(LayerOps c, String name, double mm, double nn, double kk, double batch) {
        double flops = 2 * mm * nn * kk * batch;
        double f = roof16.gemm(mm, nn, kk, batch, ACT_BYTES);
        double bw = roof16.gemm(mm, kk, nn, batch, ACT_BYTES) + roof16.gemm(kk, nn, mm, batch, ACT_BYTES);
        add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        add(c.bwd, name + "_bwd", Op.Kind.COMPUTE, bw, 2 * flops, 0);
        c.fwdCompute += f;
        c.bwdCompute += bw;
    }

    /**
     * Tensor-parallel collective of a block: the share the framework overlaps ({@code tp_overlap}) is hidden as far as the
     * block's GEMMs of the same pass ({@code gemmS}) last (Transformer Engine userbuffers split each all-gather and
     * reduce-scatter into chunks pipelined with the GEMM; Wang et al. 2023, "Overlap communication with dependent
     * computation"); the rest, and what the GEMMs cannot cover, is on the compute stream.
     */
    private double tpCollective(List<Op> list, String name, double bytes, double gemmS) {
        double full = allReduce(bytes, l.tp(), 1);
        double overlapped = full * fw.tpOverlap();
        double exposed = full - overlapped + Math.max(0, overlapped - gemmS);
        if (full > 0) {
            add(list, name, Op.Kind.TP_COMM, exposed, 0, bytes);
            if (full > exposed) {
                add(list, name + "_overlapped", Op.Kind.TP_HIDDEN, full - exposed, 0, bytes);
            }
        }
        return exposed;
    }

    LayerOps layer(boolean isMoe) {
        LayerOps c = new LayerOps(record);
        int t = l.tp();
        double h = m.hidden();
        double sp = l.sequenceParallel() ? t : 1;
        double hT = tokens * h;
        double qDim = m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim()))
                .orElse((double) m.heads() * m.headDim());
        double kvDim = m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim() + x.vHeadDim()))
                .orElse(2.0 * m.kvHeads() * m.headDim());
        double oDim = m.mla().map(x -> (double) m.heads() * x.vHeadDim()).orElse((double) m.heads() * m.headDim());

        // Tensor parallelism: all-reduce (or an all-gather / reduce-scatter pair with SP) after attention and MLP,
        // forward and backward (Shoeybi et al. 2019 §3; Korthikanti et al. 2022 §4.2.2)
        List<Op> tpBwdOps = record ? new ArrayList<>() : List.of();
        mem(c, "input_layernorm", 2 * hT * ACT_BYTES / sp);
        double b0 = c.bwdCompute;
        double attnGemmF = gemm(c, "qkv", tokens, (qDim + kvDim) / t, h, 1);
        int coreStart = c.fwd.size();
        double[] core = attentionCore(c);
        int coreEnd = c.fwd.size();
        double b1 = c.bwdCompute;
        attnGemmF += gemm(c, "attention_proj", tokens, h, oDim / t, 1);
        double attnGemmB = c.bwdCompute - b1 + (b1 - b0 - core[1]);
        c.tpFwd += tpCollective(c.fwd, "tp_allreduce_attention", hT * ACT_BYTES, attnGemmF);
        c.tpBwd += tpCollective(tpBwdOps, "tp_allreduce_attention_grad", hT * ACT_BYTES, attnGemmB);
        mem(c, "bias_dropout_add", 3.5 * hT * ACT_BYTES / sp);
        mem(c, "post_attention_layernorm", 2 * hT * ACT_BYTES / sp);
        int mats = m.activation().mlpMatrices();
        String act = m.activation() == Activation.SWIGLU ? "swiglu" : "gelu";
        double mlpF0 = c.fwdCompute;
        double mlpB0 = c.bwdCompute;
        if (!isMoe) {
            double ffn = m.ffnHidden();
            gemm(c, "mlp_up", tokens, (mats - 1) * ffn / t, h, 1);
            mem(c, act, mats * tokens * ffn / t * ACT_BYTES);
            gemm(c, "mlp_down", tokens, h, ffn / t, 1);
        } else {
            var x = m.moe().orElseThrow();
            double fe = x.expertFfnHidden();
            gemm(c, "router", tokens, x.experts(), h, 1);
            double routed = tokens * x.topK();                               // token-expert pairs per GPU (balanced)
            double localExperts = (double) x.experts() / l.ep();
            double perExpert = routed / localExperts;
            // dispatch and combine all-to-all over the expert-parallel group (spaced tp x cp apart)
            double a2aBytes = routed * h * ACT_BYTES / sp;
            double a2a = allToAll(a2aBytes, l.ep(), t * l.cp());
            if (a2a > 0) {
                add(c.fwd, "moe_dispatch", Op.Kind.EP_COMM, a2a, 0, a2aBytes);
                add(c.bwd, "moe_combine_grad", Op.Kind.EP_COMM, a2a, 0, a2aBytes);
            }
            gemm(c, "expert_up", perExpert, (mats - 1) * fe / t, h, localExperts);
            mem(c, "expert_" + act, mats * routed * fe / t * ACT_BYTES);
            gemm(c, "expert_down", perExpert, h, fe / t, localExperts);
            if (a2a > 0) {
                add(c.fwd, "moe_combine", Op.Kind.EP_COMM, a2a, 0, a2aBytes);
                add(c.bwd, "moe_dispatch_grad", Op.Kind.EP_COMM, a2a, 0, a2aBytes);
            }
            c.ep = 4 * a2a;
            c.epRecompute = l.recompute() == Recompute.FULL ? 2 * a2a : 0;
            if (x.sharedExperts() > 0) {
                double fs = fe * x.sharedExperts();
                gemm(c, "shared_expert_up", tokens, (mats - 1) * fs / t, h, 1);
                mem(c, "shared_expert_" + act, mats * tokens * fs / t * ACT_BYTES);
                gemm(c, "shared_expert_down", tokens, h, fs / t, 1);
            }
        }
        c.tpFwd += tpCollective(c.fwd, "tp_allreduce_mlp", hT * ACT_BYTES, c.fwdCompute - mlpF0);
        c.tpBwd += tpCollective(tpBwdOps, "tp_allreduce_mlp_grad", hT * ACT_BYTES, c.bwdCompute - mlpB0);
        mem(c, "bias_dropout_add", 3.5 * hT * ACT_BYTES / sp);
        if (record) {
            c.bwd.addAll(tpBwdOps);
        }
        // context parallelism: ring exchange of K and V chunks (cp - 1 steps), hidden behind the attention core
        if (l.cp() > 1) {
            double kv = l.microBatch() * (double) l.seqLen() / l.cp() * kvDim / t * ACT_BYTES;
            double ring = (l.cp() - 1) * Collectives.sendRecv(kv, t * l.cp() <= gpn ? scaleUp : scaleOut);
            double fwdExposed = Math.max(0, ring - core[0]);
            double bwdExposed = Math.max(0, 2 * ring - core[1]);
            c.cp = fwdExposed + bwdExposed;
            add(c.fwd, "cp_ring_kv", Op.Kind.CP_COMM, fwdExposed, 0, (l.cp() - 1) * kv);
            add(c.bwd, "cp_ring_kv_grad", Op.Kind.CP_COMM, bwdExposed, 0, 2 * (l.cp() - 1) * kv);
        }
        switch (l.recompute()) {
            case FULL -> {
                c.recomputeCompute = c.fwdCompute;
                c.tpRecompute = c.tpFwd;
                if (record) {
                    for (Op op : c.fwd) {
                        c.recompute.add(new Op("recompute_" + op.name(), op.kind(), op.seconds(), op.flops(), op.bytes()));
                    }
                }
            }
            case SELECTIVE -> {
                c.recomputeCompute = core[0];
                if (record) {
                    for (Op op : c.fwd.subList(coreStart, coreEnd)) {
                        c.recompute.add(new Op("recompute_" + op.name(), op.kind(), op.seconds(), op.flops(), op.bytes()));
                    }
                }
            }
            default -> { }
        }
        return c;
    }

    /** Pipeline send/recv of one micro-batch's activation at a stage boundary, seconds. */
    private double pipelineSendRecv() {
        if (l.pp() == 1) {
            return 0;
        }
        int t = l.tp();
        boolean crosses = (long) t * l.cp() * l.dp() >= gpn;
        double act = tokens * m.hidden() * ACT_BYTES;
        double split = (l.sequenceParallel() || fw.scatterGatherP2p()) ? t : 1;
        // Megatron-LM 2021 §4.1 scatter/gather: send 1/t over the network, all-gather over NVLink on arrival
        return Collectives.sendRecv(act / split, crosses ? scaleOut : scaleUp)
                + (fw.scatterGatherP2p() && !l.sequenceParallel() ? Collectives.allGather(act, t, scaleUp) : 0);
    }

    /** Bytes of one pipeline message (one micro-batch's activation, split across tp ranks where it is). */
    double p2pBytes() {
        double split = (l.sequenceParallel() || fw.scatterGatherP2p()) ? l.tp() : 1;
        return tokens * m.hidden() * ACT_BYTES / split;
    }

    /** Per-micro-batch time of stage i (forward + backward + recompute + exposed collectives). */
    double stageTime(int i) {
        int moeLayers = stageMoeLayers[i];
        double ti = (stageLayers[i] - moeLayers) * dense.total() + moeLayers * moe.total();
        if (i == 0) {
            ti += embed.total();
        }
        if (i == l.pp() - 1) {
            ti += head.total();
        }
        return ti;
    }

    /** Weights on one GPU of stage i, parameters. */
    double stageParams(int i) {
        int t = l.tp();
        int layers = stageLayers[i];
        int moeLayers = stageMoeLayers[i];
        double attn = m.attentionParamsPerLayer() / t;
        double denseMlp = m.denseMlpParams() / t;
        double moeMlp = m.moe().map(x -> (double) x.experts() / l.ep() * m.expertParams() / t
                + x.sharedExperts() * m.expertParams() / t + m.routerParams()).orElse(0.0);
        double p = layers * attn + (layers - moeLayers) * denseMlp + moeLayers * moeMlp;
        double embedParams = (double) m.vocab() * m.hidden() / t;
        boolean first = i == 0;
        boolean last = i == l.pp() - 1;
        if (first) {
            p += embedParams;
        }
        if (last && (!m.tiedEmbeddings() || !first)) {
            p += embedParams;
        }
        return p;
    }

    /** Returns the largest per-GPU parameter count over the pipeline stages. */
    double maxStageParams() {
        double best = 0;
        for (int i = 0; i < l.pp(); i++) {
            best = Math.max(best, stageParams(i));
        }
        return best;
    }

    /** Data-parallel group: gradients are reduced over dp x cp ranks spaced tp x cp apart. */
    int dpGroup() {
        return l.dp() * l.cp();
    }

    /** The full (unoverlapped) gradient reduction time: {reduce (or all-reduce), parameter all-gather}, seconds. */
    double[] dpReduction(double params) {
        int stride = l.tp() * l.cp();
        double gradBytes = params * fw.gradBytes();
        if (l.zero() == 0) {
            return new double[] {allReduce(gradBytes, dpGroup(), stride), 0};
        }
        return new double[] {allGather(gradBytes, dpGroup(), stride), allGather(params * ACT_BYTES, dpGroup(), stride)};
    }

    /** Tied embeddings across first and last stage: their gradients are all-reduced between the two. */
    double tiedEmbeddingReduction() {
        if (!m.tiedEmbeddings() || l.pp() == 1) {
            return 0;
        }
        return Collectives.allReduce((double) m.vocab() * m.hidden() / l.tp() * fw.gradBytes(), 2, scaleOut);
    }

    /** Exposed part of a reduction overlapped with a compute window: at least the last bucket. */
    static double exposed(double comm, double window, double params) {
        double lastBucket = comm * Math.min(1, DP_BUCKET_PARAMS / params);
        return Math.max(lastBucket, comm - window);
    }

    /**
     * Adam over this GPU's optimizer shard: fp32 master, momentum and variance read and written, gradients read
     * twice (norm and update), bf16 weights written (Rajbhandari et al. 2020 §3 byte counts), seconds.
     */
    double optimizer(double params) {
        double optParams = params / (l.zero() >= 1 ? dpGroup() : 1);
        return gemmRoof.memory(optParams * (24 + 2.0 * fw.gradBytes() + 2)) + 20 * eff.kernelOverheadS();
    }

    /** Host-to-device copy of one micro-batch over PCIe (the seed's first step), seconds. */
    double batchCopy() {
        return tokens * BATCH_BYTES_PER_TOKEN / pcieBytesPerS();
    }

    /** Model FLOPs per token: 6 x (non-embedding active parameters + output projection) + 12·l·(a·d)·s (PaLM app. B). */
    double modelFlopsPerToken() {
        double nonEmbed = m.activeParams() - m.embeddingParams();
        double output = (double) m.vocab() * m.hidden();
        return 6 * (nonEmbed + output) + 12.0 * m.layers() * attentionWidth() * l.seqLen();
    }

    /** FLOPs a recompute pass adds per token: full reruns each layer's forward, selective only the attention core. */
    double recomputeFlopsPerToken() {
        double layersFwd = 2 * (m.activeParams() - m.embeddingParams());
        double attn = 4.0 * m.layers() * attentionWidth() * l.seqLen();
        return switch (l.recompute()) {
            case FULL -> layersFwd + attn;
            case SELECTIVE -> attn;
            case NONE -> 0;
        };
    }

    private double attentionWidth() {
        return m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim() + x.vHeadDim()) / 2)
                .orElse((double) m.heads() * m.headDim());
    }

    /** Memory on the first pipeline stage (the one holding the most micro-batches in flight), bytes. */
    Map<String, Double> memory(double params) {
        int t = l.tp();
        int p = l.pp();
        int dpGroup = dpGroup();
        double shardOpt = l.zero() >= 1 ? dpGroup : 1;
        double shardGrad = l.zero() >= 2 ? dpGroup : 1;
        double shardWeights = l.zero() >= 3 ? dpGroup : 1;
        Map<String, Double> mem = new LinkedHashMap<>();
        mem.put("weights", params * 2 / shardWeights);
        mem.put("gradients", params * fw.gradBytes() / shardGrad);
        mem.put("optimizer", params * 12 / shardOpt);
        // Korthikanti et al. 2022 eq. 1-2, generalised to GQA and SwiGLU, bytes per token of one layer
        double h = m.hidden();
        double gd = m.kvHeads() * (double) m.headDim();
        double ffn = m.isMoe() ? m.moe().get().expertFfnHidden() * (m.moe().get().topK() + m.moe().get().sharedExperts())
                : m.ffnHidden();
        double act = m.activation() == Activation.SWIGLU ? 6 * ffn : 4 * ffn;
        double unsplit = 10 * h;                                            // layernorm, QKV and MLP inputs, dropout masks
        double split = 4 * h + 4 * gd + act;                                // Q and projection input, K and V, MLP activations
        double scores = fw.flashAttention() ? 0 : 5.0 * m.heads() * l.seqLen() / l.cp();
        double perToken;
        switch (l.recompute()) {
            case FULL -> perToken = 2 * h / (l.sequenceParallel() ? t : 1);
            case SELECTIVE -> perToken = l.sequenceParallel() ? (unsplit + split) / t : unsplit + split / t;
            default -> perToken = l.sequenceParallel() ? (unsplit + split + scores) / t : unsplit + (split + scores) / t;
        }
        double inFlight = p == 1 ? 1 : p * (l.vpp() > 1 ? 1 + (p - 1.0) / (p * l.vpp()) : 1);
        inFlight = Math.min(inFlight, l.microBatches() * (double) l.vpp());
        double activations = perToken * tokens * stageLayers[0] * inFlight;
        if (l.recompute() == Recompute.FULL) {
            // one layer's full activations exist while it is recomputed for the backward pass
            activations += (unsplit + split + scores) / (l.sequenceParallel() ? t : 1) * tokens;
        }
        mem.put("activations", activations);
        mem.put("logits", p == 1 ? tokens * m.vocab() / t * 6.0 : 0);
        mem.put("buffers", DP_BUCKET_PARAMS * fw.gradBytes() + 2 * tokens * h * ACT_BYTES);
        mem.put("reserve", RESERVE_BYTES);
        return mem;
    }
}
