package org.suanli.training;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.workload.Activation;
import org.suanli.workload.Mla;
import org.suanli.workload.Model;

/**
 * The step costs of a decoder-only transformer, dense or MoE, laid out Megatron-style (tp, sp, cp, ep, pp, dp, ZeRO):
 * builds each layer's operators from {@link KernelCosts} and {@link CommCosts} and answers the engines with those,
 * {@link StageSchedule} and {@link MemoryCosts}. docs/MODEL.md lists every term with its source.
 */
final class TransformerStepCosts implements StepCosts {
    private final TrainingJob job;
    private final Model m;
    private final Layout l;
    private final Accelerator a;
    private final boolean record;
    private final double tokens;
    private final KernelCosts kernels;
    private final CommCosts comm;
    private final LayerOps dense;
    private final LayerOps moe;
    private final LayerOps embed;
    private final LayerOps head;
    private final StageSchedule schedule;
    private final MemoryCosts memory;
    private final double p2p;

    TransformerStepCosts(TrainingJob job, boolean record) {
        this.job = job;
        this.record = record;
        m = job.model();
        l = job.layout();
        a = job.server().accelerator().orElseThrow();
        tokens = (double) l.microBatch() * l.seqLen() / l.cp();
        kernels = new KernelCosts(m, l, a);
        comm = new CommCosts(m, job.server(), l, tokens);

        dense = m.denseLayers() > 0 ? layer(false) : new LayerOps(record);
        moe = m.isMoe() ? layer(true) : dense;
        embed = new LayerOps(record);
        kernels.mem(embed, "embedding", tokens * m.hidden() * ACT_BYTES);
        head = new LayerOps(record);
        double v = m.vocab() / (double) l.tp();
        kernels.mem(head, "final_layernorm", 2 * tokens * m.hidden() * ACT_BYTES);
        kernels.gemm16(head, "logits", tokens, v, m.hidden());
        kernels.mem(head, "cross_entropy", 3 * tokens * v * 4);
        if (m.mtpDepth() > 0) {
            head.plus(mtp());
        }
        schedule = new StageSchedule(m, l, dense, moe, embed, head);
        memory = new MemoryCosts(m, l, schedule, tokens);
        p2p = comm.pipelineSendRecv();
        gpusPerServer = Math.min(job.server().acceleratorCount(), l.gpus());
        checkOffload(job);
    }

    /** CPU Adam throughput of one host: 10B parameters in 2.57 s (Ren et al., ZeRO-Offload, USENIX ATC'21, Table 3). */
    static final double CPU_ADAM_PARAMS_PER_S = 10e9 / 2.57;

    private final int gpusPerServer;

    /** Offload needs a host link, and host memory for every GPU of a server where the server publishes its memory. */
    private void checkOffload(TrainingJob job) {
        if (l.offload() == Offload.NONE) {
            return;
        }
        var server = job.server();
        if (!comm.hasHostLink()) {
            throw new org.suanli.BadInputException("--offload " + l.offload().key(), "server " + server.id()
                    + " states no host link to copy over", "expected a server with host_link (PCIe), or --offload none");
        }
        double need = hostMemoryPerServer().values().stream().mapToDouble(Double::doubleValue).sum();
        if (server.hostMemoryBytes().isPresent() && need > server.hostMemoryBytes().getAsDouble()) {
            throw new org.suanli.BadInputException("--offload " + l.offload().key(), String.format(java.util.Locale.ROOT,
                    "needs %s of host memory per server, server %s has %s", org.suanli.units.Units.formatBytes(need), server.id(),
                    org.suanli.units.Units.formatBytes(server.hostMemoryBytes().getAsDouble())),
                    "expected more GPUs (smaller shards), a smaller offload or a server with more host memory");
        }
    }

    /** Host memory a server's GPUs use for offload, by what, bytes (empty without offload). */
    private Map<String, Double> hostMemoryPerServer() {
        Map<String, Double> perGpu = memory.hostMemory(memory.maxStageParams());
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        perGpu.forEach((k, v) -> out.put(k, v * gpusPerServer));
        return out;
    }

