package org.suanli.validation;

import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/**
 * Fits one end-to-end constant to the rows of its suites it acts on: the value in its interval that
 * minimises the mean squared relative error of those rows (least squares: the minimum of the mean absolute
 * error sits at a single row when rows disagree, and leaves the others' errors unbalanced), by golden-section
 * search (Kiefer 1953). This is how the
 * fitted constants in catalog/efficiency.yaml were obtained (docs/MODEL.md, "Calibration"); the validator
 * calls it again with each row left out for the held-out error.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /** The fitted value and the error of the rows it was fitted on. */
    public record Fit(Constant constant, double value, int rows, double mapePct, double maxErrorPct) {
    }

    /** Returns the search interval of a constant: a fraction for e2e, seconds for a host time. */
    static double[] interval(String name) {
        return name.equals("e2e") ? new double[] {0.3, 1.5} : new double[] {0, 1e-3};
    }

    /** One row of a suite. */
    record SuiteRow(ValidationSuite suite, ValidationRow row) {
    }

    /** Fits {@code constant} to all the rows of its suites it acts on. */
    public static Fit fit(Catalog catalog, Constant constant) {
        return fit(catalog, constant, row -> true);
    }

    /** Fits {@code constant} to the rows of its suites it acts on that {@code keep} accepts (leave-one-out passes all but one). */
    public static Fit fit(Catalog catalog, Constant constant, Predicate<ValidationRow> keep) {
        List<SuiteRow> rows = new java.util.ArrayList<>();
        for (String name : constant.suites()) {
            ValidationSuite suite = Validator.load(name);
            suite.rows().stream().filter(ValidationRow::expressible).filter(keep)
                    .filter(r -> Validator.actsOn(constant, suite, r, catalog)).forEach(r -> rows.add(new SuiteRow(suite, r)));
        }
        if (rows.isEmpty()) {
            throw new BadInputException("--suite " + String.join(", ", constant.suites()), "no row runs on " + constant.label(),
                    "expected suites with rows on that family and preset");
        }
        double[] range = interval(constant.name());
        double min = minimise(v -> error(catalog, constant, rows, v)[0], range[0], range[1]);
        double best = constant.name().equals("e2e") ? Math.round(min * 1000) / 1000.0 : Math.round(min * 1e7) / 1e7;
        double[] err = error(catalog, constant, rows, best);
        return new Fit(constant, best, rows.size(), err[1], err[2]);
    }

    /**
     * Returns the smallest minimiser of a unimodal {@code f} on [lo, hi], to 1e-4 of the interval: golden-section search
     * (Kiefer 1953), then, where the minimum is a flat stretch (a constant the rows do not depend on there, e.g. a host
     * time below every row's GPU time), its left end by bisection. Golden-section alone walks right across a flat
     * stretch, so a constant no remaining row determines would sit at the edge where it starts to matter, the most
     * pessimistic value the rows allow, rather than at the least one.
     */
    static double minimise(DoubleUnaryOperator f, double lo, double hi) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        double tolerance = (hi - lo) * 1e-4;
        while (b - a > tolerance) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        double best = (a + b) / 2;
        double fBest = f.applyAsDouble(best);
        double same = fBest + 1e-9 * Math.abs(fBest) + 1e-12;
        if (f.applyAsDouble(lo) <= same) {
            return lo;
        }
        double left = lo;
        double right = best;
        while (right - left > tolerance) {
            double mid = (left + right) / 2;
            if (f.applyAsDouble(mid) <= same) {
                right = mid;
            } else {
                left = mid;
            }
        }
        return right;
    }

    /** Returns {mean squared % error, MAPE, max |error|} of {@code rows} with the constant at {@code value}. */
    private static double[] error(Catalog catalog, Constant constant, List<SuiteRow> rows, double value) {
        double squares = 0;
        double sum = 0;
        double max = 0;
        for (SuiteRow sr : rows) {
            ValidationRow row = sr.row();
            double p = Validator.predict(sr.suite(), row, catalog, Optional.of(new Validator.Trial(constant, value))).value();
            double e = Math.abs((p - row.published()) / row.published() * 100);
            squares += e * e;
            sum += e;
            max = Math.max(max, e);
        }
        return new double[] {squares / rows.size(), sum / rows.size(), max};
    }
}
