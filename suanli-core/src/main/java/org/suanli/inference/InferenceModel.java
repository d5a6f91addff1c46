package org.suanli.inference;

import org.suanli.software.ServingRuntime;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.perf.Collectives;
import org.suanli.perf.Efficiency;
import org.suanli.perf.NodeLimitedRouting;
import org.suanli.perf.Roofline;
import org.suanli.perf.Tier;
import org.suanli.workload.Model;

/**
 * Prefill and decode costs of one replica (MODELLING.md "Inference"; Pope et al. 2022, "Efficiently
 * Scaling Transformer Inference" §2-3): prefill is a batched forward pass, compute-bound; a decode
 * step reads every weight once per step and each sequence's KV cache, memory-bound at small batches.
 * Each GEMM is priced on the roofline with the family's shape-dependent efficiency (so a skinny decode
 * GEMM is as slow as its weight traffic), attention as memory traffic over the KV cache, and the
 * tensor-parallel all-reduces on the scale-up tier. The same pricing serves the analytic results and
 * the serving simulation.
 */
public final class InferenceModel {
    /** Activation precision between GEMMs (TensorRT-LLM keeps activations in 16 bits). */
    static final double ACT_BYTES = 2;

    private final Replica r;
    private final Model m;
    private final Accelerator a;
    private final Efficiency eff;
    private final Roofline roof;
    private final Roofline roof16;
    private final Tier scaleUp;
    /** The tier of a tensor-parallel group: the scale-up tier, or on a torus the links of the axes the group spans. */
    private final Tier tpTier;
    private final double weightBytes;
    private final ServingRuntime runtime;
    private final MoeServing moe;
    /** Whether the GEMMs run in fp8 or fp4 (an MoE dispatch then goes in fp8 too). */
    private final boolean lowPrecision;
    private final ServingFeatures features;
    private final java.util.Optional<Drafter> drafter;

    /**
     * How an MoE model is served beyond its layout: the load of the most-loaded expert GPU over the mean (a stated factor:
     * 1 is perfectly balanced routing) and whether two micro-batches overlap one's expert all-to-all with the other's
     * computation.
     */
    public record MoeServing(double expertImbalance, boolean twoBatchOverlap) {
        /** Balanced routing, no overlap. */
        public static final MoeServing DEFAULT = new MoeServing(1, false);

        public MoeServing {
            if (!(expertImbalance >= 1 && expertImbalance <= 64)) {
                throw new org.suanli.BadInputException("--expert-imbalance", String.valueOf(expertImbalance),
                        "expected the most-loaded GPU's share over the mean, 1 to 64");
            }
        }
    }

    /** A model of the replica on the planning default runtime, whose decode kernels read each KV head once. */
    public InferenceModel(Replica replica) {
        this(replica, Catalog.builtIn().runtime(ServingRuntime.DEFAULT));
    }

    public InferenceModel(Replica replica, ServingRuntime runtime) {
        this(replica, runtime, MoeServing.DEFAULT);
    }

    public InferenceModel(Replica replica, ServingRuntime runtime, MoeServing moe) {
        this(replica, runtime, moe, ServingFeatures.NONE);
    }

    /** A model of the replica serving with speculative decoding and prefix caching as {@code features} say. */
    public InferenceModel(Replica replica, ServingRuntime runtime, MoeServing moe, ServingFeatures features) {
        this.features = features;
        this.drafter = Drafter.of(replica, runtime, moe, features.speculation());
        this.runtime = runtime;
        this.moe = moe;
        this.r = replica;
        this.m = replica.model();
        this.a = replica.server().accelerator().orElseThrow();
        this.eff = a.efficiency();
        double bw = a.memory().bandwidthBytesPerS().orElseThrow();
        Precision compute = computePrecision(replica.weights());
        double peak = a.peak(compute).orElse(a.peak16().orElseThrow());
        // serving kernels run at their microbenchmarked rates: the end-to-end constants fitted on training runs carry the
        // training frameworks' own overheads (fp8 scaling bookkeeping, optimizer, communication kernels sharing SMs), which a
        // serving runtime does not have; what a runtime adds is its host path, fitted per family (efficiency.yaml)
        double e2e = 1.0;
        // kernels replayed from a CUDA graph follow each other closer than kernels launched one by one
        double gap = runtime.cudaGraphs() ? eff.graphKernelOverheadS() : eff.kernelOverheadS();
        boolean low = compute == Precision.FP8 || compute == Precision.FP4;
        this.lowPrecision = low;
        double fraction = compute == Precision.FP4 ? eff.gemmFp4() : compute == Precision.FP8 ? eff.gemmFp8() : eff.gemm();
        this.roof = new Roofline(peak, bw, eff, fraction, e2e, gap, low ? eff.gemmFp8Memory() : eff.memory());
        this.roof16 = new Roofline(a.peak16().orElse(peak), bw, eff, eff.gemm(), e2e, gap, eff.memory());
        var server = replica.server();
        double perDirection = server.scaleUpTopology() != ScaleUpTopology.PCIE && server.scaleUpLink().isPresent()
                ? server.scaleUpLink().get().perDirectionBytesPerS()
                : server.hostLink().or(() -> a.hostInterface()).map(x -> x.perDirectionBytesPerS()).orElse(31.5e9);
        this.scaleUp = new Tier("scale-up", perDirection * eff.scaleUpCollective(), eff.scaleUpLatencyS(), true);
        this.tpTier = tpTier(server, replica.tp(), replica.gpus(), scaleUp, eff.scaleUpCollective());
        this.weightBytes = Replica.bytes(replica.weights());
    }

