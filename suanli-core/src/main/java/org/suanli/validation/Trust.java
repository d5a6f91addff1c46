package org.suanli.validation;

import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.hardware.Accelerator;
import org.suanli.perf.Efficiency;

/**
 * Says how far a prediction can be trusted, from the validated envelope ({@link Envelope}) and what the catalog
 * knows of the part's family: validated (the family and the software preset, as published, were validated
 * together), measured (the family's kernels are measured) or assumed (no microbenchmarks, or a user's own
 * efficiencies). Training jobs are judged by their framework preset, serving by their runtime.
 */
public final class Trust {
    /** Rows a (family, preset) pair needs before its held-out error can stand for it. */
    static final int MIN_ROWS = 3;

    private Trust() {
    }

    /** Returns the confidence of a training job on {@code a} with framework preset {@code preset}. */
    public static Confidence training(Catalog catalog, Accelerator a, String preset, boolean presetAsPublished) {
        return of(Envelope.builtIn(), catalog, "training", a, preset, presetAsPublished);
    }

    /** Returns the confidence of serving on {@code a} with runtime {@code runtime}. */
    public static Confidence inference(Catalog catalog, Accelerator a, String runtime) {
        return of(Envelope.builtIn(), catalog, "inference", a, runtime, true);
    }

    static Confidence of(Envelope env, Catalog catalog, String kind, Accelerator a, String preset, boolean presetAsPublished) {
        Efficiency family = a.efficiency();
        double measuredBand = env.measuredBandPct(kind);
        if (!builtIn(catalog, Kind.EFFICIENCY, family.id())) {
            double b = measuredBand * 2;
            return new Confidence(Confidence.Level.ASSUMED, Math.min(90, b), b, "efficiencies of family " + family.id()
                    + " come from a user file, not from the built-in measurements");
        }
        if (!family.measured()) {
            double r = spread(catalog, family.kind());
            double low = 100 * (1 - (1 - measuredBand / 100) / r);
            return new Confidence(Confidence.Level.ASSUMED, Math.min(90, low), measuredBand, "no microbenchmarks of " + family.id()
                    + ": its figures are the lowest measured among " + family.kind() + " families, which differ up to "
                    + String.format(java.util.Locale.ROOT, "%.1fx", r) + " in GEMM efficiency");
        }
        boolean userPart = !builtIn(catalog, Kind.ACCELERATOR, a.id());
        var pair = env.pair(kind, family.id(), preset);
        if (pair.isPresent() && pair.get().rows() >= MIN_ROWS && presetAsPublished && !userPart) {
            var p = pair.get();
            double band = Math.max(p.heldOutMaxPct(), p.heldOutMapePct());
            return new Confidence(Confidence.Level.VALIDATED, Math.min(90, band), band, preset + " on " + family.id() + ", "
                    + p.rows() + " held-out rows of " + String.join(" + ", p.suites()));
        }
        String why = userPart ? "a user's part on the measured family " + family.id()
                : !presetAsPublished && pair.isPresent() ? preset + " with changed features on " + family.id()
                : pair.isPresent() ? family.id() + " kernels measured, " + preset + " validated on only " + pair.get().rows() + " row(s)"
                : family.id() + " kernels measured, " + preset + " not validated on it";
        return new Confidence(Confidence.Level.MEASURED, Math.min(90, measuredBand), measuredBand, why
                + " (band: 90% of validation rows predicted without their own fitted constant)");
    }

    private static boolean builtIn(Catalog catalog, Kind kind, String id) {
        return catalog.origin(kind, id).startsWith("catalog/");
    }

    /** Returns the ratio of the best to the lowest measured GEMM fraction among families of {@code kind} (1 if none). */
    private static double spread(Catalog catalog, String kind) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Object o : catalog.all(Kind.EFFICIENCY)) {
            Efficiency e = (Efficiency) o;
            if (e.measured() && e.kind().equals(kind)) {
                lo = Math.min(lo, e.gemm());
                hi = Math.max(hi, e.gemm());
            }
        }
        return hi == 0 ? 1 : hi / lo;
    }
}
