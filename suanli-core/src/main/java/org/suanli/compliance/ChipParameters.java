package org.suanli.compliance;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;

/**
 * The inputs of the 3A090 tests for one chip, derived from catalog figures (export_control.md §2):
 * TPP = published dense peak x bit length, maximised over precisions; PD = TPP / die area; I/O =
 * bidirectional scale-up plus host-interface bandwidth. An input that cannot be derived is empty.
 *
 * @param ioIsLowerBound true when the host interface is unknown, so {@code ioGbPerS} counts scale-up only
 */
public record ChipParameters(OptionalDouble tpp, Optional<Precision> tppPrecision, OptionalDouble performanceDensity,
                             OptionalDouble ioGbPerS, boolean ioIsLowerBound, OptionalDouble dramGbPerS) {

    /** On equal TPP the first of these is shown (most parts tie across their tensor formats). */
    private static final List<Precision> TIE_ORDER = List.of(Precision.BF16, Precision.FP16, Precision.FP8, Precision.INT8,
            Precision.FP6, Precision.FP4, Precision.INT4, Precision.TF32, Precision.FP32, Precision.INT16, Precision.FP64);

    /** Computes the parameters of an accelerator from its catalog entry. */
    public static ChipParameters of(Accelerator a) {
        double best = -1;
        Precision bestPrecision = null;
        for (Precision precision : TIE_ORDER) {
            Double rate = a.peakOpsPerS().get(precision);
            if (rate == null) {
                continue;
            }
            // 3A090 Technical Note: TPP = 2 x MacTOPS x bit length = published TOPS x bit length
            double tpp = rate / 1e12 * precision.bits();
            if (tpp > best * (1 + 1e-9)) {
                best = tpp;
                bestPrecision = precision;
            }
        }
        OptionalDouble tpp = best < 0 ? OptionalDouble.empty() : OptionalDouble.of(best);
        OptionalDouble pd = tpp.isPresent() && a.dieAreaMm2().isPresent()
                ? OptionalDouble.of(best / a.dieAreaMm2().getAsDouble()) : OptionalDouble.empty();
        double scaleUp = a.scaleUp().map(l -> l.bidirectionalBytesPerS() / 1e9).orElse(0.0);
        OptionalDouble io;
        boolean lower = false;
        if (a.hostInterface().isPresent()) {
            io = OptionalDouble.of(scaleUp + a.hostInterface().get().bidirectionalBytesPerS() / 1e9);
        } else if (a.scaleUp().isPresent()) {
            io = OptionalDouble.of(scaleUp);
            lower = true;
        } else {
            io = OptionalDouble.empty();
        }
        OptionalDouble dram = a.memory().bandwidthBytesPerS().isPresent()
                ? OptionalDouble.of(a.memory().bandwidthBytesPerS().getAsDouble() / 1e9) : OptionalDouble.empty();
        return new ChipParameters(tpp, Optional.ofNullable(bestPrecision), pd, io, lower, dram);
    }
}
