package org.suanli.training;

import java.util.LinkedHashMap;
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
import org.suanli.workload.Model;

/**
 * The closed-form training model: one step of a Megatron/NeMo-style job, priced operator by
 * operator (roofline with shape-dependent GEMM efficiency), collective by collective (alpha-beta
 * on the tier each crosses), then assembled by the pipeline schedule (1F1B or interleaved,
 * Narayanan et al. 2021 §2.2), with data-parallel reduction and the optimizer step. Memory per GPU
 * follows Rajbhandari et al. 2020 (weights, gradients, optimizer states by ZeRO stage) and
 * Korthikanti et al. 2022 (activations by tensor/sequence parallelism and recompute).
 * docs/MODEL.md walks through every term with its source.
 */
public final class AnalyticTrainingModel {
    /** Bytes per activation element: bf16/fp16 (fp8 training keeps activations in bf16 between GEMMs). */
    private static final double ACT_BYTES = 2;
    /** Bytes per token of a training batch copied host to device: token ids, labels, loss mask, positions (int32). */
    private static final double BATCH_BYTES_PER_TOKEN = 16;
    /** Megatron-Core's data-parallel bucket: 40 M parameters (distributed.DistributedDataParallelConfig.bucket_size). */
    private static final double DP_BUCKET_PARAMS = 40e6;
    /** CUDA context, NCCL and cuBLAS workspaces and allocator slack: 1.5 GiB, the figure Megatron's memory estimates leave free. */
    private static final double RESERVE_BYTES = 1.5 * (1L << 30);
    /** Latency of the loss copy device-to-host and its synchronisation at the end of a step (the seed's fourth step). */
    private static final double LOSS_SYNC_S = 20e-6;
    /** Bytes moved per element by Transformer Engine's fp8 cast-transpose: read bf16, write fp8 and its transpose. */
    private static final double CAST_BYTES = 4;

    private AnalyticTrainingModel() {
    }

    /** Evaluates one training step; the layout must already have passed {@link LayoutCheck}. */
    public static TrainingResult evaluate(TrainingJob job) {
        return new Step(job).result();
    }

    /** Per-micro-batch costs of one layer on one GPU, seconds. */
    private static final class LayerCost {
        double fwd;
        double bwd;
        double recompute;
        double tpFwd;
        double tpBwd;
        double tpRecompute;
        double cp;
        double ep;
        double epRecompute;
    }

    private static final class Step {
        final Model m;
        final Server server;
        final Layout l;
        final Accelerator a;
        final Efficiency eff;
        final Framework fw;
        final Roofline gemmRoof;
        final Roofline attnRoof;
        final int gpn;
        final Tier scaleUp;
        final Tier scaleOut;
        final double tokens;
        final double gemmBytes;
        final OptionalDouble budget;

        Step(TrainingJob job) {
            budget = job.tokens();
            m = job.model();
            server = job.server();
            l = job.layout();
            a = server.accelerator().orElseThrow();
            eff = a.efficiency();
            fw = l.framework();
            double bw = a.memory().bandwidthBytesPerS().orElse(1e12);
            boolean fp8 = l.precision() == Precision.FP8;
            gemmRoof = new Roofline(a.peak(l.precision()).orElseThrow(), bw, eff, fp8 ? eff.gemmFp8() : eff.gemm());
            attnRoof = new Roofline(a.peak16().orElse(a.peak(l.precision()).getAsDouble()), bw, eff);
            gpn = server.acceleratorCount();
            scaleUp = scaleUpTier();
            scaleOut = scaleOutTier();
            tokens = (double) l.microBatch() * l.seqLen() / l.cp();
            gemmBytes = l.precision() == Precision.FP8 ? 1 : 2;
        }

        private Tier scaleUpTier() {
            if (server.scaleUpTopology() != ScaleUpTopology.PCIE && server.scaleUpTopology() != ScaleUpTopology.NONE
                    && server.scaleUpLink().isPresent()) {
                return new Tier("scale-up", server.scaleUpLink().get().perDirectionBytesPerS() * eff.scaleUpCollective(),
                        eff.scaleUpLatencyS());
            }
            double pcie = server.hostLink().or(() -> a.hostInterface()).map(x -> x.perDirectionBytesPerS()).orElse(31.5e9);
            return new Tier("pcie", pcie * eff.scaleUpCollective(), eff.scaleUpLatencyS());
        }

