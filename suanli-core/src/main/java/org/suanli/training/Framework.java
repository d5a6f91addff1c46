package org.suanli.training;

import java.util.Arrays;
import java.util.Optional;

/**
 * The training software a run used, which changes where time goes as much as the hardware does
 * (MODELLING.md, "model the software era"). Each constant states what the framework does, with its
 * source; none is fitted.
 */
public enum Framework {
    /**
     * Megatron-LM as of Narayanan et al. (SC'21): attention materialises the s x s scores (no
     * FlashAttention, which came in 2022); tensor-parallel all-reduces are synchronous; the local DDP
     * all-reduces fp16 gradients after the backward pass, not overlapped (Megatron-LM v2.x
     * {@code --DDP-impl local}); pipeline send/recv is blocking; §4.1 scatter/gather sends 1/t of each
     * activation across nodes.
     */
    MEGATRON_2021("megatron-2021", false, 0.0, false, 2, true, true),
    /**
     * NVIDIA NeMo 24.07 on Megatron-Core: fused (flash) attention via Transformer Engine, tensor-parallel
     * communication overlapped with GEMMs (TE userbuffers, NeMo performance recipes), distributed
     * optimizer with gradient reduce-scatter and parameter all-gather overlapped with compute,
     * gradients reduced in fp32 (Megatron-Core {@code grad_reduce_in_fp32} in NeMo recipes),
     * non-blocking pipeline send/recv.
     */
    NEMO_2407("nemo-24.07", true, 0.8, true, 4, false, false);

    private final String id;
    private final boolean flashAttention;
    private final double tpOverlap;
    private final boolean dpOverlap;
    private final int gradBytes;
    private final boolean blockingP2p;
    private final boolean scatterGatherP2p;

    Framework(String id, boolean flashAttention, double tpOverlap, boolean dpOverlap, int gradBytes,
              boolean blockingP2p, boolean scatterGatherP2p) {
        this.id = id;
        this.flashAttention = flashAttention;
        this.tpOverlap = tpOverlap;
        this.dpOverlap = dpOverlap;
        this.gradBytes = gradBytes;
        this.blockingP2p = blockingP2p;
        this.scatterGatherP2p = scatterGatherP2p;
    }

    public String id() {
        return id;
    }

    /** Returns true when attention is one fused kernel that never stores the s x s scores. */
    public boolean flashAttention() {
        return flashAttention;
    }

    /** Returns the fraction of tensor-parallel communication hidden behind GEMMs. */
    public double tpOverlap() {
        return tpOverlap;
    }

    /** Returns true when gradient reduction overlaps the backward pass (all but the last bucket). */
    public boolean dpOverlap() {
        return dpOverlap;
    }

    /** Returns the bytes per element of the gradients that data parallelism reduces. */
    public int gradBytes() {
        return gradBytes;
    }

    /** Returns true when pipeline send/recv blocks the compute stream. */
    public boolean blockingP2p() {
        return blockingP2p;
    }

    /** Returns true when pipeline sends split the activation over the tensor-parallel ranks (Megatron §4.1). */
    public boolean scatterGatherP2p() {
        return scatterGatherP2p;
    }

    /** Returns the framework with this id. */
    public static Optional<Framework> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id)).findFirst();
    }
}