    /**
     * One transformer layer for one micro-batch on one GPU: its kernels, and where each parallelism adds its
     * communication (tensor-parallel after attention and MLP, expert-parallel around the experts, context-parallel
     * behind the attention core); then what recompute reruns.
     */
    private LayerOps layer(boolean isMoe) {
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
        List<Op> tpBwdOps = c.newList();
        kernels.mem(c, "input_layernorm", 2 * hT * ACT_BYTES / sp);
        double b0 = c.bwdCompute;
        double attnGemmF = m.mla().isPresent() ? mlaProjections(c, m.mla().get())
                : kernels.gemm(c, "qkv", tokens, (qDim + kvDim) / t, h, 1);
        int coreStart = c.fwd.size();
        double[] core = kernels.attentionCore(c);
        int coreEnd = c.fwd.size();
        double b1 = c.bwdCompute;
        attnGemmF += kernels.gemm(c, "attention_proj", tokens, h, oDim / t, 1);
        double attnGemmB = c.bwdCompute - b1 + (b1 - b0 - core[1]);
        c.tpFwd += comm.tpCollective(c, c.fwd, "tp_allreduce_attention", hT * ACT_BYTES, attnGemmF);
        c.tpBwd += comm.tpCollective(c, tpBwdOps, "tp_allreduce_attention_grad", hT * ACT_BYTES, attnGemmB);
        kernels.mem(c, "bias_dropout_add", 3.5 * hT * ACT_BYTES / sp);
        kernels.mem(c, "post_attention_layernorm", 2 * hT * ACT_BYTES / sp);
        int mats = m.activation().mlpMatrices();
        String act = m.activation() == Activation.SWIGLU ? "swiglu" : "gelu";
        double mlpF0 = c.fwdCompute;
        double mlpB0 = c.bwdCompute;
        double epF = 0;
        double epB = 0;
        if (!isMoe) {
            double ffn = m.ffnHidden();
            kernels.gemm(c, "mlp_up", tokens, (mats - 1) * ffn / t, h, 1);
            kernels.mem(c, act, mats * tokens * ffn / t * ACT_BYTES);
            kernels.gemm(c, "mlp_down", tokens, h, ffn / t, 1);
        } else {
            var x = m.moe().orElseThrow();
            double fe = x.expertFfnHidden();
            kernels.gemm16(c, "router", tokens, x.experts(), h);
            double routed = tokens * x.topK();                               // token-expert pairs per GPU (balanced)
            double localExperts = (double) x.experts() / l.ep();
            // dropless: the GPU with the most-loaded experts runs imbalance x the mean tokens through them and sets the
            // pace. Token dropping: each expert's buffer holds capacity = factor x tokens x top-k / experts slots
            // (Fedus et al. 2021, Switch Transformer §2.2 eq. 3; Lepikhin et al. 2020, GShard §2.2 and Algorithm 1),
            // padded and exchanged whole, so every GPU runs and sends factor x its even share whatever the routing
            // (a hot expert's overflow is dropped); model FLOPs stay the routed ones. With expert tp et other than tp
            // (folding), each expert's shard sees et/tp times the tokens at fe/et width (same FLOPs)
            int et = l.expertTp();
            double load = l.capacityFactor().orElse(l.expertImbalance());
            double perExpert = routed * load / localExperts * (et == t ? 1 : (double) et / t);
            // dispatch and combine all-to-all over the expert-parallel group (CommCosts.expertStride apart); dispatch and its
            // backward counterpart (the gradient before the down-projection) in fp8 where the software does so, the
            // combines in bf16 (DeepSeek-V3 §3.3.3)
            double copyTokens = tokens / sp;
            double wide = h * ACT_BYTES;
            double narrow = l.framework().fp8Dispatch() && l.precision() == Precision.FP8 ? h * CommCosts.FP8_TILE_BYTES : wide;
            double dispatch = comm.expertAllToAll(copyTokens, narrow, load);
            double combine = comm.expertAllToAll(copyTokens, wide, load);
            double pairs = copyTokens * x.topK() * l.capacityFactor().orElse(1);   // slots sent, padding included
            if (dispatch > 0) {
                c.add(c.fwd, "moe_dispatch", Op.Kind.EP_COMM, dispatch, 0, pairs * narrow);
                c.add(c.bwd, "moe_combine_grad", Op.Kind.EP_COMM, dispatch, 0, pairs * narrow);
            }
            // token permutation before dispatch and its inverse after combine: each reads the layer's tokens (or the
            // token-expert slots) and writes the other, and its backward is the other's pattern on the gradients
            // (Megatron-Core moe_utils.permute / unpermute; MaxText moe permute / unpermute around megablox)
            double permuteBytes = (copyTokens + pairs) * h * ACT_BYTES;
            kernels.mem(c, "moe_permute", permuteBytes, permuteBytes);
            kernels.gemm(c, "expert_up", perExpert, (mats - 1) * fe / et, h, localExperts);
            kernels.mem(c, "expert_" + act, mats * routed * load * fe / t * ACT_BYTES);
            kernels.gemm(c, "expert_down", perExpert, h, fe / et, localExperts);
            if (combine > 0) {
                c.add(c.fwd, "moe_combine", Op.Kind.EP_COMM, combine, 0, pairs * wide);
                c.add(c.bwd, "moe_dispatch_grad", Op.Kind.EP_COMM, combine, 0, pairs * wide);
            }
            kernels.mem(c, "moe_unpermute", permuteBytes, permuteBytes);
            epF = dispatch + combine;
            epB = dispatch + combine;
            c.epRecompute = l.recompute() == Recompute.FULL ? epF : 0;
            if (x.sharedExperts() > 0) {
                double fs = fe * x.sharedExperts();
                kernels.gemm(c, "shared_expert_up", tokens, (mats - 1) * fs / t, h, 1);
                kernels.mem(c, "shared_expert_" + act, mats * tokens * fs / t * ACT_BYTES);
                kernels.gemm(c, "shared_expert_down", tokens, h, fs / t, 1);
            }
        }
        c.tpFwd += comm.tpCollective(c, c.fwd, "tp_allreduce_mlp", hT * ACT_BYTES, c.fwdCompute - mlpF0);
        c.tpBwd += comm.tpCollective(c, tpBwdOps, "tp_allreduce_mlp_grad", hT * ACT_BYTES, c.bwdCompute - mlpB0);
        kernels.mem(c, "bias_dropout_add", 3.5 * hT * ACT_BYTES / sp);
        if (record) {
            c.bwd.addAll(tpBwdOps);
        }
        // context parallelism: ring exchange of K and V chunks (cp - 1 steps), hidden behind the attention core
        if (l.cp() > 1) {
            double kv = l.microBatch() * (double) l.seqLen() / l.cp() * kvDim / t * ACT_BYTES;
            double ring = comm.contextRing(kv);
            double fwdExposed = Math.max(0, ring - core[0]);
            double bwdExposed = Math.max(0, 2 * ring - core[1]);
            c.cp = fwdExposed + bwdExposed;
            c.add(c.fwd, "cp_ring_kv", Op.Kind.CP_COMM, fwdExposed, 0, (l.cp() - 1) * kv);
            c.add(c.bwd, "cp_ring_kv_grad", Op.Kind.CP_COMM, bwdExposed, 0, 2 * (l.cp() - 1) * kv);
        }
        double unpaired = unpairedShare(l.pp(), l.vpp(), l.microBatches());
        c.ep = exposedExpertComm(l.schedule(), l.epA2aOverlap(), c.fwdCompute, c.bwdCompute, epF, epB, unpaired);
        double exposedShare = epF + epB > 0 ? c.ep / (epF + epB) : 1;
        double share = KernelCosts.overlapSmShare(m, l, a);
        if (share > 0) {
            // while the forward all-to-all hides under the partner's backward (and the backward one under its forward),
            // that compute runs on (N - k) of N SMs: k/N of the hidden time is lost to it (DeepSeek-V3 §3.2.2); only the
            // paired (steady-state) micro-batches hide it
            double slowBwd = share * (1 - unpaired) * Math.min(epF, c.bwdCompute);
            double slowFwd = share * (1 - unpaired) * Math.min(epB, c.fwdCompute);
            c.fwdCompute += slowFwd;
            c.bwdCompute += slowBwd;
            c.add(c.fwd, "ep_overlap_sm_share", Op.Kind.COMPUTE, slowFwd, 0, 0);
            c.add(c.bwd, "ep_overlap_sm_share", Op.Kind.COMPUTE, slowBwd, 0, 0);
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
        if (exposedShare < 1) {
            // the event engine runs a layer's operators one after another and has no partner micro-batch to hide them
            // behind: the forward and backward all-to-all operators carry the exposed share the schedule leaves (a full
            // recompute's re-dispatch, copied above, stays whole as the analytic model charges it), so both engines agree
            c.scale(Op.Kind.EP_COMM, exposedShare);
        }
        return c;
    }

    /**
     * The exposed expert all-to-all of one layer, forward {@code epF} and backward {@code epB} seconds. DualPipe runs the
     * forward chunk of one micro-batch beside the backward chunk of another, so each direction's dispatch and combine
     * hide behind the other chunk's compute: exposed = max(0, comm - overlappable compute) (DeepSeek-V3 §3.2.1, Figure 4).
     * Megatron-Core's batch-level EP overlap ({@code epA2aOverlap}) merges the forward and backward of adjacent
     * micro-batches in the same way on 1F1B and interleaved schedules (Megatron-LM moe/README.md, "EP A2A Overlap").
     * Only the steady state has partners: the warm-up forwards and cool-down backwards of a step ({@code unpairedShare}
     * of its micro-batches, {@link #unpairedShare}) wait for their all-to-all as every other schedule does.
     */
    static double exposedExpertComm(PipelineSchedule schedule, boolean epA2aOverlap, double fwdCompute, double bwdCompute,
                                    double epF, double epB, double unpairedShare) {
        if (schedule != PipelineSchedule.DUALPIPE && !epA2aOverlap) {
            return epF + epB;
        }
        double paired = Math.max(0, epF - bwdCompute) + Math.max(0, epB - fwdCompute);
        double u = Math.min(1, Math.max(0, unpairedShare));
        return u * (epF + epB) + (1 - u) * paired;
    }

    /**
     * The share of a step's micro-batches whose forward (warm-up) or backward (cool-down) on the first pipeline stage has
     * no partner to overlap with: the stage's warm-up count over the step's micro-batches, which the cool-down mirrors.
     * 1F1B and DualPipe warm up pp - 1 micro-batches on the first stage (Narayanan et al. 2021 §2.2; DeepSeek-V3 Figure 5
     * runs forward-only steps before its first F&amp;B pair); interleaving warms up 2(pp - 1) + (v - 1) pp chunks of 1/v of a
     * micro-batch each (Megatron-LM schedules.py, forward_backward_pipelining_with_interleaving); without a pipeline the
     * first forward and the last backward stand alone (Megatron-Core's combined 1F1B pairs F(i+1) with B(i)).
     */
    static double unpairedShare(int pp, int vpp, int microBatches) {
        double warmup = pp <= 1 ? 1 : vpp > 1 ? (2.0 * (pp - 1) + (vpp - 1) * (double) pp) / vpp : pp - 1;
        return Math.min(1, warmup / Math.max(1, microBatches));
    }

    /**
     * Multi-head latent attention's projections (DeepSeek-V3 §2.1.1 eq. 1-10): the query down- and up-projection
     * (W_DQ, W_UQ with its rope part), the joint key-value down-projection with the shared rope key (W_DKV, W_KR), its
     * up-projection to keys and values (W_UK, W_UV), and the RMSNorms on the two latents. Returns the forward GEMM time.
     */
    private double mlaProjections(LayerOps c, Mla x) {
        int t = l.tp();
        double h = m.hidden();
        double qk = x.qkNopeHeadDim() + x.qkRopeHeadDim();
        double f = 0;
        if (x.qLoraRank() > 0) {
            f += kernels.gemm(c, "q_down", tokens, x.qLoraRank(), h, 1);
            kernels.mem(c, "q_latent_layernorm", 2 * tokens * x.qLoraRank() * ACT_BYTES);
            f += kernels.gemm(c, "q_up", tokens, m.heads() * qk / t, x.qLoraRank(), 1);
        } else {
            f += kernels.gemm(c, "q", tokens, m.heads() * qk / t, h, 1);
        }
        f += kernels.gemm(c, "kv_down", tokens, x.kvLoraRank() + x.qkRopeHeadDim(), h, 1);
        kernels.mem(c, "kv_latent_layernorm", 2 * tokens * x.kvLoraRank() * ACT_BYTES);
        f += kernels.gemm(c, "kv_up", tokens, m.heads() * (double) (x.qkNopeHeadDim() + x.vHeadDim()) / t, x.kvLoraRank(), 1);
        return f;
    }

    /**
     * Multi-token prediction, depth D (DeepSeek-V3 §2.2 eq. 21-23): per module, RMSNorms of the hidden state and the
     * next token's embedding, the projection M_k (d x 2d), one transformer block (an MoE one on an MoE model), and the
     * shared output head again with its cross-entropy. It runs after the head, on the last stage.
     */
    private LayerOps mtp() {
        LayerOps c = new LayerOps(record);
        double h = m.hidden();
        double v = m.vocab() / (double) l.tp();
        for (int k = 0; k < m.mtpDepth(); k++) {
            kernels.mem(c, "mtp_norms", 4 * tokens * h * ACT_BYTES);
            kernels.gemm(c, "mtp_projection", tokens, h, 2 * h, 1);
            c.plus(m.isMoe() ? moe : dense);
            kernels.mem(c, "mtp_final_layernorm", 2 * tokens * h * ACT_BYTES);
            kernels.gemm16(c, "mtp_logits", tokens, v, h);
            kernels.mem(c, "mtp_cross_entropy", 3 * tokens * v * 4);
        }
        return c;
    }

    @Override
    public TrainingJob job() {
        return job;
    }

    @Override
    public LayerOps embed() {
        return embed;
    }

    @Override
    public LayerOps head() {
        return head;
    }

    @Override
    public LayerOps dense() {
        return dense;
    }

    @Override
    public LayerOps moe() {
        return moe;
    }

    @Override
    public LayerOps layer(int index) {
        return schedule.layer(index);
    }

    @Override
    public int stageLayers(int stage) {
        return schedule.layers(stage);
    }

    @Override
    public int chunkLayers(int stage, int chunk) {
        return schedule.chunkLayers(stage, chunk);
    }

    @Override
    public int chunkFirstLayer(int stage, int chunk) {
        return schedule.chunkFirstLayer(stage, chunk);
    }

    @Override
    public int stageMoeLayers(int stage) {
        return schedule.moeLayers(stage);
    }

    @Override
    public double stageTime(int stage) {
        return schedule.stageTime(stage);
    }

    @Override
    public int criticalStage() {
        return schedule.criticalStage();
    }

    @Override
    public double stageForward(int stage) {
        return schedule.stageForward(stage);
    }

    @Override
    public double stageWgrad(int stage) {
        return schedule.stageWgrad(stage);
    }

    @Override
    public int[] rankStages(int rank) {
        return schedule.rankStages(rank);
    }

    @Override
    public double p2p() {
        return p2p;
    }

    @Override
    public double p2pBytes() {
        return comm.p2pBytes();
    }

    /** The communication costs, for reports of which algorithm and tier each collective used. */
    CommCosts comm() {
        return comm;
    }

    @Override
    public double[] dpReduction(double params) {
        return comm.dpReduction(params);
    }

    @Override
    public double tiedEmbeddingReduction() {
        return comm.tiedEmbeddingReduction();
    }

    @Override
    public double batchCopy() {
        return comm.batchCopy();
    }

    @Override
    public double stageParams(int stage) {
        return memory.stageParams(stage);
    }

    @Override
    public double maxStageParams() {
        return memory.maxStageParams();
    }

    @Override
    public double optimizer(double params) {
        if (l.offload().optimizer()) {
            // the Adam step of every GPU's shard on its server's CPU (ZeRO-Offload sec. 4.1 and 5.1)
            double shard = params / (l.zero() >= 1 ? CommCosts.dpGroup(l) : 1);
            return shard * gpusPerServer / CPU_ADAM_PARAMS_PER_S;
        }
        return kernels.optimizer(params);
    }

    @Override
    public double shardedDataParallel(int stage) {
        double total = 0;
        for (int k = 0; k < l.vpp(); k++) {
            int n = chunkLayers(stage, k);
            int base = chunkFirstLayer(stage, k);
            boolean first = stage == 0 && k == 0;
            boolean last = stage == l.pp() - 1 && k == l.vpp() - 1;
            java.util.List<double[]> units = new java.util.ArrayList<>();
            if (first) {
                units.add(unit(memory.embedParams(stage), embed));
            }
            for (int j = 0; j < n; j++) {
                units.add(unit(memory.layerParams(base + j), layer(base + j)));
            }
            if (last && memory.headParams(stage) > 0) {
                units.add(unit(memory.headParams(stage), head));
            }
            double[][] cols = new double[4][units.size()];
            for (int u = 0; u < units.size(); u++) {
                for (int c = 0; c < 4; c++) {
                    cols[c][u] = units.get(u)[c];
                }
            }
            total += ShardedSchedule.exposed(cols[0], cols[1], cols[2], cols[3], l.framework().reshardAfterForward(),
                    l.framework().dpOverlap());
        }
        return l.microBatches() * total;
    }

    /** {gather, reduce-scatter, forward window, backward window} of one ZeRO-3 unit for one micro-batch, seconds. */
    private double[] unit(double params, LayerOps ops) {
        double fwd = ops.fwdCompute + ops.tpFwd + ops.ep / 2;
        return new double[] {comm.shardGather(params), comm.shardReduceScatter(params), fwd, ops.total() - fwd};
    }

    @Override
    public double offloadTransfers(int stage) {
        double out = 0;
        if (l.offload().activations()) {
            // each layer's stash goes down during its forward and comes back during its backward, one direction each;
            // what the layer's compute does not cover waits (Ren et al. 2021 sec. 4: copies overlapped with compute)
            double copy = comm.hostCopy(memory.stashedLayerBytes());
            double perMicroBatch = 0;
            int base = chunkFirstLayer(stage, 0);
            for (int k = 0; k < l.vpp(); k++) {
                base = chunkFirstLayer(stage, k);
                for (int j = 0; j < chunkLayers(stage, k); j++) {
                    LayerOps ops = layer(base + j);
                    double fwd = ops.fwdCompute + ops.tpFwd + ops.ep / 2;
                    perMicroBatch += Math.max(0, copy - fwd) + Math.max(0, copy - (ops.total() - fwd));
                }
            }
            out += l.microBatches() * perMicroBatch;
        }
        if (l.offload().optimizer()) {
            // gradients down during the last backward pass, updated weights back up before the next step (ZeRO-Offload
            // sec. 4.1, without the one-step delayed update)
            double shard = stageParams(stage) / (l.zero() >= 1 ? CommCosts.dpGroup(l) : 1);
            double down = comm.hostCopy(shard * l.framework().gradBytes());
            out += Math.max(0, down - stageTime(stage) * 2 / 3) + comm.hostCopy(shard * ACT_BYTES);
        }
        return out;
    }

    @Override
    public TrainingResult result(double step, Map<String, Double> breakdown, double params) {
        Map<String, Double> mem = memory.memory(params);
        double memTotal = mem.values().stream().mapToDouble(Double::doubleValue).sum();
        double capacity = a.memory().capacityBytes().orElse(0);
        double tokensPerStep = l.tokensPerStep();
        double tokensPerS = tokensPerStep / step;
        int gpus = l.gpus();
        double modelFlops = kernels.modelFlopsPerToken() * tokensPerStep;
        double hwFlops = modelFlops + kernels.recomputeFlopsPerToken() * tokensPerStep;
        double modelTflops = modelFlops / step / gpus / 1e12;
        double hwTflops = hwFlops / step / gpus / 1e12;
        double peak = a.peak(l.precision()).getAsDouble();
        OptionalDouble days = OptionalDouble.empty();
        OptionalDouble gpuHours = OptionalDouble.empty();
        if (job.tokens().isPresent()) {
            double seconds = job.tokens().getAsDouble() / tokensPerS;
            days = OptionalDouble.of(seconds / 86400);
            gpuHours = OptionalDouble.of(seconds * gpus / 3600);
        }
        // the dense peak of the GEMM precision is the MFU denominator (PaLM appendix B)
        return new TrainingResult(step, tokensPerS, tokensPerS / gpus, modelTflops, hwTflops, modelTflops * 1e12 / peak,
                hwTflops * 1e12 / peak, memTotal, capacity, memTotal <= capacity, breakdown, mem, days, gpuHours, gpus,
                l.microBatches(), breakdown.get("pp_bubble") / step, hostMemoryPerServer());
    }
}
