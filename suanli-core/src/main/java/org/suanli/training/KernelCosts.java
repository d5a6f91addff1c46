package org.suanli.training;

import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.perf.Efficiency;
import org.suanli.perf.Roofline;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * Compute: the FLOPs of a step and the times of its kernels on one GPU (GEMMs, memory-bound kernels, the
 * attention core, the optimizer) by the roofline with shape-dependent GEMM efficiency (Williams et al. 2009).
 */
final class KernelCosts {
    /** Bytes moved per element by Transformer Engine's fp8 cast-transpose: read bf16, write fp8 and its transpose. */
    static final double CAST_BYTES = 4;

    private final Model m;
    private final Layout l;
    private final Framework fw;
    private final Efficiency eff;
    private final Roofline gemmRoof;
    private final Roofline roof16;
    private final double gemmBytes;
    private final double smSlowdown;

    KernelCosts(Model m, Layout l, Accelerator a) {
        this.m = m;
        this.l = l;
        fw = l.framework();
        eff = a.efficiency();
        double bw = a.memory().bandwidthBytesPerS().orElseThrow();
        boolean fp8 = l.precision() == Precision.FP8;
        double e2e = eff.e2e(fw.presetId());
        gemmRoof = new Roofline(a.peak(l.precision()).orElseThrow(), bw, eff, fp8 ? eff.gemmFp8() : eff.gemm(), e2e,
                eff.kernelOverheadS(), fp8 ? eff.gemmFp8Memory() : eff.memory());
        roof16 = new Roofline(a.peak16().orElse(a.peak(l.precision()).getAsDouble()), bw, eff, eff.gemm(), e2e, eff.kernelOverheadS(),
                eff.memory());
        gemmBytes = fp8 ? 1 : 2;
        smSlowdown = smSlowdown(m, l, a);
    }

    /**
     * SMs the software reserves for expert all-to-all kernels on this job's accelerator: the framework's comm_sms on an
     * MoE layout with ep > 1 where the part's SM count is published (and larger); 0 otherwise.
     */
    private static int reservedSms(Model m, Layout l, Accelerator a) {
        int reserved = l.framework().commSms();
        if (reserved == 0 || !m.isMoe() || l.ep() == 1 || a.computeUnits().isEmpty() || a.computeUnits().getAsInt() <= reserved) {
            return 0;
        }
        return reserved;
    }

    /**
     * How much slower the tensor-core kernels run while the software overlaps expert all-to-all with them on SMs of
     * their own: all SMs over those left to compute (DeepSeek-V3 §3.2.2: 20 of the H800's 132 SMs run the dispatch and
     * combine kernels beside DualPipe's overlapped chunks); 1 where nothing is reserved or nothing overlaps.
     */
    static double smSlowdown(Model m, Layout l, Accelerator a) {
        int reserved = reservedSms(m, l, a);
        if (reserved == 0 || l.schedule() != PipelineSchedule.DUALPIPE) {
            return 1;
        }
        int units = a.computeUnits().getAsInt();
        return units / (double) (units - reserved);
    }

    /**
     * The share of the SMs that Megatron-Core's batch-level EP overlap ({@code epA2aOverlap}) hands to the dispatch and
     * combine kernels while they run beside the partner micro-batch's compute: reserved over all (Megatron-Core
     * TransformerConfig {@code moe_deepep_num_sms}: 20); 0 where nothing is reserved, nothing overlaps, the SM count is
     * not published, or DualPipe, whose slowdown {@link #smSlowdown} prices for the whole chunk, runs.
     */
    static double overlapSmShare(Model m, Layout l, Accelerator a) {
        int reserved = reservedSms(m, l, a);
        if (reserved == 0 || !l.epA2aOverlap() || l.schedule() == PipelineSchedule.DUALPIPE) {
            return 0;
        }
        return reserved / (double) a.computeUnits().getAsInt();
    }

