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
        int layers = schedule.layers(i);
        int moeLayers = schedule.moeLayers(i);
        double p = (layers - moeLayers) * layerParams(false) + moeLayers * layerParams(true);
        return p + embedParams(i) + headParams(i);
    }

    /** Weights of layer {@code index} of the model on one GPU, parameters. */
    double layerParams(int index) {
        return layerParams(m.isMoeLayer(index));
    }

    private double layerParams(boolean moeLayer) {
        int t = l.tp();
        double attn = m.attentionParamsPerLayer() / t;
        if (!moeLayer) {
            return attn + m.denseMlpParams() / t;
        }
        return attn + m.moe().map(x -> (double) x.experts() / l.ep() * m.expertParams() / l.expertTp()
                + x.sharedExperts() * m.expertParams() / t + m.routerParams()).orElse(0.0);
    }

    /** The embedding's weights on one GPU of stage {@code i} (the first only), parameters. */
    double embedParams(int i) {
        return i == 0 ? (double) m.vocab() * m.hidden() / l.tp() : 0;
    }

    /** The output head's weights on one GPU of stage {@code i} (the last, unless tied to the embedding on the same stage). */
    double headParams(int i) {
        boolean last = i == l.pp() - 1;
        return last && (!m.tiedEmbeddings() || i != 0) ? (double) m.vocab() * m.hidden() / l.tp() : 0;
    }

    /** The largest unit ZeRO-3 gathers whole on one GPU (a layer, the embedding or the head), parameters. */
    private double largestUnit() {
        double best = Math.max(embedParams(0), headParams(l.pp() - 1));
        for (int j = 0; j < m.layers(); j++) {
            best = Math.max(best, layerParams(j));
        }
        return best;
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

    /** Bytes per token one layer stashes for its backward pass under the layout's recompute (Korthikanti et al. 2022). */
    private double stashedPerToken() {
        int t = l.tp();
        double h = m.hidden();
        return switch (l.recompute()) {
            case FULL -> 2 * h / (l.sequenceParallel() ? t : 1);
            case SELECTIVE -> l.sequenceParallel() ? (unsplit() + split()) / t : unsplit() + split() / t;
            default -> l.sequenceParallel() ? (unsplit() + split() + scores()) / t : unsplit() + (split() + scores()) / t;
        };
    }

    /** Korthikanti et al. 2022 eq. 1-2, generalised to GQA and SwiGLU: layernorm, QKV and MLP inputs, dropout masks. */
    private double unsplit() {
        return 10.0 * m.hidden();
    }

    /** Q and projection input, K and V, MLP activations, bytes per token (split by tensor parallelism). */
    private double split() {
        double h = m.hidden();
        double gd = m.kvHeads() * (double) m.headDim();
        double ffn = m.isMoe() ? m.moe().get().expertFfnHidden() * (m.moe().get().topK() + m.moe().get().sharedExperts())
                : m.ffnHidden();
        double act = m.activation() == Activation.SWIGLU ? 6 * ffn : 4 * ffn;
        return 4 * h + 4 * gd + act;
    }

    private double scores() {
        return fw.flashAttention() ? 0 : 5.0 * m.heads() * l.seqLen() / l.cp();
    }

    /** Bytes one layer stashes for one micro-batch on one GPU: what activation offload copies to the host and back. */
    double stashedLayerBytes() {
        return stashedPerToken() * tokens;
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
        // ZeRO-Offload keeps the fp32 master weights, momentum and variance in host memory (Ren et al. 2021 sec. 3)
        mem.put("optimizer", l.offload().optimizer() ? 0 : params * 12 / shardOpt);
        if (l.zero() == 3) {
            mem.put("gathered_weights", gatheredWeights(params));
        }
        double h = m.hidden();
        double layers = activationLayers();
        if (l.offload().activations()) {
            // the layer computing and the one being copied (double buffering) stay on the GPU, the rest on the host
            layers = Math.min(layers, 2);
        }
        double activations = stashedPerToken() * tokens * layers;
        if (l.recompute() == Recompute.FULL) {
            // one layer's full activations exist while it is recomputed for the backward pass
            activations += (unsplit() + split() + scores()) / (l.sequenceParallel() ? t : 1) * tokens;
        }
        mem.put("activations", activations);
        mem.put("logits", p == 1 ? tokens * m.vocab() / t * 6.0 : 0);
        mem.put("buffers", StepCosts.DP_BUCKET_PARAMS * fw.gradBytes() + 2 * tokens * h * StepCosts.ACT_BYTES);
        mem.put("reserve", RESERVE_BYTES);
        return mem;
    }

    /**
     * ZeRO-3's working set beyond the shard, bytes: with reshard after forward, the unit computing and the one prefetched
     * whole in bf16 (one without prefetch) and one unit's unreduced gradients (FSDP paper sec. 3.2-3.4: peak memory is
     * the shard plus the unsharded units in flight); without it, every weight of the stage stays whole from forward to
     * backward.
     */
    private double gatheredWeights(double params) {
        double unit = largestUnit();
        double grads = unit * fw.gradBytes();
        if (!fw.reshardAfterForward()) {
            return params * StepCosts.ACT_BYTES * (1 - 1.0 / CommCosts.dpGroup(l)) + grads;
        }
        return (fw.dpOverlap() ? 2 : 1) * unit * StepCosts.ACT_BYTES + grads;
    }

    /**
     * Host memory one GPU's offload uses, by what, bytes: the optimizer shard's fp32 master weights, momentum and
     * variance with its gradients (ZeRO-Offload, Ren et al. 2021 sec. 3-4), and every stashed activation of the stage.
     */
    Map<String, Double> hostMemory(double params) {
        Map<String, Double> host = new LinkedHashMap<>();
        double shardOpt = l.zero() >= 1 ? CommCosts.dpGroup(l) : 1;
        if (l.offload().optimizer()) {
            host.put("optimizer", params * (12 + fw.gradBytes()) / shardOpt);
        }
        if (l.offload().activations()) {
            host.put("activations", stashedPerToken() * tokens * activationLayers());
        }
        return host;
    }
}