    /** GEMMs run in fp4 for fp4 weights where the part has fp4, in fp8 for 8-bit or smaller weights where it has fp8, else in 16 bits. */
    private Precision computePrecision(Precision w) {
        if (w == Precision.FP4 && a.peak(Precision.FP4).isPresent()) {
            return Precision.FP4;
        }
        if (w.bits() <= 8 && a.peak(Precision.FP8).isPresent()) {
            return Precision.FP8;
        }
        return a.peak(Precision.BF16).isPresent() ? Precision.BF16 : Precision.FP16;
    }

    /** Returns the GPUs of one replica. */
    public int gpusPerReplica() {
        return r.gpus();
    }

    /** Returns the attention groups of a replica, each holding its own sequences' KV cache (1 without expert parallelism). */
    public int attentionGroups() {
        return r.attentionDp();
    }

    /** Returns the GPUs one sequence's KV cache is spread over: tp x pp. */
    public int kvGpusPerSequence() {
        return r.tp() * r.pp();
    }

    /** Returns the MoE serving options this model prices. */
    public MoeServing moeServing() {
        return moe;
    }

    /**
     * Returns the bandwidth a replica's KV cache moves at to another replica: every GPU sends its shard over
     * its share of the server's NICs (or the scale-up link when the server has none), bytes/s.
     */
    public double kvTransferBytesPerS() {
        var server = r.server();
        double perGpu = server.nics().map(n -> n.totalBytesPerS() / server.acceleratorCount() * eff.scaleOutCollective())
                .orElse(scaleUp.bytesPerS());
        return perGpu * r.gpus();
    }

    /** Returns one GPU's host-link bandwidth per direction (KV swapping), bytes/s. */
    public double hostBytesPerS() {
        return r.server().hostLink().or(() -> a.hostInterface()).map(x -> x.perDirectionBytesPerS()).orElse(31.5e9) * eff.memory();
    }

    /** Returns the latency of one KV transfer between replicas, seconds. */
    public double kvTransferLatencyS() {
        return r.server().nics().isPresent() ? eff.scaleOutLatencyS() : eff.scaleUpLatencyS();
    }

    /**
     * Returns the KV cache per token for the whole model, bytes (MLA caches the latent; DeepSeek-V2 §2.1.2), with a
     * speculative drafter's own layers.
     */
    public double kvBytesPerToken() {
        double perLayer = m.mla().map(x -> (double) x.kvLoraRank() + x.qkRopeHeadDim())
                .orElse(2.0 * m.kvHeads() * m.headDim());
        return m.layers() * perLayer * Replica.bytes(r.kvCache()) + drafter.map(Drafter::kvBytesPerToken).orElse(0.0);
    }

    /** Returns the KV cache per token held by one GPU: KV heads split over tp (an MLA latent is replicated), layers over pp. */
    public double kvBytesPerTokenPerGpu() {
        double split = m.mla().isPresent() ? 1 : Math.min(r.tp(), m.kvHeads());
        return kvBytesPerToken() / split / r.pp();
    }

    /**
     * Returns the weights one GPU holds, bytes (embeddings in 16 bits): every weight split over tp and pp, except the
     * routed experts under expert parallelism, split over the ep GPUs of a stage (attention and shared experts are
     * replicated in each of the ep / tp attention groups).
     */
    public double weightBytesPerGpu() {
        double routed = routedExpertParams();
        double layers = m.totalParams() - m.embeddingParams() - routed;
        return ((layers * weightBytes + m.embeddingParams() * ACT_BYTES) / r.tp() + routed * weightBytes / r.expertShards()) / r.pp()
                + drafter.map(Drafter::weightBytesPerGpu).orElse(0.0);
    }

    /** Returns the speculative decoding and prefix caching this model prices. */
    public ServingFeatures features() {
        return features;
    }

    /** Returns the tokens a decode step emits per sequence on average: 1, or the speculation's expected accepted tokens. */
    public double decodeTokensPerStep() {
        return drafter.isPresent() ? features.speculation().tokensPerStep() : 1;
    }

    Model model() {
        return m;
    }

    Precision weights() {
        return r.weights();
    }

    /** A weight GEMM of {@code mm} tokens, {@code nn} outputs, {@code kk} inputs at the replica's weight precision, seconds. */
    double weightGemm(double mm, double nn, double kk) {
        return gemm(mm, nn, kk);
    }