        private Tier scaleOutTier() {
            if (server.nics().isEmpty()) {
                return scaleUp;
            }
            double perGpu = server.nics().get().totalBytesPerS() / gpn;
            return new Tier("scale-out", perGpu * eff.scaleOutCollective(), eff.scaleOutLatencyS());
        }

        /** Returns the time of an all-reduce over a group of {@code n} ranks spaced {@code stride} apart. */
        double allReduce(double bytes, int n, int stride) {
            int perServer = Math.max(1, Math.min(n, gpn / Math.max(1, stride)));
            return Collectives.hierarchicalAllReduce(bytes, perServer, n / perServer, scaleUp, scaleOut);
        }

        double allGather(double bytes, int n, int stride) {
            int perServer = Math.max(1, Math.min(n, gpn / Math.max(1, stride)));
            return Collectives.hierarchicalAllGather(bytes, perServer, n / perServer, scaleUp, scaleOut);
        }

        /** All-to-all over {@code n} ranks: the share that leaves the server goes over scale-out. */
        double allToAll(double bytes, int n, int stride) {
            if (n <= 1) {
                return 0;
            }
            int perServer = Math.max(1, Math.min(n, gpn / Math.max(1, stride)));
            double inside = bytes * (perServer - 1) / n / scaleUp.bytesPerS();
            double outside = bytes * (n - perServer) / n / scaleOut.bytesPerS();
            return Math.max(inside, outside) + (n - 1) * (perServer < n ? scaleOut.latencyS() : scaleUp.latencyS());
        }

        /**
         * Returns the forward GEMM time and adds its backward (dgrad + wgrad) to {@code c.bwd}. In fp8
         * (Transformer Engine, Micikevicius et al. 2022 "FP8 formats for deep learning") each GEMM first
         * casts its bf16 activation input (forward) and output gradient (backward) to fp8 with an amax
         * reduction, writing the fp8 tensor and its transpose (Hopper fp8 GEMMs take only the TN layout):
         * read 2 bytes, write 1 + 1 per element; weights are cast once per step and cached.
         */
        double gemm(LayerCost c, double mm, double nn, double kk, double count) {
            c.bwd += gemmRoof.gemm(mm, kk, nn, count, gemmBytes) + gemmRoof.gemm(kk, nn, mm, count, gemmBytes);
            double f = gemmRoof.gemm(mm, nn, kk, count, gemmBytes);
            if (gemmBytes == 1) {
                f += gemmRoof.memory(CAST_BYTES * mm * kk * count);
                c.bwd += gemmRoof.memory(CAST_BYTES * mm * nn * count);
            }
            return f;
        }

        /** A GEMM that stays in 16 bits even in fp8 training (the output layer is not a Transformer Engine module). */
        double gemm16(LayerCost c, double mm, double nn, double kk) {
            c.bwd += attnRoof.gemm(mm, kk, nn, 1, ACT_BYTES) + attnRoof.gemm(kk, nn, mm, 1, ACT_BYTES);
            return attnRoof.gemm(mm, nn, kk, 1, ACT_BYTES);
        }

        /** Returns a memory-bound forward kernel's time; its backward moves twice the bytes. */
        double mem(LayerCost c, double bytes) {
            c.bwd += gemmRoof.memory(2 * bytes);
            return gemmRoof.memory(bytes);
        }

