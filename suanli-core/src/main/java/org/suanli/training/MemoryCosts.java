package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.suanli.software.Framework;
import org.suanli.workload.Activation;
import org.suanli.workload.Model;

/**
 * Memory: the weights each GPU of a pipeline stage holds and the bytes per GPU of weights, gradients, optimizer
 * state (sharded by the ZeRO stage; Rajbhandari et al. 2020), activations (Korthikanti et al. 2022), logits,
 * buffers and the runtime's reserve.
 */
final class MemoryCosts {
    /** CUDA context, NCCL and cuBLAS workspaces and allocator slack: 1.5 GiB. */
    static final double RESERVE_BYTES = 1.5 * (1L << 30);

    private final Model m;
    private final Layout l;
    private final Framework fw;
    private final StageSchedule schedule;
    private final double tokens;

    /** {@code tokens}: the tokens of one micro-batch on one GPU (micro-batch x sequence / cp). */
    MemoryCosts(Model m, Layout l, StageSchedule schedule, double tokens) {
        this.m = m;
        this.l = l;
        this.fw = l.framework();
        this.schedule = schedule;
        this.tokens = tokens;
    }

    /** Weights on one GPU of stage i, parameters. */
    double stageParams(int i) {
        int t = l.tp();
        int layers = schedule.layers(i);
        int moeLayers = schedule.moeLayers(i);
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

    /** Returns the largest per-GPU parameter count over the pipeline ranks (two stages each under DualPipe: parameters x2). */
    double maxStageParams() {
        double best = 0;
        for (int i = 0; i < l.pp(); i++) {
            double p = 0;
            for (int stage : schedule.rankStages(i)) {
                p += stageParams(stage);
            }
            best = Math.max(best, p);
        }
        return best;
    }

    /**
     * Layers' worth of activations held at the peak, micro-batches in flight times layers: on the first stage, which
     * holds the most micro-batches; under interleaving, the stage where in-flight chunks (pv + p - 1 - 2i on stage i,
     * Megatron-LM's warm-up) times its layers per chunk is largest, which is stage 1 when the first has a layer fewer.
     */
    private double activationLayers() {
        int p = l.pp();
        int v = l.vpp();
        double cap = l.microBatches() * (double) v;
        if (l.schedule() == PipelineSchedule.DUALPIPE) {
            // DualPipe holds PP + 1 chunks' activations (DeepSeek-V3 Table 2), a chunk being a stage of layers
            int most = 0;
            for (int i = 0; i < p; i++) {
                most = Math.max(most, schedule.layers(i));
            }
            return most * Math.min(p + 1, cap);
        }
        if (v == 1) {
            // 1F1B, and ZB-H1 and ZB-V at 1F1B's activation memory (Qi et al. 2023, Table 1 and the ZB-V table)
            return schedule.layers(0) * Math.min(p, cap);
        }
        double best = 0;
        for (int i = 0; i < p; i++) {
            double inFlight = Math.min(p * (1 + (p - 1.0) / (p * v)) - 2.0 * i / v, cap);
            best = Math.max(best, schedule.layers(i) * inFlight);
        }
        return best;
    }

    /** Memory on the first pipeline stage (the one holding the most micro-batches in flight), bytes. */
    Map<String, Double> memory(double params) {
        int t = l.tp();
        int p = l.pp();
        int dpGroup = CommCosts.dpGroup(l);
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
        double activations = perToken * tokens * activationLayers();
        if (l.recompute() == Recompute.FULL) {
            // one layer's full activations exist while it is recomputed for the backward pass
            activations += (unsplit + split + scores) / (l.sequenceParallel() ? t : 1) * tokens;
        }
        mem.put("activations", activations);
        mem.put("logits", p == 1 ? tokens * m.vocab() / t * 6.0 : 0);
        mem.put("buffers", StepCosts.DP_BUCKET_PARAMS * fw.gradBytes() + 2 * tokens * h * StepCosts.ACT_BYTES);
        mem.put("reserve", RESERVE_BYTES);
        return mem;
    }
}
