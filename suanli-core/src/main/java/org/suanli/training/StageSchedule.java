package org.suanli.training;

import org.suanli.workload.Model;

/**
 * Schedule: how the layers split into pipeline stages (evenly, or as a given {@link PipelineLayout} places them), what one micro-batch costs on each stage, and the rules by
 * which the pipeline fill and drain, the data-parallel reduction and the host side add to a step.
 */
final class StageSchedule {
    /** Latency of the loss copy device-to-host and its synchronisation at the end of a step (the seed's fourth step). */
    static final double LOSS_SYNC_S = 20e-6;

    private final Layout l;
    private final int[] stageLayers;
    private final int[] stageMoeLayers;
    private final Model m;
    private final LayerOps dense;
    private final LayerOps moe;
    private final LayerOps embed;
    private final LayerOps head;

    StageSchedule(Model m, Layout l, LayerOps dense, LayerOps moe, LayerOps embed, LayerOps head) {
        this.l = l;
        this.dense = dense;
        this.moe = moe;
        this.embed = embed;
        this.head = head;
        this.m = m;
        stageMoeLayers = new int[l.pp()];
        if (l.pipelineLayout().isPresent()) {
            // a given layout: each stage's layers are those of its chunks, wherever they sit in the model
            PipelineLayout pl = l.pipelineLayout().get();
            stageLayers = new int[l.pp()];
            for (int i = 0; i < l.pp(); i++) {
                for (int k = 0; k < l.vpp(); k++) {
                    int n = pl.stage(l.pp(), i, k).layers();
                    int first = pl.firstLayer(l.pp(), i, k);
                    stageLayers[i] += n;
                    for (int j = first; j < first + n; j++) {
                        stageMoeLayers[i] += m.isMoeLayer(j) ? 1 : 0;
                    }
                }
            }
            return;
        }
        stageLayers = l.vpp() > 1 ? interleavedStageLayers(m.layers(), l.pp(), l.vpp()) : stageLayers(m.layers(), l.pp());
        int lo = 0;
        for (int i = 0; i < l.pp(); i++) {
            int hi = lo + stageLayers[i];
            for (int j = lo; j < hi; j++) {
                stageMoeLayers[i] += m.isMoeLayer(j) ? 1 : 0;
            }
            lo = hi;
        }
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

    /**
     * Whether {@code layers} split into {@code chunks} virtual pipeline chunks: evenly, or k per chunk with the first
     * and the last chunk one layer fewer (layers = chunks x k - 2, k at least 2), which is how Llama 3 405B's 126
     * layers run on 16 stages of 4 chunks (Llama 3 paper §3.3.2; Megatron-Core's account_for_embedding/loss_in_pipeline_split).
     */
    static boolean chunksFit(int layers, int chunks) {
        return layers % chunks == 0 || (layers + 2) % chunks == 0 && (layers + 2) / chunks >= 2;
    }

    /** Layers of chunk {@code chunk} of stage {@code stage} when {@code layers} split into pp x vpp chunks ({@link #chunksFit}). */
    static int chunkLayers(int layers, int pp, int vpp, int stage, int chunk) {
        int chunks = pp * vpp;
        if (layers % chunks == 0) {
            return layers / chunks;
        }
        int g = chunk * pp + stage;
        return (layers + 2) / chunks - (g == 0 || g == chunks - 1 ? 1 : 0);
    }

    /** Index in the model of the first layer of chunk {@code chunk} of stage {@code stage} (chunk g holds the g-th slice). */
    static int chunkFirstLayer(int layers, int pp, int vpp, int stage, int chunk) {
        int chunks = pp * vpp;
        int g = chunk * pp + stage;
        if (layers % chunks == 0) {
            return g * (layers / chunks);
        }
        return g == 0 ? 0 : g * ((layers + 2) / chunks) - 1;
    }

    /** Layers per stage under the interleaved schedule: the sum of its chunks'. */
    static int[] interleavedStageLayers(int layers, int pp, int vpp) {
        int[] out = new int[pp];
        for (int i = 0; i < pp; i++) {
            for (int k = 0; k < vpp; k++) {
                out[i] += chunkLayers(layers, pp, vpp, i, k);
            }
        }
        return out;
    }

    /** Returns the transformer layers of chunk {@code chunk} on stage {@code stage}. */
    int chunkLayers(int stage, int chunk) {
        if (l.pipelineLayout().isPresent()) {
            return l.pipelineLayout().get().stage(l.pp(), stage, chunk).layers();
        }
        return l.vpp() > 1 ? chunkLayers(m.layers(), l.pp(), l.vpp(), stage, chunk) : stageLayers[stage];
    }

    /** Returns the model index of the first layer of chunk {@code chunk} on stage {@code stage}. */
    int chunkFirstLayer(int stage, int chunk) {
        if (l.pipelineLayout().isPresent()) {
            return l.pipelineLayout().get().firstLayer(l.pp(), stage, chunk);
        }
        if (l.vpp() > 1) {
            return chunkFirstLayer(m.layers(), l.pp(), l.vpp(), stage, chunk);
        }
        int sum = 0;
        for (int i = 0; i < stage; i++) {
            sum += stageLayers[i];
        }
        return sum;
    }

    /** Returns the transformer layers on stage {@code i}. */
    int layers(int i) {
        return stageLayers[i];
    }

    /** Returns the MoE layers on stage {@code i} (the model's first layers, or every other one, may be dense). */
    int moeLayers(int i) {
        return stageMoeLayers[i];
    }

    /** Returns the operators of layer {@code index} of the model (counting from 0): a dense or an MoE layer. */
    LayerOps layer(int index) {
        return m.isMoeLayer(index) ? moe : dense;
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

    /** Per-micro-batch forward time of stage i: its layers' forward kernels and exposed tensor-parallel collectives. */
    double stageForward(int i) {
        int moeLayers = stageMoeLayers[i];
        double f = (stageLayers[i] - moeLayers) * (dense.fwdCompute + dense.tpFwd) + moeLayers * (moe.fwdCompute + moe.tpFwd);
        return f + (i == 0 ? embed.fwdCompute : 0) + (i == l.pp() - 1 ? head.fwdCompute : 0);
    }

    /** Per-micro-batch weight-gradient GEMM time of stage i (W of the zero-bubble schedules). */
    double stageWgrad(int i) {
        int moeLayers = stageMoeLayers[i];
        double w = (stageLayers[i] - moeLayers) * dense.wgradCompute + moeLayers * moe.wgradCompute;
        return w + (i == 0 ? embed.wgradCompute : 0) + (i == l.pp() - 1 ? head.wgradCompute : 0);
    }

    /**
     * The stages pipeline rank {@code rank} holds: its own, and under DualPipe also stage pp-1-rank, whose micro-batches
     * flow the other way (DeepSeek-V3 §3.2.1; deepseek-ai/DualPipe examples: rank i holds modules i and pp-1-i).
     */
    int[] rankStages(int rank) {
        if (l.schedule() == PipelineSchedule.DUALPIPE) {
            return new int[] {rank, l.pp() - 1 - rank};
        }
        return new int[] {rank};
    }

    /**
     * The pipeline bubble of a step under the job's schedule, seconds, from the other stages' mean per-micro-batch
     * time {@code others}, forward {@code f}, full backward {@code b} (others - f) and weight-gradient part {@code w}:
     * 1F1B and interleaved (p-1)/v x others (Narayanan et al. 2021 §2.2); ZB-H1 (p-1)(F+B-2W) (Qi et al. 2023 §3.1,
     * as DeepSeek-V3 Table 2's ZB1P); ZB-V two chunks per rank at half a stage each, the ZB-H2 bubble (p-1)(F+B'-2W)
     * with B' = B - W on them, (p-1)(F+B-3W)/2 (derived: 0 at F = B' = W as Qi et al.'s ZB-V table gives); DualPipe
     * (p/2-1)(F&amp;B+B-3W) with F&amp;B = F + B, the pair's compute once its communication is hidden (DeepSeek-V3 Table 2).
     */
    static double bubble(PipelineSchedule schedule, int p, int v, double others, double f, double w) {
        if (p == 1) {
            return 0;
        }
        double b = others - f;
        return switch (schedule) {
            case ONE_F_ONE_B, INTERLEAVED -> fillAndDrain(p, v, others);
            case ZB_H1 -> (p - 1) * Math.max(0, f + b - 2 * w);
            case ZB_V -> (p - 1) * Math.max(0, f + b - 3 * w) / 2;
            case DUALPIPE -> (p / 2.0 - 1) * Math.max(0, (f + b) + b - 3 * w);
        };
    }

    /** Returns the slowest stage (the first of equals): the one whose micro-batches set the step's pace. */
    int criticalStage() {
        double max = 0;
        int crit = 0;
        for (int i = 0; i < l.pp(); i++) {
            double ti = stageTime(i);
            if (ti > max) {
                max = ti;
                crit = i;
            }
        }
        return crit;
    }

    /**
     * The 1F1B fill and drain around the slowest stage: (p-1)/v of an average other stage (Narayanan et al. 2021
     * §2.2), seconds; {@code others} is the mean per-step time of the other stages.
     */
    static double fillAndDrain(int p, int v, double others) {
        return p == 1 ? 0 : (p - 1) / (double) v * others;
    }

    /** The share of a reduction {@code comm} in one bucket of {@link StepCosts#DP_BUCKET_PARAMS} parameters. */
    static double oneBucket(double comm, double params) {
        return comm * Math.min(1, StepCosts.DP_BUCKET_PARAMS / params);
    }

    /** Exposed part of a reduction overlapped with a compute window: at least the last bucket. */
    static double exposed(double comm, double window, double params) {
        return Math.max(oneBucket(comm, params), comm - window);
    }
}
