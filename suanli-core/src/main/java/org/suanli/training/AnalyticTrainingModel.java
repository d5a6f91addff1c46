package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The closed-form training model: one step of a Megatron/NeMo-style job assembled from the priced
 * operators and collectives of {@link StepCosts} by the pipeline schedule: the slowest stage works
 * its micro-batches back to back and the 1F1B fill and drain add (p-1)/v of an average other stage
 * (Narayanan et al. 2021 §2.2); then the data-parallel reduction, the optimizer and the host side. docs/MODEL.md walks
 * through every term with its source.
 */
public final class AnalyticTrainingModel {

    private AnalyticTrainingModel() {
    }

    /** Evaluates one training step; the layout must already have passed {@link LayoutCheck}. */
    public static TrainingResult evaluate(TrainingJob job) {
        return assemble(new StepCosts(job, false));
    }

    static TrainingResult assemble(StepCosts c) {
        Layout l = c.l;
        int p = l.pp();
        int v = l.vpp();
        int mb = l.microBatches();

        double max = 0;
        double sum = 0;
        int crit = 0;
        for (int i = 0; i < p; i++) {
            double ti = c.stageTime(i);
            sum += ti;
            if (ti > max) {
                max = ti;
                crit = i;
            }
        }
        // the slowest stage works m micro-batches back to back (its time is the breakdown below); the others
        // fill and drain the pipeline around it: (p-1)/v of an average stage (Narayanan et al. 2021 §2.2)
        double others = p == 1 ? 0 : (sum - max) / (p - 1);
        double bubble = p == 1 ? 0 : (p - 1) / (double) v * others;

        // breakdown along the critical stage
        int moeLayers = c.stageMoeLayers[crit];
        int denseLayers = c.stageLayers[crit] - moeLayers;
        StepCosts.LayerOps d = c.dense;
        StepCosts.LayerOps e = c.moe;
        double compute = mb * (denseLayers * (d.fwdCompute + d.bwdCompute) + moeLayers * (e.fwdCompute + e.bwdCompute)
                + (crit == 0 ? c.embed.total() : 0) + (crit == p - 1 ? c.head.total() : 0));
        double recompute = mb * (denseLayers * d.recomputeCompute + moeLayers * e.recomputeCompute);
        double tpComm = mb * (denseLayers * (d.tpFwd + d.tpBwd + d.tpRecompute) + moeLayers * (e.tpFwd + e.tpBwd + e.tpRecompute));
        double cpComm = mb * (denseLayers * d.cp + moeLayers * e.cp);
        double epComm = mb * moeLayers * (e.ep + e.epRecompute);
        double ppComm = p == 1 ? 0 : l.framework().blockingP2p() ? 2.0 * v * (mb + p - 1) * c.p2p : 2.0 * (p - 1) * c.p2p;

        // data parallelism: Megatron-Core overlaps the gradient reduction with the last micro-batch's backward pass
        // and the parameter all-gather with the first micro-batch's forward; backward is about 2/3 of a micro-batch
        double params = c.maxStageParams();
        double[] dp = c.dpReduction(params);
        double dpComm;
        if (l.zero() <= 2) {
            boolean overlap = l.framework().dpOverlap();
            dpComm = overlap ? StepCosts.exposed(dp[0], c.stageTime(crit) * 2 / 3, params)
                    + (dp[1] > 0 ? StepCosts.exposed(dp[1], c.stageTime(crit) / 3, params) : 0) : dp[0] + dp[1];
        } else {
            // ZeRO-3 gathers the weights for every micro-batch's forward and backward and reduce-scatters gradients, on a
            // stream of its own beside everything the compute stream does (GEMMs and the exposed collectives alike)
            double perMicroBatch = 2 * dp[1] + dp[0];
            double busy = compute + recompute + tpComm + cpComm + epComm;
            dpComm = Math.max(0, mb * perMicroBatch - (l.framework().dpOverlap() ? busy : 0)) + perMicroBatch / mb;
        }
        dpComm += c.tiedEmbeddingReduction();

        double optimizer = c.optimizer(params);
        // host side, the seed's four steps: batch copy host->device over PCIe, launch, compute, loss copy back
        double other = mb * c.batchCopy() + StepCosts.LOSS_SYNC_S;

        double step = compute + recompute + tpComm + cpComm + epComm + ppComm + bubble + dpComm + optimizer + other;
        Map<String, Double> breakdown = new LinkedHashMap<>();
        breakdown.put("compute", compute);
        breakdown.put("recompute", recompute);
        breakdown.put("tp_comm", tpComm);
        breakdown.put("cp_comm", cpComm);
        breakdown.put("pp_bubble", bubble);
        breakdown.put("pp_comm", ppComm);
        breakdown.put("dp_comm", dpComm);
        breakdown.put("ep_comm", epComm);
        breakdown.put("optimizer", optimizer);
        breakdown.put("other", other);
        return result(c, step, breakdown, params);
    }

    /** Builds the result shared by both engines from a step time and its breakdown. */
    static TrainingResult result(StepCosts c, double step, Map<String, Double> breakdown, double params) {
        Layout l = c.l;
        Map<String, Double> memory = c.memory(params);
        double memTotal = memory.values().stream().mapToDouble(Double::doubleValue).sum();
        double capacity = c.a.memory().capacityBytes().orElse(0);
        double tokensPerStep = l.tokensPerStep();
        double tokensPerS = tokensPerStep / step;
        int gpus = l.gpus();
        double modelFlops = c.modelFlopsPerToken() * tokensPerStep;
        double hwFlops = modelFlops + c.recomputeFlopsPerToken() * tokensPerStep;
        double modelTflops = modelFlops / step / gpus / 1e12;
        double hwTflops = hwFlops / step / gpus / 1e12;
        double peak = c.a.peak(l.precision()).getAsDouble();
        OptionalDouble days = OptionalDouble.empty();
        OptionalDouble gpuHours = OptionalDouble.empty();
        if (c.budget.isPresent()) {
            double seconds = c.budget.getAsDouble() / tokensPerS;
            days = OptionalDouble.of(seconds / 86400);
            gpuHours = OptionalDouble.of(seconds * gpus / 3600);
        }
        // the dense peak of the GEMM precision is the MFU denominator (PaLM appendix B)
        return new TrainingResult(step, tokensPerS, tokensPerS / gpus, modelTflops, hwTflops, modelTflops * 1e12 / peak,
                hwTflops * 1e12 / peak, memTotal, capacity, memTotal <= capacity, breakdown, memory, days, gpuHours, gpus,
                l.microBatches(), breakdown.get("pp_bubble") / step);
    }
}
