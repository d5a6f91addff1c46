package org.suanli.plan;

import org.suanli.software.Framework;
import java.util.List;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.training.Recompute;

/**
 * The layout dimensions a plan searches. Tensor parallelism stays inside the scale-up domain (a
 * server's 8 GPUs, up to 64 of an NVL72 rack's 72, a TPU slice), context parallelism up to 8, every pipeline depth that divides the GPUs, every virtual
 * stage count that divides a stage's layers, every expert-parallel size that divides the experts,
 * micro-batches of 1-16 sequences, ZeRO 0-3, the three recompute modes and the precisions given.
 * The global batch and sequence length are fixed by the job, so layouts compete on equal terms. Each server
 * type trains on the framework preset {@code frameworkFor} gives it (one for all, or its family's default).
 */
public record SearchSpace(int seqLen, int globalBatch, List<Precision> precisions, List<Recompute> recompute,
                          List<Integer> zeroStages, List<Integer> microBatches, int maxCp, int maxVpp,
                          java.util.function.Function<Server, Framework> frameworkFor) {

    public SearchSpace {
        precisions = List.copyOf(precisions);
        recompute = List.copyOf(recompute);
        zeroStages = List.copyOf(zeroStages);
        microBatches = List.copyOf(microBatches);
    }

    /** Returns the full space for a job of {@code seqLen} tokens and {@code globalBatch} sequences per step. */
    public static SearchSpace full(int seqLen, int globalBatch, List<Precision> precisions, Framework framework) {
        return full(seqLen, globalBatch, precisions, s -> framework);
    }

    /** Returns the full space with each server type on the framework {@code frameworkFor} gives it. */
    public static SearchSpace full(int seqLen, int globalBatch, List<Precision> precisions,
                                   java.util.function.Function<Server, Framework> frameworkFor) {
        return new SearchSpace(seqLen, globalBatch, precisions, List.of(Recompute.NONE, Recompute.SELECTIVE, Recompute.FULL),
                List.of(0, 1, 2, 3), List.of(1, 2, 4, 8, 16), 8, 64, frameworkFor);
    }
}
