package org.suanli.plan;

import java.util.List;
import java.util.function.Function;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.software.Framework;
import org.suanli.training.Offload;
import org.suanli.training.PipelineSchedule;
import org.suanli.training.Recompute;

/**
 * The layout dimensions a plan searches. The standard space ({@link #full}): tensor parallelism inside the scale-up
 * domain, context parallelism up to 8, every pipeline depth that divides the GPUs, every virtual stage count that divides
 * a stage's layers, every expert-parallel size that divides the experts, micro-batches of 1-16 sequences, ZeRO 0-3, the
 * three recompute modes and the precisions given. The wide space ({@link #wide}) adds what Calculon's search covers
 * (calculon/llm/optimal_execution.py @caa4b11: tensor parallelism over every factor of the processors up to 32, every
 * micro-batch that divides the local batch, activation/optimizer offload, data-parallel overlap; not its weight offload,
 * which is not modelled, nor its tensor-parallel communication types) and the zero-bubble and DualPipe schedules. The global batch and sequence length are fixed by the job, so layouts compete on
 * equal terms. Each server type trains on the framework preset {@code frameworkFor} gives it.
 *
 * @param maxTp largest tensor-parallel size, crossing servers when it exceeds the scale-up domain; 0: the domain's size
 * @param microBatchDivisors try every micro-batch that divides the local batch (global batch / dp) instead of {@code microBatches}
 * @param offloads what may be kept in host memory (an offload is tried only where the layout does not fit without it)
 * @param dpOverlap also try the preset with gradient reduction overlapped with backward where it has it off
 * @param schedules also try the pipeline schedules beyond 1F1B/interleaved (ZB-H1, DualPipe) where they apply
 */
public record SearchSpace(int seqLen, int globalBatch, List<Precision> precisions, List<Recompute> recompute,
                          List<Integer> zeroStages, List<Integer> microBatches, int maxCp, int maxVpp,
                          Function<Server, Framework> frameworkFor, int maxTp, boolean microBatchDivisors, List<Offload> offloads,
                          boolean dpOverlap, boolean schedules) {

    /** The schedules the wide space tries beside each vpp's default. */
    static final List<PipelineSchedule> EXTRA_SCHEDULES = List.of(PipelineSchedule.ZB_H1, PipelineSchedule.DUALPIPE);

    /** Calculon's largest tensor-parallel size for the Megatron-1T job (factors of 3,072 dividing 160 heads: up to 32). */
    static final int WIDE_MAX_TP = 32;

    public SearchSpace {
        precisions = List.copyOf(precisions);
        recompute = List.copyOf(recompute);
        zeroStages = List.copyOf(zeroStages);
        microBatches = List.copyOf(microBatches);
        offloads = List.copyOf(offloads);
        if (offloads.isEmpty() || offloads.get(0) != Offload.NONE) {
            throw new IllegalArgumentException("offloads must start with none");
        }
    }

    /** The standard space with its dimensions as given. */
    public SearchSpace(int seqLen, int globalBatch, List<Precision> precisions, List<Recompute> recompute, List<Integer> zeroStages,
                       List<Integer> microBatches, int maxCp, int maxVpp, Function<Server, Framework> frameworkFor) {
        this(seqLen, globalBatch, precisions, recompute, zeroStages, microBatches, maxCp, maxVpp, frameworkFor, 0, false,
                List.of(Offload.NONE), false, false);
    }

    /** Returns the standard space for a job of {@code seqLen} tokens and {@code globalBatch} sequences per step. */
    public static SearchSpace full(int seqLen, int globalBatch, List<Precision> precisions, Framework framework) {
        return full(seqLen, globalBatch, precisions, s -> framework);
    }

    /** Returns the standard space with each server type on the framework {@code frameworkFor} gives it. */
    public static SearchSpace full(int seqLen, int globalBatch, List<Precision> precisions, Function<Server, Framework> frameworkFor) {
        return new SearchSpace(seqLen, globalBatch, precisions, List.of(Recompute.NONE, Recompute.SELECTIVE, Recompute.FULL),
                List.of(0, 1, 2, 3), List.of(1, 2, 4, 8, 16), 8, 64, frameworkFor);
    }

    /** Returns the wide space: the standard one plus Calculon's dimensions and the newer pipeline schedules. */
    public static SearchSpace wide(int seqLen, int globalBatch, List<Precision> precisions, Function<Server, Framework> frameworkFor) {
        SearchSpace s = full(seqLen, globalBatch, precisions, frameworkFor);
        return new SearchSpace(seqLen, globalBatch, s.precisions(), s.recompute(), s.zeroStages(), s.microBatches(), s.maxCp(),
                s.maxVpp(), frameworkFor, WIDE_MAX_TP, true, List.of(Offload.values()), true, true);
    }

    /** Returns true when this space adds anything to the standard one's dimensions. */
    public boolean isWide() {
        return microBatchDivisors || offloads.size() > 1 || dpOverlap || schedules || maxTp > 0;
    }
}