    /**
     * One speculative decode step of {@code sequences} sequences at {@code context} tokens: the drafter's k passes, then the
     * target's verification of k + 1 positions per sequence in one decode pass, with logits at every position (Leviathan
     * et al. 2023, §3: the target scores all k + 1 prefixes in parallel).
     */
    StepCost speculativeDecode(double sequences, double context) {
        return verifyAndDraft(sequences, sequences * (features.speculation().draftTokens() + 1), context, sequences, true);
    }

    private StepCost verifyAndDraft(double sequences, double tokens, double context, double drafting, boolean decode) {
        int k = features.speculation().draftTokens();
        StepCost verify = cost(sequences, tokens, context, decode);
        StepCost draft = drafter.orElseThrow().draftPasses(drafting, context);
        double groups = r.attentionDp();
        double logits = roof16.gemm(drafting / groups * (k + 1), m.vocab() / (double) r.tp(), m.hidden(), 1, ACT_BYTES)
                - roof16.gemm(drafting / groups, m.vocab() / (double) r.tp(), m.hidden(), 1, ACT_BYTES);
        return new StepCost(verify.seconds() + draft.seconds() + logits, verify.allToAllS() + draft.allToAllS());
    }

    private double routedExpertParams() {
        return m.moe().map(x -> (double) m.moeLayers() * x.experts() * m.expertParams()).orElse(0.0);
    }

    private double layersPerGpu() {
        return (double) m.layers() / r.pp();
    }

    /** Time of one forward pass over {@code tokens} new tokens of {@code sequences} sequences with {@code context} prior tokens each. */
    double forward(double sequences, double tokens, double context) {
        return cost(sequences, tokens, context).seconds();
    }

    /**
     * One forward pass of the replica: its time and the part of it spent in expert all-to-all (dispatch and combine)
     * that no computation hides.
     */
    record StepCost(double seconds, double allToAllS) {
    }

    /**
     * Prices one forward pass. Each attention group (all of the replica without expert parallelism) runs its share of the
     * sequences through norms, attention projections, the attention core and the tensor-parallel all-reduces; a dense
     * layer adds its MLP, an MoE layer the router, the routed experts (over tp, or whole on each of the ep GPUs after a
     * dispatch all-to-all and before a combine) and the shared experts. With {@code twoBatchOverlap} the batch runs as
     * two micro-batches whose expert all-to-all overlaps the other's computation (DeepSeek-AI 2025, "DeepSeek-V3/R1
     * Inference System Overview": dual-batch overlap in prefill and decode), so an MoE layer takes the longer of the two.
     */
    StepCost cost(double sequences, double tokens, double context) {
        return cost(sequences, tokens, context, tokens <= sequences);
    }

    /**
     * As {@link #cost(double, double, double)}, saying whether the pass is a decode step ({@code decode}: absorbed MLA,
     * low-latency all-to-all kernels) even with several new tokens per sequence, as a speculative verification has.
     */
    StepCost cost(double sequences, double tokens, double context, boolean decode) {
        int t = r.tp();
        double groups = r.attentionDp();
        double gTokens = tokens / groups;
        double gSeqs = sequences / groups;
        double h = m.hidden();
        int mats = m.activation().mlpMatrices();
        double allReduces = 2 * tpAllReduce(gTokens * h * ACT_BYTES);
        // per layer: norm, attention block, norm (the two layer norms read and write the residual stream)
        double common = roof.memory(2 * gTokens * h * ACT_BYTES) * 2 + attentionBlock(gSeqs, gTokens, context, decode);
        double dense = 0;
        if (m.denseLayers() > 0) {
            dense = gemm(gTokens, (mats - 1) * (double) m.ffnHidden() / t, h) + gemm(gTokens, h, (double) m.ffnHidden() / t)
                    + roof.memory(mats * gTokens * m.ffnHidden() / t * ACT_BYTES);
        }
        // the runtime's kernels this list leaves out (residual adds, activation quantisation, rotary, split-K reductions)
        // and what each small kernel costs beyond the launch gap: fitted per (runtime, family) where a runtime has it
        double unlisted = eff.layerOverheadS(runtime.presetId());
        common += unlisted;
        double denseLayer = common + dense + allReduces;
        double perGpuLayers = layersPerGpu();
        double moeLayers = m.isMoe() ? perGpuLayers * m.moeLayers() / m.layers() : 0;
        double time = (perGpuLayers - moeLayers) * denseLayer;
        double a2a = 0;
        if (m.isMoe()) {
            var x = m.moe().get();
            if (moe.twoBatchOverlap() && r.ep() > 1) {
                // each micro-batch: attention (with router and shared experts), dispatch, routed experts, combine
                double attn = roof.memory(gTokens * h * ACT_BYTES) * 2 + unlisted + attentionBlock(gSeqs / 2, gTokens / 2, context, decode)
                        + gemm(gTokens / 2, x.experts(), h) + sharedExperts(gTokens / 2) + allReduces / 2;
                // a prefill's high-throughput kernels keep SMs of their own while they run beside the computation; a decode
                // step's low-latency kernels leave every SM to it
                double slowdown = decode ? 1 : prefillSmSlowdown();
                double[] overlapped = twoBatchLayers(moeLayers, slowdown * attn, slowdown * experts(tokens / 2),
                        dispatch(tokens / 2 / r.ep(), decode), combine(tokens / 2 / r.ep(), decode));
                time += overlapped[0];
                a2a = overlapped[1];
            } else {
                double all2all = dispatch(tokens / r.ep(), decode) + combine(tokens / r.ep(), decode);
                time += moeLayers * (common + gemm(gTokens, x.experts(), h) + experts(tokens) + sharedExperts(gTokens) + all2all + allReduces);
                a2a = moeLayers * all2all;
            }
        }
        a2a *= r.pp();
        // pipeline: one batch crosses the pp stages one after another (latency), with pp - 1 activation hand-overs
        time = time * r.pp() + (r.pp() - 1) * Collectives.sendRecv(gTokens * h * ACT_BYTES, scaleUp);
        // the logits of the last token of each sequence
        time += roof16.gemm(gSeqs, m.vocab() / (double) t, h, 1, ACT_BYTES);
        // the host enqueues the step's kernels while the GPU runs earlier ones: the step takes the longer of the
        // two (a small step is launch-bound, a large one GPU-bound); a step replayed from a CUDA graph costs one launch
        double launches = runtime.hostTimeS(m.layers(), eff.hostPerLayerS(runtime.presetId(), runtime.hostPerLayerS()), tokens,
                tokens <= sequences)
                - runtime.hostPerStepS();
        // the per-step work (scheduling, sampling) runs under the previous step with overlap scheduling (SGLang v0.4
        // "zero-overhead batch scheduler", TensorRT-LLM overlap scheduler, vLLM V1 async scheduling), else between steps
        double perStep = runtime.hostPerStepS();
        double step = runtime.overlapScheduling() ? Math.max(time, perStep + launches) : perStep + Math.max(time, launches);
        return new StepCost(step, a2a);
    }

