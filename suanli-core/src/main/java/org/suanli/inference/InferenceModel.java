package org.suanli.inference;

import org.suanli.software.ServingRuntime;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.perf.Collectives;
import org.suanli.perf.Efficiency;
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

    /** A model of the replica on the planning default runtime, whose decode kernels read each KV head once. */
    public InferenceModel(Replica replica) {
        this(replica, Catalog.builtIn().runtime(ServingRuntime.DEFAULT));
    }

    public InferenceModel(Replica replica, ServingRuntime runtime) {
        this.runtime = runtime;
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

    /** Returns the KV cache per token for the whole model, bytes (MLA caches the latent; DeepSeek-V2 §2.1.2). */
    public double kvBytesPerToken() {
        double perLayer = m.mla().map(x -> (double) x.kvLoraRank() + x.qkRopeHeadDim())
                .orElse(2.0 * m.kvHeads() * m.headDim());
        return m.layers() * perLayer * Replica.bytes(r.kvCache());
    }

    /** Returns the KV cache per token held by one GPU: KV heads split over tp (an MLA latent is replicated), layers over pp. */
    public double kvBytesPerTokenPerGpu() {
        double split = m.mla().isPresent() ? 1 : Math.min(r.tp(), m.kvHeads());
        return kvBytesPerToken() / split / r.pp();
    }

    /** Returns the weights one GPU holds, bytes (all experts of an MoE model; embeddings in 16 bits). */
    public double weightBytesPerGpu() {
        double layers = m.totalParams() - m.embeddingParams();
        return (layers * weightBytes + m.embeddingParams() * ACT_BYTES) / r.gpus();
    }

    private double layersPerGpu() {
        return (double) m.layers() / r.pp();
    }

    /** Time of one forward pass over {@code tokens} new tokens of {@code sequences} sequences with {@code context} prior tokens each. */
    double forward(double sequences, double tokens, double context) {
        int t = r.tp();
        double h = m.hidden();
        double qkv = (m.heads() + 2.0 * m.kvHeads()) * m.headDim() / t;
        double o = (double) m.heads() * m.headDim() / t;
        double time = 0;
        // per layer: norm, QKV, attention, projection, all-reduce, norm, MLP (or routed experts), all-reduce
        double layer = roof.memory(2 * tokens * h * ACT_BYTES) * 2;
        layer += gemm(tokens, qkv, h) + gemm(tokens, h, o);
        layer += attention(sequences, tokens, context);
        int mats = m.activation().mlpMatrices();
        if (m.isMoe()) {
            var x = m.moe().get();
            double active = Math.min(x.experts(), tokens * x.topK());       // experts touched by this batch
            double perExpert = tokens * x.topK() / Math.max(1, active);
            layer += gemm(tokens, x.experts(), h);
            layer += active * (gemm(perExpert, (mats - 1) * x.expertFfnHidden() / t, h) + gemm(perExpert, h, x.expertFfnHidden() / t));
            if (x.sharedExperts() > 0) {
                double fs = (double) x.expertFfnHidden() * x.sharedExperts();
                layer += gemm(tokens, (mats - 1) * fs / t, h) + gemm(tokens, h, fs / t);
            }
        } else {
            layer += gemm(tokens, (mats - 1) * (double) m.ffnHidden() / t, h) + gemm(tokens, h, (double) m.ffnHidden() / t);
            layer += roof.memory(mats * tokens * m.ffnHidden() / t * ACT_BYTES);
        }
        // tensor parallelism: two all-reduces of the layer output (Shoeybi et al. 2019 §3)
        layer += 2 * Collectives.allReduce(tokens * h * ACT_BYTES, t, tpTier);
        time += layer * layersPerGpu();
        // pipeline: one batch crosses the pp stages one after another (latency), with pp - 1 activation hand-overs
        time = time * r.pp() + (r.pp() - 1) * Collectives.sendRecv(tokens * h * ACT_BYTES, scaleUp);
        // the logits of the last token of each sequence
        time += roof16.gemm(sequences, m.vocab() / (double) t, h, 1, ACT_BYTES);
        // the host enqueues the step's kernels while the GPU runs earlier ones: the step takes the longer of the
        // two (a small step is launch-bound, a large one GPU-bound)
        return Math.max(time, runtime.hostTimeS(m.layers(), eff.hostPerLayerS(runtime.id(), runtime.hostPerLayerS())));
    }

    /** A weight GEMM of {@code mm} tokens: weights read once (at their stored precision), activations in 16 bits. */
    private double gemm(double mm, double nn, double kk) {
        double bytes = kk * nn * weightBytes + ACT_BYTES * (mm * kk + mm * nn);
        return roof.gemmTime(2 * mm * nn * kk, bytes, mm, nn, kk);
    }

    /** Attention of {@code tokens} new tokens against their sequences' context: KV read once, scores in a fused kernel. */
    private double attention(double sequences, double tokens, double context) {
        double heads = (double) m.heads() / r.tp();
        double d = m.headDim();
        double kvRead = sequences * (context * kvReadsPerStep() + tokens / Math.max(1, sequences)) * kvBytesPerTokenPerGpu() / layersPerGpu();
        // FlashAttention-style: QK and AV over the context plus causal half of the new tokens
        double perSeqNew = tokens / Math.max(1, sequences);
        double flops = 4 * heads * d * tokens * (context + perSeqNew / 2);
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
        return tokens * activationBytesPerToken() + sequences * (double) m.vocab() / r.tp() * 4;
    }

    private double activationBytesPerToken() {
        int mats = m.activation().mlpMatrices();
        // an MoE layer's widest point: each token's routed and shared experts; a model's dense layers may be wider
        double ffn = Math.max(m.ffnHidden(), m.moe().map(x -> (double) x.expertFfnHidden() * (x.topK() + x.sharedExperts())).orElse(0.0));
        double attention = ((double) m.heads() + 2.0 * m.kvHeads()) * m.headDim() / r.tp();
        return ACT_BYTES * (2.0 * m.hidden() + Math.max(attention, mats * ffn / r.tp()));
    }

    /**
     * Returns the memory one GPU needs to serve {@code batch} sequences of {@code inputLen} prompt tokens growing to
     * {@code context} tokens: weights, the KV cache, the activations of the largest forward pass (the whole batch's
     * prefill at once, as a static batch runs it) and the reserve, bytes.
     */
    public double memoryPerGpu(int batch, int inputLen, int context) {
        double tokens = (double) batch * Math.max(1, inputLen);
        double used = weightBytesPerGpu() + activationBytes(tokens, batch);
        return used + (double) batch * context * kvBytesPerTokenPerGpu() + runtime.reserveBytes(capacity(), used);
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
        double perSeq = context * kvBytesPerTokenPerGpu() + f * activationBytes(Math.max(1, inputLen), 1);
        return free <= 0 ? 0 : (int) Math.min(1_000_000, Math.floor(f * free / perSeq));
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
        double ttft = prefill(batch, inputLen);
        double tpot = decodeStep(batch, inputLen + outputLen / 2.0);
        double total = ttft + Math.max(0, outputLen - 1) * tpot;
        double out = (double) batch * outputLen / total;
        double all = (double) batch * (inputLen + outputLen) / total;
        int context = inputLen + outputLen;
        double mem = memoryPerGpu(batch, inputLen, context);
        return new InferenceResult(batch, inputLen, outputLen, ttft, tpot, out, all, out / r.gpus(), r.gpus(), weightBytesPerGpu(),
                kvBytesPerToken(), (double) batch * context * kvBytesPerTokenPerGpu(), mem, capacity(), mem <= capacity(),
                maxBatch(inputLen, context), maxContext());
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
