package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one training step costs: time by cause, throughput, FLOP rates, memory per GPU and whether it
 * fits, and with a token budget the time to train. Rates without {@code PerGpu} are for all GPUs.
 *
 * @param breakdown seconds per step by cause: compute, recompute, tp_comm, cp_comm, pp_bubble, pp_comm,
 *     dp_comm, ep_comm, optimizer, other; they add up to the step time
 * @param memoryBreakdown bytes per GPU on the most loaded pipeline stage: weights, gradients,
 *     optimizer, activations, logits, buffers, reserve (and gathered_weights under ZeRO-3)
 * @param hostMemoryBreakdown host memory per server that offload uses, bytes by what (optimizer, activations); empty
 *     without offload
 */
public record TrainingResult(double stepTimeS, double tokensPerS, double tokensPerSPerGpu, double modelTflopsPerGpu,
                             double hardwareTflopsPerGpu, double mfu, double hfu, double memoryPerGpuBytes,
                             double memoryCapacityBytes, boolean fits, Map<String, Double> breakdown,
                             Map<String, Double> memoryBreakdown, OptionalDouble timeToTrainDays, OptionalDouble gpuHours,
                             int gpus, int microBatches, double bubbleFraction,
                             Map<String, Double> hostMemoryBreakdown) {

    public TrainingResult {
        breakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
        memoryBreakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(memoryBreakdown));
        hostMemoryBreakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hostMemoryBreakdown));
    }

    /** Returns how far memory exceeds capacity (positive) or the headroom (negative), bytes. */
    public double memoryShortfallBytes() {
        return memoryPerGpuBytes - memoryCapacityBytes;
    }
}