    /**
     * One tensor-parallel all-reduce of {@code bytes} per GPU. NCCL's ring by default; a runtime with a custom all-reduce
     * runs a one-shot kernel inside an all-to-all NVLink/xGMI domain, in which every GPU reads each peer's buffer once and
     * reduces locally, alpha_custom + (t - 1) S / bw (vLLM csrc/custom_all_reduce.cuh one-shot path; TensorRT-LLM
     * customAllReduceKernels), and takes whichever is faster: both runtimes fall back to NCCL where the one-shot kernel
     * loses (vLLM PR #2192, TensorRT-LLM 0.10 release notes: "fall back to use native NCCL kernel").
     */
    double tpAllReduce(double bytes) {
        int t = r.tp();
        double ring = Collectives.allReduce(bytes, t, tpTier);
        var server = r.server();
        boolean switched = server.scaleUpTopology() != ScaleUpTopology.PCIE && !server.scaleUpDomain().isTorus()
                && t <= server.scaleUpDomain().size();
        if (t <= 1 || !runtime.customAllReduce() || runtime.customAllReduceLatencyS() <= 0 || !switched) {
            return ring;
        }
        return Math.min(ring, runtime.customAllReduceLatencyS() + (t - 1) * bytes / scaleUp.bytesPerS());
    }

    /**
     * The attention block of one layer for one attention group: projections, the attention core, the output projection.
     * MLA (DeepSeek-V2 §2.1): the query and the compressed KV latent are projected down and up; a decode step absorbs the
     * key and value up-projections into the query and output (DeepSeek-V2 §2.1.3, FlashMLA), so its attention core reads
     * only the cached latent and scores over kv_lora_rank + rope dimensions; a prefill step up-projects the latent of its
     * new tokens and attends per head over qk_nope + rope dimensions.
     */
    private double attentionBlock(double seqs, double tokens, double context, boolean decode) {
        int t = r.tp();
        double h = m.hidden();
        if (m.mla().isEmpty()) {
            double qkv = (m.heads() + 2.0 * m.kvHeads()) * m.headDim() / t;
            double o = (double) m.heads() * m.headDim() / t;
            return gemm(tokens, qkv, h) + gemm(tokens, h, o) + attention(seqs, tokens, context, m.headDim(), m.headDim());
        }
        var x = m.mla().get();
        double heads = (double) m.heads() / t;
        double qk = x.qkNopeHeadDim() + x.qkRopeHeadDim();
        double time = x.qLoraRank() > 0
                ? gemm(tokens, x.qLoraRank(), h) + gemm(tokens, heads * qk, x.qLoraRank())
                : gemm(tokens, heads * qk, h);
        time += gemm(tokens, x.kvLoraRank() + x.qkRopeHeadDim(), h);
        time += gemm(tokens, h, heads * x.vHeadDim());
        if (decode) {
            // absorbed decode: q_nope x W_UK per head into the latent, the core over the latent, then W_UV per head
            time += batchedGemm(tokens, x.kvLoraRank(), x.qkNopeHeadDim(), heads) + batchedGemm(tokens, x.vHeadDim(), x.kvLoraRank(), heads);
            time += attention(seqs, tokens, context, x.kvLoraRank() + x.qkRopeHeadDim(), x.kvLoraRank());
        } else {
            time += gemm(tokens, heads * (x.qkNopeHeadDim() + x.vHeadDim()), x.kvLoraRank());
            time += attention(seqs, tokens, context, qk, x.vHeadDim());
        }
        return time;
    }

