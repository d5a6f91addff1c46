package org.suanli.training;

import java.util.OptionalDouble;
import org.suanli.software.Framework;
import org.suanli.hardware.Precision;

/**
 * How one training job is laid out on its GPUs: tensor (tp), pipeline (pp, with vpp virtual stages
 * per rank), context (cp), data (dp) and expert (ep, over the tp x cp x dp ranks of a stage) parallel sizes, the
 * micro- and global batch in sequences, the sequence length, sequence parallelism, the ZeRO stage
 * (Megatron's distributed optimizer is stage 1), recompute, GEMM precision, framework and what is offloaded to host memory.
 * GPUs = tp x pp x cp x dp. Checked against a model and server by {@link LayoutCheck}.
 *
 * @param offload what is kept in host memory over the host link (ZeRO-Offload)
 * @param schedule the pipeline schedule
 * @param expertImbalance the most-loaded expert's tokens over the mean (max/mean expert load, at least 1): the GPU
 *                        holding it sets the pace of the expert GEMMs and of its all-to-all traffic
 * @param pipelineLayout which layers sit on each pipeline stage and chunk, when not the even split
 * @param expertTp expert tensor-parallel size: each expert's weights split over this many GPUs (Megatron-Core's
 *                 expert_tensor_parallel_size); the expert group is ep ranks spaced expertTp apart
 * @param capacityFactor token-dropping MoE (GShard, Switch Transformer): each expert's buffer holds this times its even
 *                       share of the routed tokens, padded, and the expert GEMMs and the all-to-all run on the full
 *                       buffers; empty: dropless (each expert gets exactly the tokens routed to it)
 * @param epA2aOverlap Megatron-Core's batch-level EP all-to-all overlap ({@code --overlap-moe-expert-parallel-comm
 *                     --delay-wgrad-compute}, a run's choice like its schedule): the forward and backward passes of adjacent
 *                     micro-batches are merged so each one's dispatch and combine run beside the other's compute
 *                     (Megatron-LM @d98e8a64dd megatron/core/transformer/moe/README.md, "EP A2A Overlap")
 */
public record Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                     boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework,
                     Offload offload, PipelineSchedule schedule, double expertImbalance,
                     java.util.Optional<PipelineLayout> pipelineLayout, int expertTp, OptionalDouble capacityFactor,
                     boolean epA2aOverlap) {

    /** A layout without Megatron-Core's batch-level EP overlap. */
    public Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                  boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework,
                  Offload offload, PipelineSchedule schedule, double expertImbalance,
                  java.util.Optional<PipelineLayout> pipelineLayout, int expertTp, OptionalDouble capacityFactor) {
        this(tp, pp, dp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                offload, schedule, expertImbalance, pipelineLayout, expertTp, capacityFactor, false);
    }

    /** A dropless layout. */
    public Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                  boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework,
                  Offload offload, PipelineSchedule schedule, double expertImbalance,
                  java.util.Optional<PipelineLayout> pipelineLayout, int expertTp) {
        this(tp, pp, dp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                offload, schedule, expertImbalance, pipelineLayout, expertTp, OptionalDouble.empty());
    }

    /** A layout with the even pipeline split and the default expert tensor parallelism ({@link #defaultExpertTp}). */
    public Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                  boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework,
                  Offload offload, PipelineSchedule schedule, double expertImbalance, OptionalDouble capacityFactor) {
        this(tp, pp, dp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                offload, schedule, expertImbalance, java.util.Optional.empty(), defaultExpertTp(tp, dp, cp, ep), capacityFactor);
    }

    /** A dropless layout with the even pipeline split and the default expert tensor parallelism ({@link #defaultExpertTp}). */
    public Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                  boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework,
                  Offload offload, PipelineSchedule schedule, double expertImbalance) {
        this(tp, pp, dp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                offload, schedule, expertImbalance, java.util.Optional.empty(), defaultExpertTp(tp, dp, cp, ep));
    }

    /**
     * The expert tensor-parallel size when none is given: tp while ep fits in dp x cp (Megatron-Core's default,
     * parallel_state.initialize_model_parallel: "expert_tensor_parallel_size (int, default = tp_size)"), and 1 when it
     * does not, so the experts fold over the tp x cp x dp ranks (MoE parallel folding, Liu et al. 2025, arXiv 2504.14960;
     * the Megatron-Bridge recipes set expert_tensor_parallel_size = 1, e.g. recipes/qwen/h100/qwen3_moe.py).
     */
    public static int defaultExpertTp(int tp, int dp, int cp, int ep) {
        return ep >= 1 && (dp * cp) % ep == 0 ? tp : 1;
    }

    /** Returns true when the experts fold over tensor-parallel ranks: the expert group is not the classic one inside dp x cp. */
    public boolean foldsExperts() {
        return expertTp != tp || (dp * cp) % ep != 0;
    }

    /**
     * A layout that offloads nothing, on the default schedule for its vpp (1F1B, or interleaved when vpp > 1), with
     * balanced experts.
     */
    public Layout(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int seqLen,
                  boolean sequenceParallel, int zero, Recompute recompute, Precision precision, Framework framework) {
        this(tp, pp, dp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                Offload.NONE, PipelineSchedule.defaultFor(vpp), 1.0);
    }

    public Layout {
        java.util.Objects.requireNonNull(offload);
        java.util.Objects.requireNonNull(pipelineLayout);
        java.util.Objects.requireNonNull(capacityFactor);
        if (capacityFactor.isPresent() && !(capacityFactor.getAsDouble() >= 1)) {
            throw new IllegalArgumentException("capacity factor must be at least 1, was " + capacityFactor.getAsDouble());
        }
        if (expertTp < 1) {
            throw new IllegalArgumentException("expert tp must be at least 1, was " + expertTp);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is required");
        }
        if (!(expertImbalance >= 1)) {
            throw new IllegalArgumentException("expert imbalance must be at least 1, was " + expertImbalance);
        }
        if (tp < 1 || pp < 1 || dp < 1 || cp < 1 || ep < 1 || vpp < 1 || microBatch < 1 || globalBatch < 1 || seqLen < 1) {
            throw new IllegalArgumentException("parallel sizes, batches and sequence length must be at least 1");
        }
        if (zero < 0 || zero > 3) {
            throw new IllegalArgumentException("zero must be 0, 1, 2 or 3, was " + zero);
        }
    }

    /** Returns the number of GPUs the layout occupies. */
    public int gpus() {
        return tp * pp * cp * dp;
    }

    /** Returns the micro-batches each pipeline processes per step. */
    public int microBatches() {
        return globalBatch / (microBatch * dp);
    }

    /** Returns the tokens of one step (global batch x sequence length). */
    public long tokensPerStep() {
        return (long) globalBatch * seqLen;
    }
}