        /** Attention core (scores, softmax, dropout, weighted sum), forward; adds backward to c.bwd. */
        double attentionCore(LayerCost c) {
            int t = l.tp();
            double headsLocal = (double) m.heads() / t;
            double sq = (double) l.seqLen() / l.cp();
            double skv = l.seqLen();
            double b = l.microBatch();
            double d = m.mla().map(x -> (double) x.qkNopeHeadDim() + x.qkRopeHeadDim()).orElse((double) m.headDim());
            double dv = m.mla().map(x -> (double) x.vHeadDim()).orElse((double) m.headDim());
            if (fw.flashAttention()) {
                // FlashAttention-2 (Dao 2023): causal masking skips half the score tiles; backward does 2.5x the forward matmuls
                double flops = 2 * b * headsLocal * sq * skv * (d + dv) * 0.5;
                double bytes = ACT_BYTES * b * sq * headsLocal * (2 * d + 2 * dv);
                c.bwd += attnRoof.fusedAttention(2.5 * flops, 2 * bytes);
                return attnRoof.fusedAttention(flops, bytes);
            }
            // Unfused (Megatron-LM 2021): QK^T and AV batched GEMMs on full s x s scores, fused scale-mask-softmax,
            // attention dropout; scores are materialised in HBM (MODELLING.md, "software era")
            double batch = b * headsLocal;
            double e = batch * sq * skv;
            double f = attnRoof.gemm(sq, skv, d, batch, ACT_BYTES) + attnRoof.gemm(sq, dv, skv, batch, ACT_BYTES);
            c.bwd += attnRoof.gemm(sq, d, skv, batch, ACT_BYTES) + attnRoof.gemm(skv, d, sq, batch, ACT_BYTES)
                    + attnRoof.gemm(sq, skv, dv, batch, ACT_BYTES) + attnRoof.gemm(skv, dv, sq, batch, ACT_BYTES);
            f += mem(c, 2 * e * ACT_BYTES);            // softmax: read scores, write probabilities
            f += mem(c, 2 * e * ACT_BYTES + e);         // dropout: read, write, 1-byte mask
            return f;
        }

        LayerCost layer(boolean moe) {
            LayerCost c = new LayerCost();
            int t = l.tp();
            double h = m.hidden();
            double sp = l.sequenceParallel() ? t : 1;
            double hT = tokens * h;
            double qDim = m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim()))
                    .orElse((double) m.heads() * m.headDim());
            double kvDim = m.mla().map(x -> (double) m.heads() * (x.qkNopeHeadDim() + x.qkRopeHeadDim() + x.vHeadDim()))
                    .orElse(2.0 * m.kvHeads() * m.headDim());
            double oDim = m.mla().map(x -> (double) m.heads() * x.vHeadDim()).orElse((double) m.heads() * m.headDim());

