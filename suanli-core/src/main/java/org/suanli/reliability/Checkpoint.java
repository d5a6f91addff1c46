package org.suanli.reliability;

import org.suanli.workload.Model;

/**
 * Size of a training checkpoint: the weights and the optimizer state needed to resume, from the model's parameter count.
 */
public final class Checkpoint {
    /**
     * Bytes per parameter under mixed-precision Adam: 2 (bf16 weights) + 4 (fp32 master weights) + 4 + 4 (fp32 first and
     * second moments) = 14; the gradients (2 more, making the 16Ψ of Rajbhandari et al. 2020, ZeRO, §3.1) are not saved.
     */
    public static final double BYTES_PER_PARAMETER = 14;

    private Checkpoint() {
    }

    /** Returns the checkpoint bytes of {@code model}: every weight (every expert of a MoE) with its optimizer state. */
    public static double bytes(Model model) {
        return BYTES_PER_PARAMETER * model.totalParams();
    }
}