    /**
     * The routed experts of one MoE layer on one GPU for {@code tokens} tokens of the replica: split over tp without expert
     * parallelism (every GPU runs each touched expert's slice), or whole experts on each of the ep GPUs, the most-loaded
     * GPU running {@code imbalance} times its even share (the pace setter), plus the gated activation between the two GEMMs.
     */
    private double experts(double tokens) {
        var x = m.moe().orElseThrow();
        int mats = m.activation().mlpMatrices();
        double h = m.hidden();
        double fe = x.expertFfnHidden();
        // each projection of all touched experts is one grouped GEMM kernel (vLLM's fused_moe, TensorRT-LLM's MoE plugin,
        // DeepGEMM's grouped GEMMs), not one launch per expert
        if (r.ep() <= 1) {
            int t = r.tp();
            double routed = tokens * x.topK();
            double active = Math.max(1, Math.min(x.experts(), routed));       // experts touched by this batch
            double perExpert = routed / active;
            return batchedGemm(perExpert, (mats - 1) * fe / t, h, active) + batchedGemm(perExpert, h, fe / t, active)
                    + roof.memory(mats * routed * fe / t * ACT_BYTES);
        }
        double routed = tokens * x.topK() * moe.expertImbalance() / r.ep();
        double local = (double) x.experts() / r.ep();
        double active = Math.max(1, Math.min(local, routed));
        double perExpert = routed / active;
        return batchedGemm(perExpert, (mats - 1) * fe, h, active) + batchedGemm(perExpert, h, fe, active)
                + roof.memory(mats * routed * fe * ACT_BYTES);
    }

    private double sharedExperts(double tokens) {
        var x = m.moe().orElseThrow();
        if (x.sharedExperts() == 0) {
            return 0;
        }
        int mats = m.activation().mlpMatrices();
        double fs = (double) x.expertFfnHidden() * x.sharedExperts() / r.tp();
        return gemm(tokens, (mats - 1) * fs, m.hidden()) + gemm(tokens, m.hidden(), fs);
    }

    /** SMs DeepEP's high-throughput (normal) kernels take in prefill: {@code Buffer.set_num_sms(24)} (deepseek-ai/DeepEP docs/legacy.md). */
    static final int PREFILL_COMM_SMS = 24;

    /**
     * How much slower computation runs beside a prefill's expert all-to-all: all SMs over those the communication kernels
     * leave (DeepSeek-AI profile-data README: prefill all-to-all occupies SMs, decode's does not); 1 where the part's
     * compute units are not published.
     */
    double prefillSmSlowdown() {
        if (a.computeUnits().isEmpty() || a.computeUnits().getAsInt() <= PREFILL_COMM_SMS) {
            return 1;
        }
        int units = a.computeUnits().getAsInt();
        return units / (double) (units - PREFILL_COMM_SMS);
    }

    /**
     * Two micro-batches A and B through {@code layers} MoE layers on one compute stream (attention A, attention B, experts
     * A, experts B, ...) and one communication stream (dispatch A, dispatch B, combine A, combine B, ...), each operation
     * starting when its stream is free and its input is ready: a micro-batch's dispatch waits for its attention, its
     * experts for its dispatch, its combine for its experts, its next attention for its combine (SGLang two-batch overlap;
     * DeepSeek-AI 2025, profile-data: the all-to-all of one micro-batch runs under the other's computation). Returns
     * {elapsed, elapsed less the compute stream's busy time}, seconds.
     */
    static double[] twoBatchLayers(double layers, double attention, double experts, double dispatch, double combine) {
        int n = (int) Math.ceil(layers);
        if (n == 0) {
            return new double[] {0, 0};
        }
        double compute = 0;
        double comm = 0;
        double[] combined = {0, 0};       // when each micro-batch's previous combine ended
        for (int layer = 0; layer < n; layer++) {
            double[] attnEnd = new double[2];
            for (int b = 0; b < 2; b++) {
                compute = Math.max(compute, combined[b]) + attention;
                attnEnd[b] = compute;
            }
            double[] dispatched = new double[2];
            for (int b = 0; b < 2; b++) {
                comm = Math.max(comm, attnEnd[b]) + dispatch;
                dispatched[b] = comm;
            }
            double[] expertsEnd = new double[2];
            for (int b = 0; b < 2; b++) {
                compute = Math.max(compute, dispatched[b]) + experts;
                expertsEnd[b] = compute;
            }
            for (int b = 0; b < 2; b++) {
                comm = Math.max(comm, expertsEnd[b]) + combine;
                combined[b] = comm;
            }
        }
        double elapsed = Math.max(compute, comm);
        double scale = layers / n;
        return new double[] {scale * elapsed, scale * Math.max(0, elapsed - n * 2 * (attention + experts))};
    }

