package org.suanli.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.perf.Efficiency;

/**
 * One AI accelerator (GPU, ASIC, FPGA or NPU) as its vendor publishes it: dense peak rates per
 * precision, memory, scale-up and host links, power and die. A figure that is not published is
 * empty, never zero.
 *
 * @param peakOpsPerS dense (no 2:4 sparsity) peak rate per precision, operations per second
 * @param dieAreaMm2 total area of the logic dies, mm² (3A090's "applicable die area")
 * @param dataCenter designed or marketed for data centres (3A090 Note 2)
 * @param computeUnits streaming multiprocessors / compute units / cores, where published
 * @param efficiency the calibrated efficiencies of the part's hardware family
 */
public record Accelerator(String id, String name, String vendor, String country, AcceleratorType type,
                          Optional<String> architecture, Optional<String> process, OptionalInt launchYear,
                          OptionalDouble dieAreaMm2, boolean dataCenter, Map<Precision, Double> peakOpsPerS,
                          Memory memory, OptionalDouble cacheBytes, Optional<Link> scaleUp,
                          Optional<Link> hostInterface, OptionalDouble tdpW, OptionalDouble tdpMinW,
                          OptionalInt computeUnits, Efficiency efficiency, String source, String notes) {

    public Accelerator {
        EnumMap<Precision, Double> copy = new EnumMap<>(Precision.class);
        copy.putAll(peakOpsPerS);
        peakOpsPerS = Collections.unmodifiableMap(copy);
    }

    /** Returns the dense peak rate in {@code precision}, ops/s, or empty if not published. */
    public OptionalDouble peak(Precision precision) {
        Double v = peakOpsPerS.get(precision);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Returns this part with another family's efficiencies (calibration trials). */
    public Accelerator withEfficiency(Efficiency e) {
        return new Accelerator(id, name, vendor, country, type, architecture, process, launchYear, dieAreaMm2, dataCenter, peakOpsPerS,
                memory, cacheBytes, scaleUp, hostInterface, tdpW, tdpMinW, computeUnits, e, source, notes);
    }

    /**
     * Returns the figures a performance model needs that the vendor does not publish (16-bit dense peak, memory
     * capacity, memory bandwidth), comma-separated, or empty when all are published: such a part cannot be
     * simulated until a user catalog states them with a source, and nothing fills them in silently.
     */
    public Optional<String> unpublishedForPerformance() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (peak16().isEmpty()) {
            missing.add("16-bit dense peak");
        }
        if (memory.capacityBytes().isEmpty()) {
            missing.add("memory capacity");
        }
        if (memory.bandwidthBytesPerS().isEmpty()) {
            missing.add("memory bandwidth");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    /** Returns the best published 16-bit matrix rate (bf16, else fp16), ops/s. */
    public OptionalDouble peak16() {
        OptionalDouble bf16 = peak(Precision.BF16);
        return bf16.isPresent() ? bf16 : peak(Precision.FP16);
    }
}
