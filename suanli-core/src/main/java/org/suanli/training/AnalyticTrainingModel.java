package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closed-form training model: one step of a Megatron/NeMo-style job assembled from the priced
 * operators and collectives of {@link StepCosts} by the pipeline schedule: the slowest stage works
 * its micro-batches back to back and the 1F1B fill and drain add (p-1)/v of an average other stage
 * ({@link StageSchedule#fillAndDrain}, Narayanan et al. 2021 §2.2); then the data-parallel reduction or
 * ZeRO-3's per-layer gathers ({@link ShardedSchedule}), the optimizer, offload copies and the host side.
 * docs/MODEL.md walks through every term with its source.
 */
public final class AnalyticTrainingModel {

    private AnalyticTrainingModel() {
    }

    /** Evaluates one training step; the layout must already have passed {@link LayoutCheck}. */
    public static TrainingResult evaluate(TrainingJob job) {
        return assemble(StepCosts.of(job, false));
    }

    static TrainingResult assemble(StepCosts c) {
        Layout l = c.layout();
        int p = l.pp();
        int v = l.vpp();
        int mb = l.microBatches();

        int crit = c.criticalStage();
        double max = c.stageTime(crit);
        double sum = 0;
        for (int i = 0; i < p; i++) {
            sum += c.stageTime(i);
        }
        // the slowest stage works m micro-batches back to back (its time is the breakdown below); the others
        // fill and drain the pipeline around it
        double others = p == 1 ? 0 : (sum - max) / (p - 1);
        double bubble = StageSchedule.fillAndDrain(p, v, others);

        // breakdown along the critical stage
        int moeLayers = c.stageMoeLayers(crit);
        int denseLayers = c.stageLayers(crit) - moeLayers;
        LayerOps d = c.dense();
        LayerOps e = c.moe();
        double compute = mb * (denseLayers * (d.fwdCompute + d.bwdCompute) + moeLayers * (e.fwdCompute + e.bwdCompute)
                + (crit == 0 ? c.embed().total() : 0) + (crit == p - 1 ? c.head().total() : 0));
        double recompute = mb * (denseLayers * d.recomputeCompute + moeLayers * e.recomputeCompute);
        double tpComm = mb * (denseLayers * (d.tpFwd + d.tpBwd + d.tpRecompute) + moeLayers * (e.tpFwd + e.tpBwd + e.tpRecompute));
        double cpComm = mb * (denseLayers * d.cp + moeLayers * e.cp);
        double epComm = mb * moeLayers * (e.ep + e.epRecompute);
        double ppComm = p == 1 ? 0 : l.framework().blockingP2p() ? 2.0 * v * (mb + p - 1) * c.p2p() : 2.0 * (p - 1) * c.p2p();

        // data parallelism: Megatron-Core overlaps the gradient reduction with the last micro-batch's backward pass
        // and the parameter all-gather with the first micro-batch's forward; backward is about 2/3 of a micro-batch
        double params = c.maxStageParams();
        double[] dp = c.dpReduction(params);
        double dpComm;
        boolean overlap = l.framework().dpOverlap();
        if (l.zero() <= 2) {
            dpComm = overlap ? StageSchedule.exposed(dp[0], c.stageTime(crit) * 2 / 3, params)
                    + (dp[1] > 0 ? StageSchedule.exposed(dp[1], c.stageTime(crit) / 3, params) : 0) : dp[0] + dp[1];
        } else {
            dpComm = c.shardedDataParallel(crit);
        }
        dpComm += c.tiedEmbeddingReduction();

        double optimizer = c.optimizer(params);
        // host side, the seed's four steps: batch copy host->device over PCIe, launch, compute, loss copy back
        double other = c.hostTime();
        double offload = c.offloadTransfers(crit);

        double step = compute + recompute + tpComm + cpComm + epComm + ppComm + bubble + dpComm + optimizer + other + offload;
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
        if (l.offload() != Offload.NONE) {
            breakdown.put("offload", offload);
        }
        return c.result(step, breakdown, params);
    }
}
