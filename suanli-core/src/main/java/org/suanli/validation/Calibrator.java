package org.suanli.validation;

import java.util.List;
import java.util.Locale;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import org.suanli.catalog.Kind;
import org.suanli.catalog.TreeReader;
import org.suanli.perf.Efficiency;

/**
 * Fits one efficiency constant of one hardware family to a whole validation suite: the value in
 * [lo, hi] that minimises the suite's MAPE, by golden-section search (Kiefer 1953). This is how
 * the calibrated constants in catalog/efficiency.yaml were obtained (docs/MODEL.md, "Calibration");
 * it never fits a row on its own.
 */
public final class Calibrator {
    /** The constants that may be fitted. */
    public static final List<String> CONSTANTS = List.of("gemm", "gemm_fp8", "memory", "attention", "scale_up_collective",
            "scale_out_collective");

    private Calibrator() {
    }

    /** The fitted value and the suite's MAPE with it. */
    public record Fit(String family, String constant, double value, double mapePct, double maxErrorPct) {
    }

    /** Returns the value of {@code constant} for {@code family} that minimises the suite's MAPE. */
    public static Fit fit(ValidationSuite suite, String family, String constant, double lo, double hi) {
        if (!CONSTANTS.contains(constant)) {
            throw new BadInputException("--constant " + constant, "cannot be fitted", "expected one of " + String.join(", ", CONSTANTS));
        }
        Efficiency base = (Efficiency) Catalog.builtIn().get(Kind.EFFICIENCY, family);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = mape(suite, base, constant, c);
        double fd = mape(suite, base, constant, d);
        while (b - a > 1e-4) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = mape(suite, base, constant, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = mape(suite, base, constant, d);
            }
        }
        double best = Math.round((a + b) / 2 * 1000) / 1000.0;
        Validator.Report r = Validator.run(suite, with(base, constant, best));
        return new Fit(family, constant, best, r.mapePct(), r.maxErrorPct());
    }

    private static double mape(ValidationSuite suite, Efficiency base, String constant, double value) {
        return Validator.run(suite, with(base, constant, value)).mapePct();
    }

    /** Returns the built-in catalog with one constant of one family replaced. */
    static Catalog with(Efficiency e, String constant, double value) {
        String yaml = String.format(Locale.ROOT, """
                efficiencies:
                  - {id: %s, name: "%s", gemm: %s, gemm_fp8: %s, gemm_half_dim: %s, memory: %s, attention: %s,
                     scale_up_collective: %s, scale_out_collective: %s, kernel_overhead: "%s s", scale_up_latency: "%s s",
                     scale_out_latency: "%s s", calibrated: %s, source: "calibration trial"}
                """, e.id(), e.name(), v(constant, "gemm", value, e.gemm()), v(constant, "gemm_fp8", value, e.gemmFp8()),
                e.gemmHalfDim() == 0 ? "1e-9" : e.gemmHalfDim(), v(constant, "memory", value, e.memory()),
                v(constant, "attention", value, e.attention()), v(constant, "scale_up_collective", value, e.scaleUpCollective()),
                v(constant, "scale_out_collective", value, e.scaleOutCollective()), e.kernelOverheadS(), e.scaleUpLatencyS(),
                e.scaleOutLatencyS(), e.calibrated());
        return CatalogLoader.loadWith(List.of(TreeReader.read("calibration", yaml, false)));
    }

    private static double v(String constant, String name, double value, double current) {
        return constant.equals(name) ? value : current;
    }
}
