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

    /** Per-micro-batch time of pipeline rank {@code r}: the mean of the stages it holds. */
    private static double rankTime(StepCosts c, int r) {
        double t = 0;
        int[] stages = c.rankStages(r);
        for (int stage : stages) {
            t += c.stageTime(stage);
        }
        return t / stages.length;
    }

    static TrainingResult assemble(StepCosts c) {
        Layout l = c.layout();
        int p = l.pp();
        int v = l.vpp();
        int mb = l.microBatches();

        // the slowest rank works its m micro-batches back to back (its time is the breakdown below); the others fill
        // and drain the pipeline around it. A rank holds one stage, or under DualPipe two whose micro-batches split
        // half and half between them, so its per-micro-batch time is their mean.
        int crit = 0;
        double max = 0;
        for (int r = 0; r < p; r++) {
            double t = rankTime(c, r);
            if (t > max) {
                max = t;
                crit = r;
            }
        }
        int[] critStages = c.rankStages(crit);
        double sum = 0;
        double fwd = 0;
        double wgrad = 0;
        for (int i = 0; i < p; i++) {
            sum += c.stageTime(i);
            fwd += c.stageForward(i);
            wgrad += c.stageWgrad(i);
        }
        int critStage = c.criticalStage();
        double others = p == 1 ? 0 : (sum - c.stageTime(critStage)) / (p - 1);
        double othersF = p == 1 ? 0 : (fwd - c.stageForward(critStage)) / (p - 1);
        double othersW = p == 1 ? 0 : (wgrad - c.stageWgrad(critStage)) / (p - 1);
        double bubble = StageSchedule.bubble(l.schedule(), p, v, others, othersF, othersW);

        // breakdown along the critical rank
        double share = 1.0 / critStages.length;
        double compute = 0;
        double recompute = 0;
        double tpComm = 0;
        double cpComm = 0;
        double epComm = 0;
        LayerOps d = c.dense();
        LayerOps e = c.moe();
        for (int stage : critStages) {
            int moeLayers = c.stageMoeLayers(stage);
            int denseLayers = c.stageLayers(stage) - moeLayers;
            compute += share * mb * (denseLayers * (d.fwdCompute + d.bwdCompute) + moeLayers * (e.fwdCompute + e.bwdCompute)
                    + (stage == 0 ? c.embed().total() : 0) + (stage == p - 1 ? c.head().total() : 0));
            recompute += share * mb * (denseLayers * d.recomputeCompute + moeLayers * e.recomputeCompute);
            tpComm += share * mb * (denseLayers * (d.tpFwd + d.tpBwd + d.tpRecompute) + moeLayers * (e.tpFwd + e.tpBwd + e.tpRecompute));
            cpComm += share * mb * (denseLayers * d.cp + moeLayers * e.cp);
            epComm += share * mb * moeLayers * (e.ep + e.epRecompute);
        }
        double ppComm = p == 1 ? 0 : l.framework().blockingP2p() ? 2.0 * v * (mb + p - 1) * c.p2p() : 2.0 * (p - 1) * c.p2p();

        // data parallelism: Megatron-Core overlaps the gradient reduction with the last micro-batch's backward pass
        // and the parameter all-gather with the first micro-batch's forward; backward is about 2/3 of a micro-batch
        double params = c.maxStageParams();
        double[] dp = c.dpReduction(params);
        double dpComm;
        boolean overlap = l.framework().dpOverlap();
        if (l.zero() <= 2) {
            dpComm = overlap ? StageSchedule.exposed(dp[0], max * 2 / 3, params)
                    + (dp[1] > 0 ? StageSchedule.exposed(dp[1], max / 3, params) : 0) : dp[0] + dp[1];
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