    /**
     * The dispatch of one MoE layer for {@code tokens} tokens of one GPU: fp8 with a scale per 128 elements where the GEMMs
     * run in fp8 (DeepEP); {@code decode}: a decode step's low-latency kernels, else a prefill's high-throughput ones.
     */
    double dispatch(double tokens, boolean decode) {
        return expertExchange(tokens, lowPrecision ? 1 + 4.0 / 128 : ACT_BYTES, decode);
    }

    /** The combine of one MoE layer for {@code tokens} tokens of one GPU, in 16 bits. */
    double combine(double tokens, boolean decode) {
        return expertExchange(tokens, ACT_BYTES, decode);
    }

    /** Dispatch plus combine of one MoE layer for {@code tokens} tokens of one GPU in a decode step, seconds. */
    double expertAllToAll(double tokens) {
        return dispatch(tokens, true) + combine(tokens, true);
    }

    /**
     * One all-to-all of an MoE layer for {@code tokens} tokens of one GPU, {@code bytesPerElement} per hidden element, the
     * most-loaded GPU receiving imbalance times the mean; the scale-up and scale-out parts run at once, the scale-out part
     * at the family's measured expert all-to-all rate. A decode step's low-latency kernels send every token-expert pair to
     * its GPU directly (DeepEP "low-latency kernels with pure RDMA"): copies for the GPU's own scale-up domain cross it,
     * the rest leave through the GPU's share of the NICs. A prefill's high-throughput kernels follow node-limited routing
     * where the model has it (DeepEP normal kernels, DeepSeek-V3 §3.2.2): one copy per remote node over the NICs, then
     * forwarded over the scale-up link.
     */
    private double expertExchange(double tokens, double bytesPerElement, boolean decode) {
        if (r.ep() <= 1) {
            return 0;
        }
        var x = m.moe().orElseThrow();
        double perCopy = moe.expertImbalance() * m.hidden() * bytesPerElement;
        int ep = r.ep();
        int domain = Math.min(ep, r.server().scaleUpDomain().size());
        if (domain >= ep) {
            return tokens * x.topK() * perCopy * (domain - 1.0) / ep / scaleUp.bytesPerS() + scaleUp.latencyS();
        }
        var server = r.server();
        double nic = server.nics().map(n -> n.totalBytesPerS() / server.acceleratorCount()).orElseThrow() * eff.epAllToAll();
        int nodes = ep / domain;
        double remoteCopies;
        double localCopies;
        if (!decode && x.maxNodesPerToken() > 0) {
            remoteCopies = NodeLimitedRouting.scaleOutCopies(x.topK(), x.maxNodesPerToken(), nodes);
            localCopies = NodeLimitedRouting.scaleUpCopies(x.topK(), domain);
        } else {
            remoteCopies = x.topK() * (ep - (double) domain) / ep;
            localCopies = x.topK() * (domain - 1.0) / ep;
        }
        double remote = tokens * remoteCopies * perCopy / nic;
        double local = tokens * localCopies * perCopy / scaleUp.bytesPerS();
        return Math.max(local, remote) + eff.scaleOutLatencyS();
    }

    /** A weight GEMM of {@code mm} tokens: weights read once (at their stored precision), activations in 16 bits. */
    private double gemm(double mm, double nn, double kk) {
        return batchedGemm(mm, nn, kk, 1);
    }

    /** {@code count} weight GEMMs of one shape in one kernel (a batched GEMM, e.g. one per attention head). */
    private double batchedGemm(double mm, double nn, double kk, double count) {
        double bytes = count * (kk * nn * weightBytes + ACT_BYTES * (mm * kk + mm * nn));
        return roof.gemmTime(count * 2 * mm * nn * kk, bytes, mm, nn, kk);
    }

    /**
     * Attention of {@code tokens} new tokens against their sequences' context, scores over {@code d} dimensions and values
     * of {@code dv}: KV read once, scores in a fused kernel.
     */
    private double attention(double sequences, double tokens, double context, double d, double dv) {
        double heads = (double) m.heads() / r.tp();
        double kvRead = sequences * (context * kvReadsPerStep() + tokens / Math.max(1, sequences)) * kvBytesPerTokenPerGpu() / layersPerGpu();
        // FlashAttention-style: QK and AV over the context plus causal half of the new tokens
        double perSeqNew = tokens / Math.max(1, sequences);
        double flops = 2 * heads * (d + dv) * tokens * (context + perSeqNew / 2);
        double bytes = kvRead + 2 * tokens * heads * d * ACT_BYTES;
        return Math.max(flops / (roof16.peakFlopsPerS() * eff.attention() * roof16.e2e()),
                bytes / (roof16.memoryRate() * runtime.kvReadEfficiency())) + roof16.kernelGapS();
    }

