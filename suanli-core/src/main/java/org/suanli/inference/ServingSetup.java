package org.suanli.inference;

import org.suanli.BadInputException;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * The serving options every front end reads the same way ({@code suanli infer}, the HTTP API, sweeps): a replica from
 * GPUs, parallel sizes and precision keys, and the MoE serving options, with one error line naming the option.
 */
public final class ServingSetup {
    private ServingSetup() {
    }

    /**
     * Returns the replica of {@code gpus} GPUs split {@code tp x pp} (or {@code ep x pp} with expert parallelism): weights
     * in {@code precisionKey} (fp8 falls back to 16 bits on a part without fp8), KV cache in {@code kvKey} or, when null,
     * as the weights but at least 8 bits; {@code serverName} is the server as the user named it.
     */
    public static Replica replica(Model m, Server s, String serverName, int gpus, int tp, int pp, int ep, String precisionKey, String kvKey) {
        int stage = Math.max(tp, ep);
        if (gpus % ((long) stage * pp) != 0) {
            throw new BadInputException("--gpus", gpus + " GPUs with " + (ep > 1 ? "ep" : "tp") + " x pp = " + stage * pp,
                    "expected a multiple of " + (ep > 1 ? "ep" : "tp") + " x pp");
        }
        var accel = s.accelerator().orElseThrow(() -> new BadInputException("--server " + serverName, "has no accelerators",
                "expected an AI server"));
        Precision w = precision("--precision", precisionKey);
        if (w == Precision.FP8 && accel.peak(Precision.FP8).isEmpty()) {
            w = accel.peak(Precision.BF16).isPresent() ? Precision.BF16 : Precision.FP16;
        }
        Precision kv = kvKey != null ? precision("--kv-precision", kvKey) : (w.bits() < 8 ? Precision.FP8 : w);
        return new Replica(m, s, tp, pp, w, kv, ep);
    }

    /** Returns the MoE serving options; an imbalance or two-batch overlap without expert parallelism is refused. */
    public static InferenceModel.MoeServing moe(int ep, double expertImbalance, boolean twoBatchOverlap) {
        if (ep == 1 && (expertImbalance != 1 || twoBatchOverlap)) {
            throw new BadInputException(expertImbalance != 1 ? "--expert-imbalance" : "--two-batch-overlap", "given without --ep",
                    "expected --ep above 1 (expert parallelism)");
        }
        return new InferenceModel.MoeServing(expertImbalance, twoBatchOverlap);
    }

    private static Precision precision(String option, String key) {
        return Precision.fromKey(key).filter(p -> p != Precision.FP64 && p != Precision.FP32 && p != Precision.TF32 && p != Precision.INT16)
                .orElseThrow(() -> new BadInputException(option, "'" + key + "' is not a serving precision", "expected bf16, fp16, fp8, int8, int4 or fp4"));
    }
}