    /**
     * Prices a GEMM M x N x K (count times): forward into c.fwd, dgrad + wgrad into c.bwd. In fp8
     * (Transformer Engine; Micikevicius et al. 2022) each GEMM first casts its activation input
     * (forward) and output gradient (backward) with a cast-transpose; weights are cast once per step.
     */
    double gemm(LayerOps c, String name, double mm, double nn, double kk, double count) {
        double flops = 2 * mm * nn * kk * count;
        double f = smSlowdown * gemmRoof.gemm(mm, nn, kk, count, gemmBytes);
        double dgrad = smSlowdown * gemmRoof.gemm(mm, kk, nn, count, gemmBytes);
        double wgrad = smSlowdown * gemmRoof.gemm(kk, nn, mm, count, gemmBytes);
        c.wgradCompute += wgrad;
        c.add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        c.add(c.bwd, name + "_dgrad", Op.Kind.COMPUTE, dgrad, flops, 0);
        c.add(c.bwd, name + "_wgrad", Op.Kind.COMPUTE, wgrad, flops, 0);
        double total = f;
        c.bwdCompute += dgrad + wgrad;
        if (gemmBytes == 1) {
            double castF = gemmRoof.memory(CAST_BYTES * mm * kk * count);
            double castB = gemmRoof.memory(CAST_BYTES * mm * nn * count);
            c.add(c.fwd, name + "_fp8_cast", Op.Kind.COMPUTE, castF, 0, CAST_BYTES * mm * kk * count);
            c.add(c.bwd, name + "_grad_fp8_cast", Op.Kind.COMPUTE, castB, 0, CAST_BYTES * mm * nn * count);
            total += castF;
            c.bwdCompute += castB;
        }
        c.fwdCompute += total;
        return total;
    }

    /**
     * A GEMM that stays in 16 bits even in fp8 training: the output layer and the MoE router are not Transformer Engine
     * modules (DeepSeek-V3 §3.3.1 keeps the embedding, output head and gating in bf16 too).
     */
    double gemm16(LayerOps c, String name, double mm, double nn, double kk) {
        double flops = 2 * mm * nn * kk;
        double f = smSlowdown * roof16.gemm(mm, nn, kk, 1, StepCosts.ACT_BYTES);
        double dgrad = smSlowdown * roof16.gemm(mm, kk, nn, 1, StepCosts.ACT_BYTES);
        double wgrad = smSlowdown * roof16.gemm(kk, nn, mm, 1, StepCosts.ACT_BYTES);
        c.wgradCompute += wgrad;
        c.add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        c.add(c.bwd, name + "_dgrad", Op.Kind.COMPUTE, dgrad, flops, 0);
        c.add(c.bwd, name + "_wgrad", Op.Kind.COMPUTE, wgrad, flops, 0);
        c.fwdCompute += f;
        c.bwdCompute += dgrad + wgrad;
        return f;
    }

    /** Prices a memory-bound kernel moving {@code bytes} forward; its backward moves twice as many. */
    double mem(LayerOps c, String name, double bytes) {
        return mem(c, name, bytes, 2 * bytes);
    }

    /** Prices a memory-bound kernel moving {@code bytes} forward and {@code bwdBytes} backward. */
    double mem(LayerOps c, String name, double bytes, double bwdBytes) {
        double f = gemmRoof.memory(bytes);
        double b = gemmRoof.memory(bwdBytes);
        c.add(c.fwd, name, Op.Kind.COMPUTE, f, 0, bytes);
        c.add(c.bwd, name + "_bwd", Op.Kind.COMPUTE, b, 0, bwdBytes);
        c.fwdCompute += f;
        c.bwdCompute += b;
        return f;
    }