    /**
     * Returns the time of one continuous-batching step: {@code sequences} sequences process {@code tokens}
     * new tokens in all (prefill chunks plus one per decoding sequence) over a mean prior context.
     */
    public double step(int sequences, double tokens, double meanContext) {
        return forward(Math.max(1, sequences), Math.max(1, tokens), meanContext);
    }

    /**
     * Returns the time of one continuous-batching step in which {@code drafting} of the {@code sequences} sequences decode
     * speculatively: each of them counts its k + 1 verified positions in {@code tokens} and has k draft passes run first.
     */
    public double step(int sequences, double tokens, double meanContext, int drafting) {
        if (drafting == 0 || drafter.isEmpty()) {
            return step(sequences, tokens, meanContext);
        }
        int k = features.speculation().draftTokens();
        double seqs = Math.max(1, sequences);
        return verifyAndDraft(seqs, Math.max(1, tokens), meanContext, drafting, tokens <= seqs * (k + 1)).seconds();
    }

    /** Returns the serving runtime this model prices steps for. */
    public ServingRuntime runtime() {
        return runtime;
    }

    /**
     * Returns how many times decode attention reads the cached KV of one GPU per step: once, or, for a pre-XQA kernel
     * with one thread block per query head, once per query head sharing a KV head (its GQA group on this GPU).
     */
    double kvReadsPerStep() {
        if (!runtime.kvReadPerQueryHead() || m.mla().isPresent()) {
            return 1;
        }
        double queryHeadsPerGpu = (double) m.heads() / r.tp();
        double kvHeadsPerGpu = (double) m.kvHeads() / Math.min(r.tp(), m.kvHeads());
        return Math.max(1, queryHeadsPerGpu / kvHeadsPerGpu);
    }

    /** Returns the prefill time of {@code batch} sequences of {@code inputLen} tokens (the batch's time to first token). */
    public double prefill(int batch, int inputLen) {
        return forward(batch, (double) batch * inputLen, 0);
    }

    /** Returns one decode step of {@code batch} sequences at {@code context} tokens each. */
    public double decodeStep(int batch, double context) {
        return forward(batch, batch, context);
    }

    /**
     * Returns the activation memory of one forward pass over {@code tokens} new tokens of {@code sequences} sequences,
     * bytes per GPU. Runtimes reuse one layer's buffers for the next (TensorRT's activation memory is sized for one
     * layer's live tensors; vLLM's profile run measures the same peak), so the peak is the widest point of one layer,
     * the MLP: the residual stream and its normed copy (2h) next to the MLP's intermediate outputs (up and gate and their
     * product for a gated MLP); plus the 32-bit logits of each sequence's last token over its vocabulary shard.
     */
    public double activationBytes(double tokens, double sequences) {
        double groups = r.attentionDp();
        return tokens / groups * activationBytesPerToken() + sequences / groups * (double) m.vocab() / r.tp() * 4;
    }

    private double activationBytesPerToken() {
        int mats = m.activation().mlpMatrices();
        int t = r.tp();
        // an MoE layer's widest point: each token's routed and shared experts (under expert parallelism a GPU holds the
        // routed copies of ep / tp groups' tokens, tp / ep of them per token of its own group, whole experts wide); a
        // model's dense layers may be wider
        double moeWidth = m.moe().map(x -> (r.ep() > 1 ? x.topK() * moe.expertImbalance() * t / r.ep() : (double) x.topK() / t)
                * x.expertFfnHidden() + (double) x.expertFfnHidden() * x.sharedExperts() / t).orElse(0.0);
        double ffn = Math.max((double) m.ffnHidden() / t, moeWidth);
        double attention = ((double) m.heads() + 2.0 * m.kvHeads()) * m.headDim() / t;
        return ACT_BYTES * (2.0 * m.hidden() + Math.max(attention, mats * ffn));
    }

    /**
     * Returns the memory one GPU needs to serve {@code batch} sequences of {@code inputLen} prompt tokens growing to
     * {@code context} tokens: weights, the KV cache, the activations of the largest forward pass (the whole batch's
     * prefill at once, as a static batch runs it) and the reserve, bytes.
     */
    public double memoryPerGpu(int batch, int inputLen, int context) {
        double used = weightBytesPerGpu() + activationBytes(prefillTokensAtOnce((double) batch * Math.max(1, inputLen)), batch);
        return used + (double) batch / r.attentionDp() * context * kvBytesPerTokenPerGpu() + runtime.reserveBytes(capacity(), used);
    }

    /**
     * Returns the prompt tokens whose activations are live at once when {@code tokens} are prefilled: all of them, or one
     * chunk per attention group where the runtime chunks prefill by default (vLLM V1, SGLang).
     */
    private double prefillTokensAtOnce(double tokens) {
        var chunk = runtime.chunkedPrefillTokens();
        return chunk.isPresent() ? Math.min(tokens, (double) chunk.getAsInt() * r.attentionDp()) : tokens;
    }