            double f = 0;
            f += mem(c, 2 * hT * ACT_BYTES / sp);                               // input layernorm
            f += gemm(c, tokens, (qDim + kvDim) / t, h, 1);                      // QKV projection
            double beforeCore = f;
            double bwdBeforeCore = c.bwd;
            double core = attentionCore(c);
            double coreBwd = c.bwd - bwdBeforeCore;
            f += core;
            f += gemm(c, tokens, h, oDim / t, 1);                                // attention output projection
            f += mem(c, 3.5 * hT * ACT_BYTES / sp);                              // bias + dropout + residual
            f += mem(c, 2 * hT * ACT_BYTES / sp);                                // post-attention layernorm
            int mats = m.activation().mlpMatrices();
            if (!moe) {
                double ffn = m.ffnHidden();
                f += gemm(c, tokens, (mats - 1) * ffn / t, h, 1);                // MLP up (and gate)
                f += mem(c, (mats + 0.0) * tokens * ffn / t * ACT_BYTES);         // activation (GeLU or SwiGLU)
                f += gemm(c, tokens, h, ffn / t, 1);                             // MLP down
            } else {
                var x = m.moe().orElseThrow();
                double fe = x.expertFfnHidden();
                f += gemm(c, tokens, x.experts(), h, 1);                         // router
                double routed = tokens * x.topK();                               // token-expert pairs per GPU (balanced)
                double localExperts = (double) x.experts() / l.ep();
                double perExpert = routed / localExperts;
                f += gemm(c, perExpert, (mats - 1) * fe / t, h, localExperts);
                f += mem(c, mats * routed * fe / t * ACT_BYTES);
                f += gemm(c, perExpert, h, fe / t, localExperts);
                if (x.sharedExperts() > 0) {
                    double fs = fe * x.sharedExperts();
                    f += gemm(c, tokens, (mats - 1) * fs / t, h, 1);
                    f += mem(c, mats * tokens * fs / t * ACT_BYTES);
                    f += gemm(c, tokens, h, fs / t, 1);
                }
                // dispatch and combine all-to-all over the expert-parallel group (spaced tp x cp apart)
                double a2a = 2 * allToAll(routed * h * ACT_BYTES / (l.sequenceParallel() ? t : 1), l.ep(), t * l.cp());
                c.ep = 2 * a2a;                                                  // forward + backward
                c.epRecompute = l.recompute() == Recompute.FULL ? a2a : 0;
            }
            f += mem(c, 3.5 * hT * ACT_BYTES / sp);                              // bias + dropout + residual
            c.fwd = f;
            // tensor parallelism: two all-reduces (or reduce-scatter/all-gather pairs with SP) forward, two backward
            // (Shoeybi et al. 2019 §3; Korthikanti et al. 2022 §4.2.2)
            double tp = 2 * allReduce(hT * ACT_BYTES, t, 1) * (1 - fw.tpOverlap());
            c.tpFwd = tp;
            c.tpBwd = tp;
            // context parallelism: ring exchange of K and V chunks (c-1 steps), hidden behind the attention core
            if (l.cp() > 1) {
                double kv = l.microBatch() * (double) l.seqLen() / l.cp() * kvDim / t * ACT_BYTES;
                double ring = (l.cp() - 1) * Collectives.sendRecv(kv, t * l.cp() <= gpn ? scaleUp : scaleOut);
                c.cp = Math.max(0, ring - core) + Math.max(0, 2 * ring - coreBwd);
            }
            switch (l.recompute()) {
                case FULL -> {
                    c.recompute = f;
                    c.tpRecompute = tp;
                }
                case SELECTIVE -> c.recompute = core;
                default -> { }
            }
            return c;
        }

        /** Weights on one GPU of a stage holding {@code layers} layers (moe of them MoE), parameters. */
        double stageParams(int layers, int moeLayers, boolean first, boolean last) {
            int t = l.tp();
            double attn = m.attentionParamsPerLayer() / t;
            double dense = m.denseMlpParams() / t;
            double moe = m.moe().map(x -> (double) x.experts() / l.ep() * m.expertParams() / t
                    + x.sharedExperts() * m.expertParams() / t + m.routerParams()).orElse(0.0);
            double p = layers * attn + (layers - moeLayers) * dense + moeLayers * moe;
            double embed = (double) m.vocab() * m.hidden() / t;
            if (first) {
                p += embed;
            }
            if (last && (!m.tiedEmbeddings() || !first)) {
                p += embed;
            }
            return p;
        }

        TrainingResult result() {
            int p = l.pp();
            int v = l.vpp();
            int t = l.tp();
            int mb = l.microBatches();
            int layersPerStage = m.layers() / p;
            LayerCost dense = m.denseLayers() > 0 ? layer(false) : new LayerCost();
            LayerCost moe = m.isMoe() ? layer(true) : dense;
            double v16 = m.vocab() / (double) t;

            // first and last stage extras: embedding lookup; final norm, logits GEMM and cross-entropy (fp32)
            LayerCost extra = new LayerCost();
            double embedFwd = mem(extra, tokens * m.hidden() * ACT_BYTES);
            double embedBwd = extra.bwd;
            extra.bwd = 0;
            double headFwd = mem(extra, 2 * tokens * m.hidden() * ACT_BYTES) + gemm16(extra, tokens, v16, m.hidden())
                    + mem(extra, 3 * tokens * v16 * 4);
            double headBwd = extra.bwd;

            // pipeline send/recv of one micro-batch's activation at a stage boundary
            boolean ppCrosses = (long) t * l.cp() * l.dp() >= gpn;
            double act = tokens * m.hidden() * ACT_BYTES;
            double split = (l.sequenceParallel() || fw.scatterGatherP2p()) ? t : 1;
            double p2p = p == 1 ? 0 : Collectives.sendRecv(act / split, ppCrosses ? scaleOut : scaleUp)
                    + (fw.scatterGatherP2p() && !l.sequenceParallel() ? Collectives.allGather(act, t, scaleUp) : 0);

            // per-micro-batch time of each stage; the critical stage paces the steady state
            int moeFirst = m.isMoe() ? m.moe().get().denseLayers() : m.layers();
            double max = 0;
            double sum = 0;
            int crit = 0;
            double[] stage = new double[p];
            for (int i = 0; i < p; i++) {
                int lo = i * layersPerStage;
                int moeLayers = Math.max(0, Math.min(lo + layersPerStage, m.layers()) - Math.max(lo, moeFirst));
                int denseLayers = layersPerStage - moeLayers;
                double ti = denseLayers * total(dense) + moeLayers * total(moe);
                if (i == 0) {
                    ti += embedFwd + embedBwd;
                }
                if (i == p - 1) {
                    ti += headFwd + headBwd;
                }
                stage[i] = ti;
                sum += ti;
                if (ti > max) {
                    max = ti;
                    crit = i;
                }
            }
            double avg = sum / p;
            double bubble = p == 1 ? 0 : (p - 1) / (double) v * avg;          // Narayanan et al. 2021 §2.2
            double imbalance = mb * (max - avg);

            // breakdown along the critical stage
            int lo = crit * layersPerStage;
            int critMoe = Math.max(0, Math.min(lo + layersPerStage, m.layers()) - Math.max(lo, moeFirst));
            int critDense = layersPerStage - critMoe;
            double compute = mb * (critDense * (dense.fwd + dense.bwd) + critMoe * (moe.fwd + moe.bwd)
                    + (crit == 0 ? embedFwd + embedBwd : 0) + (crit == p - 1 ? headFwd + headBwd : 0));
            double recompute = mb * (critDense * dense.recompute + critMoe * moe.recompute);
            double tpComm = mb * (critDense * (dense.tpFwd + dense.tpBwd + dense.tpRecompute)
                    + critMoe * (moe.tpFwd + moe.tpBwd + moe.tpRecompute));
            double cpComm = mb * (critDense * dense.cp + critMoe * moe.cp);
            double epComm = mb * critMoe * (moe.ep + moe.epRecompute);
            double ppComm = p == 1 ? 0 : fw.blockingP2p() ? 2.0 * v * (mb + p - 1) * p2p : 2.0 * (p - 1) * p2p;

            // data parallelism: reduce gradients (all-reduce, or reduce-scatter + parameter all-gather under ZeRO >= 1)
            boolean tiedAcross = m.tiedEmbeddings() && p > 1;
            double params = 0;
            for (int i = 0; i < p; i += Math.max(1, p - 1)) {
                int slo = i * layersPerStage;
                int sMoe = Math.max(0, Math.min(slo + layersPerStage, m.layers()) - Math.max(slo, moeFirst));
                params = Math.max(params, stageParams(layersPerStage, sMoe, i == 0, i == p - 1));
            }
            int dpStride = t * l.cp();
            int dpGroup = l.dp() * l.cp();                                       // gradients are reduced over dp x cp
            double gradBytes = params * fw.gradBytes();
            double dpComm;
            // Megatron-Core overlaps the gradient reduction with the last micro-batch's backward pass and the
            // parameter all-gather with the first micro-batch's forward pass; backward is about 2/3 of a micro-batch
            double bwdWindow = stage[crit] * 2 / 3;
            double fwdWindow = stage[crit] / 3;
            if (l.zero() == 0) {
                double ar = allReduce(gradBytes, dpGroup, dpStride);
                dpComm = fw.dpOverlap() ? exposed(ar, bwdWindow, params) : ar;
            } else if (l.zero() <= 2) {
                double rs = allGather(gradBytes, dpGroup, dpStride);
                double ag = allGather(params * ACT_BYTES, dpGroup, dpStride);
                dpComm = fw.dpOverlap() ? exposed(rs, bwdWindow, params) + exposed(ag, fwdWindow, params) : rs + ag;
            } else {
                double perMicroBatch = 2 * allGather(params * ACT_BYTES, dpGroup, dpStride) + allGather(gradBytes, dpGroup, dpStride);
                dpComm = Math.max(0, mb * perMicroBatch - (fw.dpOverlap() ? compute : 0)) + perMicroBatch / mb;
            }
            if (tiedAcross) {
                dpComm += Collectives.allReduce((double) m.vocab() * m.hidden() / t * fw.gradBytes(), 2, scaleOut);
            }

            // optimizer: Adam over this GPU's shard; fp32 master, momentum, variance read+written, gradients read twice
            // (norm + update), bf16 weights written (Rajbhandari et al. 2020 §3 byte counts)
            double optParams = params / (l.zero() >= 1 ? dpGroup : 1);
            double optimizer = gemmRoof.memory(optParams * (24 + 2.0 * fw.gradBytes() + 2)) + 20 * eff.kernelOverheadS();

            // host side, the seed's four steps: batch copy host->device over PCIe, launch, compute, loss copy back
            double pcie = server.hostLink().or(() -> a.hostInterface()).map(x -> x.perDirectionBytesPerS()).orElse(31.5e9);
            double other = mb * tokens * BATCH_BYTES_PER_TOKEN / pcie + LOSS_SYNC_S;

            double step = compute + recompute + tpComm + cpComm + epComm + ppComm + bubble + imbalance + dpComm + optimizer + other;

            Map<String, Double> breakdown = new LinkedHashMap<>();
            breakdown.put("compute", compute);
            breakdown.put("recompute", recompute);
            breakdown.put("tp_comm", tpComm);
            breakdown.put("cp_comm", cpComm);
            breakdown.put("pp_bubble", bubble + imbalance);
            breakdown.put("pp_comm", ppComm);
            breakdown.put("dp_comm", dpComm);
            breakdown.put("ep_comm", epComm);
            breakdown.put("optimizer", optimizer);
            breakdown.put("other", other);

            Map<String, Double> memory = memory(params, dpGroup);
            double memTotal = memory.values().stream().mapToDouble(Double::doubleValue).sum();
            double capacity = a.memory().capacityBytes().orElse(0);

            double tokensPerStep = l.tokensPerStep();
            double tokensPerS = tokensPerStep / step;
            int gpus = l.gpus();
            double modelFlops = modelFlopsPerToken() * tokensPerStep;
            double hwFlops = modelFlops + recomputeFlopsPerToken() * tokensPerStep;
            double modelTflops = modelFlops / step / gpus / 1e12;
            double hwTflops = hwFlops / step / gpus / 1e12;
            double peak = a.peak(l.precision()).getAsDouble();
            OptionalDouble days = OptionalDouble.empty();
            OptionalDouble gpuHours = OptionalDouble.empty();
            if (budget.isPresent()) {
                double seconds = budget.getAsDouble() / tokensPerS;
                days = OptionalDouble.of(seconds / 86400);
                gpuHours = OptionalDouble.of(seconds * gpus / 3600);
            }
            // the dense peak of the GEMM precision is the MFU denominator (PaLM appendix B)
            return new TrainingResult(step, tokensPerS, tokensPerS / gpus, modelTflops, hwTflops, modelTflops * 1e12 / peak,
                    hwTflops * 1e12 / peak, memTotal, capacity, memTotal <= capacity, breakdown, memory, days, gpuHours, gpus, mb,
                    (bubble + imbalance) / step);
        }

        private static double total(LayerCost c) {
            return c.fwd + c.bwd + c.recompute + c.tpFwd + c.tpBwd + c.tpRecompute + c.cp + c.ep + c.epRecompute;
        }

        /** Exposed part of a reduction overlapped with a compute window: at least the last bucket. */
        private static double exposed(double comm, double window, double params) {
            double lastBucket = comm * Math.min(1, DP_BUCKET_PARAMS / params);
            return Math.max(lastBucket, comm - window);
        }

        /** Model FLOPs per token: 6 x (non-embedding active parameters + output projection) + 12·l·(a·d)·s (PaLM app. B; no causal halving). */
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
        Map<String, Double> memory(double params, int dpGroup) {
            int t = l.tp();
            int p = l.pp();
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
            double act = m.activation() == org.suanli.workload.Activation.SWIGLU ? 6 * ffn : 4 * ffn;
            double unsplit = 10 * h;                                            // layernorm, QKV and MLP inputs, dropout masks
            double split = 4 * h + 4 * gd + act;                                 // Q and projection input, K and V, MLP activations
            double scores = fw.flashAttention() ? 0 : 5.0 * m.heads() * l.seqLen() / l.cp();
            double perToken;
            switch (l.recompute()) {
                case FULL -> perToken = 2 * h / (l.sequenceParallel() ? t : 1);
                case SELECTIVE -> perToken = l.sequenceParallel() ? (unsplit + split) / t : unsplit + split / t;
                default -> perToken = l.sequenceParallel() ? (unsplit + split + scores) / t : unsplit + (split + scores) / t;
            }
            double inFlight = p == 1 ? 1 : p * (l.vpp() > 1 ? 1 + (p - 1.0) / (p * l.vpp()) : 1);
            inFlight = Math.min(inFlight, l.microBatches() * (double) l.vpp());
            double layers = (double) m.layers() / p;
            double activations = perToken * tokens * layers * inFlight;
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
}