    /** Attention core (scores, softmax, dropout, weighted sum) forward into c; returns {forward, backward} time. */
    double[] attentionCore(LayerOps c) {
        int t = l.tp();
        double headsLocal = (double) m.heads() / t;
        double sq = (double) l.seqLen() / l.cp();
        double b = l.microBatch();
        double d = m.mla().map(x -> (double) x.qkNopeHeadDim() + x.qkRopeHeadDim()).orElse((double) m.headDim());
        double dv = m.mla().map(x -> (double) x.vHeadDim()).orElse((double) m.headDim());
        double f0 = c.fwdCompute;
        double b0 = c.bwdCompute;
        if (fw.flashAttention()) {
            // FlashAttention-2 (Dao 2023): causal masking skips half the score tiles (s/2 keys per query), and a sliding
            // window all tiles outside its band (FlashAttention-2 window_size; gpt-oss model card §2.1); backward does
            // 2.5x the forward matmuls
            double flops = 2 * b * headsLocal * sq * attentionSeq() * (d + dv) * 0.5;
            double bytes = StepCosts.ACT_BYTES * b * sq * headsLocal * (2 * d + 2 * dv);
            double f = smSlowdown * roof16.fusedAttention(flops, bytes, false);
            double bw = smSlowdown * roof16.fusedAttention(2.5 * flops, 2 * bytes, true);
            c.add(c.fwd, "flash_attention", Op.Kind.COMPUTE, f, flops, bytes);
            c.add(c.bwd, "flash_attention_bwd", Op.Kind.COMPUTE, bw, 2.5 * flops, 2 * bytes);
            c.fwdCompute += f;
            c.bwdCompute += bw;
        } else {
            // Unfused (Megatron-LM 2021): QK^T and AV batched GEMMs on the full s x s scores, fused
            // scale-mask-softmax and dropout, scores materialised in HBM (MODELLING.md, "software era"); a sliding
            // window is a mask there and saves nothing
            double skv = l.seqLen();
            double batch = b * headsLocal;
            double e = batch * sq * skv;
            bmm(c, "attention_scores", sq, skv, d, batch);
            mem(c, "softmax", 2 * e * StepCosts.ACT_BYTES);
            mem(c, "attention_dropout", 2 * e * StepCosts.ACT_BYTES + e);
            bmm(c, "attention_values", sq, dv, skv, batch);
        }
        return new double[] {c.fwdCompute - f0, c.bwdCompute - b0};
    }

    /** A batched 16-bit GEMM of the attention core (never fp8). */
    private void bmm(LayerOps c, String name, double mm, double nn, double kk, double batch) {
        double flops = 2 * mm * nn * kk * batch;
        double f = roof16.gemm(mm, nn, kk, batch, StepCosts.ACT_BYTES);
        double bw = roof16.gemm(mm, kk, nn, batch, StepCosts.ACT_BYTES) + roof16.gemm(kk, nn, mm, batch, StepCosts.ACT_BYTES);
        c.add(c.fwd, name, Op.Kind.COMPUTE, f, flops, 0);
        c.add(c.bwd, name + "_bwd", Op.Kind.COMPUTE, bw, 2 * flops, 0);
        c.fwdCompute += f;
        c.bwdCompute += bw;
    }

    /**
     * Adam over this GPU's optimizer shard: fp32 master, momentum and variance read and written, gradients read
     * twice (norm and update), bf16 weights written (Rajbhandari et al. 2020 §3 byte counts), seconds.
     */
    double optimizer(double params) {
        double optParams = params / (l.zero() >= 1 ? CommCosts.dpGroup(l) : 1);
        return gemmRoof.memory(optParams * (24 + 2.0 * fw.gradBytes() + 2)) + 20 * eff.kernelOverheadS();
    }

    /**
     * Model FLOPs per token: 6 x (non-embedding active parameters + output projection) + 12·l·(a·d)·s (PaLM app. B),
     * where a windowed layer's s is twice its average causal keys per query (Megatron-Bridge @067f987
     * training/utils/flop_utils.py: core_attn_seq_factor = 2 x swa_context), so that s stays s on full layers.
     */
    double modelFlopsPerToken() {
        double nonEmbed = m.activeParams() - m.embeddingParams();
        double output = (double) m.vocab() * m.hidden();
        return 6 * (nonEmbed + output) + 12.0 * m.layers() * attentionWidth() * attentionSeq();
    }

    /** FLOPs a recompute pass adds per token: full reruns each layer's forward, selective only the attention core. */
    double recomputeFlopsPerToken() {
        double layersFwd = 2 * (m.activeParams() - m.embeddingParams());
        double attn = 4.0 * m.layers() * attentionWidth() * attentionSeq();
        return switch (l.recompute()) {
            case FULL -> layersFwd + attn;
            case SELECTIVE -> attn;
            case NONE -> 0;
        };
    }

    /** The sequence length the attention FLOPs of PaLM's formula count, averaged over the layers (s without windows). */
    private double attentionSeq() {
        return 2 * m.attendedKeysPerQuery(l.seqLen());
    }

    private double attentionWidth() {
        return m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim() + x.vHeadDim()) / 2)
                .orElse((double) m.heads() * m.headDim());
    }
}
