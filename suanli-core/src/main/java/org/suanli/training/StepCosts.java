package org.suanli.training;

import java.util.Map;

/**
 * What one training step costs, priced piece by piece: the operators of a layer for one micro-batch on one GPU, the
 * pipeline stages, the collectives and transfers, the optimizer and the memory. Both engines assemble a step from this
 * interface only ({@link AnalyticTrainingModel} in closed form, {@link EventTrainingModel} by simulating the schedule), so
 * they price the same work; docs/MODEL.md ("Where to add an engine or a parallelism") says where new ones go.
 */
interface StepCosts {
    /** Bytes per activation element: bf16/fp16 (fp8 training keeps activations in bf16 between GEMMs). */
    double ACT_BYTES = 2;
    /** Megatron-Core's data-parallel bucket: 40 M parameters (DistributedDataParallelConfig.bucket_size). */
    double DP_BUCKET_PARAMS = 40e6;

    /** Prices the step of {@code job}; with {@code record} the operators are kept one by one for an engine to schedule. */
    static StepCosts of(TrainingJob job, boolean record) {
        return new TransformerStepCosts(job, record);
    }

    /** Returns the job priced. */
    TrainingJob job();

    /** Returns the job's layout. */
    default Layout layout() {
        return job().layout();
    }

    // ---- operators of one micro-batch on one GPU ----------------------------------------------

    /** Returns the embedding's operators (first stage). */
    LayerOps embed();

    /** Returns the output head's operators: final layernorm, logits, cross-entropy (last stage). */
    LayerOps head();

    /** Returns the operators of a dense layer. */
    LayerOps dense();

    /** Returns the operators of an MoE layer (the dense layer's on a dense model). */
    LayerOps moe();

    /** Returns the operators of layer {@code index} of the model, counting from 0. */
    LayerOps layer(int index);

    // ---- schedule -----------------------------------------------------------------------------

    /** Returns the transformer layers on pipeline stage {@code stage}. */
    int stageLayers(int stage);

    /** Returns the transformer layers of virtual chunk {@code chunk} on stage {@code stage} (the stage's, without interleaving). */
    int chunkLayers(int stage, int chunk);

    /** Returns the model index of the first layer of virtual chunk {@code chunk} on stage {@code stage}. */
    int chunkFirstLayer(int stage, int chunk);

    /** Returns the MoE layers among them. */
    int stageMoeLayers(int stage);

    /** Returns the per-micro-batch time of stage {@code stage}: its layers' totals plus embedding or head. */
    double stageTime(int stage);

    /** Returns the slowest stage (the first of equals). */
    int criticalStage();

    /** Returns the per-micro-batch forward time of stage {@code stage}. */
    double stageForward(int stage);

    /** Returns the per-micro-batch weight-gradient GEMM time of stage {@code stage}. */
    double stageWgrad(int stage);

    /** Returns the stages pipeline rank {@code rank} holds (two under DualPipe, else its own). */
    int[] rankStages(int rank);

    // ---- communication ------------------------------------------------------------------------

    /** Returns the time of one pipeline send/recv between stages, seconds (0 without pipelining). */
    double p2p();

    /** Returns the bytes of one pipeline message. */
    double p2pBytes();

    /** Returns the full gradient reduction for {@code params} per GPU: {reduce (or all-reduce), parameter all-gather}, seconds. */
    double[] dpReduction(double params);

    /**
     * Returns what ZeRO-3's per-layer gathers and reduce-scatters add to stage {@code stage}'s step beyond its compute,
     * over all micro-batches, seconds ({@link ShardedSchedule}).
     */
    double shardedDataParallel(int stage);

    /** Returns the host-link copies of offload that stage {@code stage}'s compute does not cover, per step, seconds. */
    double offloadTransfers(int stage);

    /** Returns the all-reduce of tied embedding gradients between first and last stage, seconds (0 when there is none). */
    double tiedEmbeddingReduction();

    /** Returns the host-to-device copy of one micro-batch, seconds. */
    double batchCopy();

    /** Returns the loss copy back to the host and its synchronisation at the end of a step, seconds. */
    default double lossSync() {
        return StageSchedule.LOSS_SYNC_S;
    }

    /** Returns the host side of a step: every micro-batch's copy plus the loss sync, seconds. */
    default double hostTime() {
        return layout().microBatches() * batchCopy() + lossSync();
    }

    // ---- weights, optimizer, result -----------------------------------------------------------

    /** Returns the weights on one GPU of stage {@code stage}, parameters. */
    double stageParams(int stage);

    /** Returns the largest per-GPU parameter count over the stages. */
    double maxStageParams();

    /** Returns the optimizer step over {@code params} per GPU (sharded as the ZeRO stage says), seconds. */
    double optimizer(double params);

    /** Builds the result both engines report from a step time, its breakdown by cause and the weights per GPU. */
    TrainingResult result(double step, Map<String, Double> breakdown, double params);
}