    /** Returns the memory the runtime keeps back on one GPU when weights and activations take {@code used} bytes. */
    public double reserveBytes(double used) {
        return runtime.reserveBytes(capacity(), used);
    }

    /** Returns the capacity of one GPU, bytes. */
    public double capacity() {
        return a.memory().capacityBytes().orElse(0);
    }

    /**
     * Returns the largest static batch of {@code inputLen}-token prompts growing to {@code context} tokens that fits:
     * its KV cache and the activations of its prefill (0 if not even one).
     */
    public int maxBatch(int inputLen, int context) {
        // KV <= f x (usable - weights - activations), activations growing with the batch: solve for the batch
        double f = runtime.kvCacheFreeFraction().orElse(1);
        double free = usableBytes() - weightBytesPerGpu();
        // each attention group holds its own sequences: solve for one group's batch
        int groups = r.attentionDp();
        double perSeq;
        var chunk = runtime.chunkedPrefillTokens();
        if (chunk.isPresent()) {
            // chunked prefill: one chunk's activations at a time, whatever the batch; each sequence adds its KV and logits
            free -= activationBytes((double) chunk.getAsInt() * groups, 0);
            perSeq = context * kvBytesPerTokenPerGpu() + f * activationBytes(0, groups);
        } else {
            perSeq = context * kvBytesPerTokenPerGpu() + f * activationBytes(Math.max(1, inputLen) * (double) groups, groups);
        }
        return free <= 0 ? 0 : (int) Math.min(1_000_000, Math.floor(f * free / perSeq) * groups);
    }

    /** Returns the memory the runtime may fill on one GPU: capacity less its context and the share it never uses. */
    private double usableBytes() {
        return capacity() - runtime.reserveBytes(capacity(), capacity());
    }

    /**
     * Returns the memory left for the KV cache when steps of up to {@code tokens} new tokens for {@code sequences}
     * sequences run (vLLM sizes its block pool the same way: capacity less weights and the profiled peak activations).
     */
    public double kvCacheBytesAvailable(int tokens, int sequences) {
        double used = weightBytesPerGpu() + activationBytes(tokens, sequences);
        return capacity() - used - runtime.reserveBytes(capacity(), used);
    }

    /** Returns the longest context one sequence can hold. */
    public int maxContext() {
        double free = kvCacheBytesAvailable(1, 1);
        return free <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(free / kvBytesPerTokenPerGpu()));
    }

    /**
     * Serves one static batch: prefill, then {@code outputLen} decode steps (the first token comes from the
     * prefill), the throughput of the whole batch over its whole time.
     */
    public InferenceResult evaluate(int batch, int inputLen, int outputLen) {
        // a cached prefix is not recomputed, but the new tokens attend to it as context
        int cached = features.prefixCache().cachedTokens(inputLen);
        StepCost prefill = cost(batch, (double) batch * (inputLen - cached), cached);
        double context = inputLen + outputLen / 2.0;
        StepCost decode = drafter.isPresent() ? speculativeDecode(batch, context) : cost(batch, batch, context);
        double ttft = prefill.seconds();
        // a speculative step emits its expected accepted tokens: the time per output token is the step over them
        double tpot = decode.seconds() / decodeTokensPerStep();
        double total = ttft + Math.max(0, outputLen - 1) * tpot;
        double out = (double) batch * outputLen / total;
        double all = (double) batch * (inputLen + outputLen) / total;
        int fullContext = inputLen + outputLen;
        double mem = memoryPerGpu(batch, inputLen, fullContext);
        return new InferenceResult(batch, inputLen, outputLen, ttft, tpot, out, all, out / r.gpus(), r.gpus(), weightBytesPerGpu(),
                kvBytesPerToken(), (double) batch / r.attentionDp() * fullContext * kvBytesPerTokenPerGpu(), mem, capacity(), mem <= capacity(),
                maxBatch(inputLen, fullContext), maxContext(), prefill.allToAllS() / ttft, decode.allToAllS() / decode.seconds(),
                decodeTokensPerStep(), (long) batch * cached);
    }

    /** A replica of {@code chips} on a torus takes the slice of that many chips; its tp group spans the slice's first axes. */
    private static Tier tpTier(org.suanli.hardware.Server server, int tp, int chips, Tier scaleUp, double efficiency) {
        var d = server.scaleUpDomain();
        if (!d.isTorus()) {
            return scaleUp;
        }
        double perAxis = server.scaleUpLink().map(x -> x.bidirectionalBytesPerS()).orElse(1.0) / d.torus().size();
        java.util.List<Double> axes = d.axisBytesPerS().isEmpty() ? java.util.Collections.nCopies(d.torus().size(), perAxis) : d.axisBytesPerS();
        var slice = org.suanli.perf.TorusSlice.of(d.torus(), d.wraparound(), axes, chips);
        if (slice.isEmpty()) {
            return scaleUp;
        }
        return Collectives.torusTier(slice.get().ringBytesPerS(tp, 1), slice.get().hops(tp, 1), efficiency, Collectives.ICI_HOP_LATENCY_S);
    }
}
