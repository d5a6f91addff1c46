package org.suanli.market;

import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * Compound annual growth rate, the standard definition: the constant yearly rate r that takes v0 to
 * v1 in n years, v1 = v0 (1 + r)^n, so r = (v1 / v0)^(1/n) - 1. Rates here are fractions
 * (0.173 = 17.3% a year); callers convert to % at their edge.
 */
public final class Cagr {
    private Cagr() {
    }

    /** Returns the CAGR as a fraction per year, (v1 / v0)^(1 / years) - 1; both values must be positive. */
    public static double between(double v0, double v1, double years) {
        positive("start value", v0);
        positive("end value", v1);
        if (!(years > 0) || Double.isInfinite(years)) {
            throw new BadInputException("cagr over " + years + " years", "the span is not positive", "expected an end after the start");
        }
        return Math.pow(v1 / v0, 1.0 / years) - 1;
    }

    /** Returns v0 grown at {@code rate} (a fraction per year) for {@code years}: v0 (1 + rate)^years. */
    public static double compound(double v0, double rate, double years) {
        positive("start value", v0);
        if (!(rate > -1) || Double.isInfinite(rate)) {
            throw new BadInputException("cagr " + Units.num(rate * 100) + "%", "a rate of -100% or less is impossible", "expected a CAGR above -100%");
        }
        return v0 * Math.pow(1 + rate, years);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new BadInputException("cagr " + what, what + " " + Units.num(v) + " is not positive",
                    "expected positive values at both ends (a CAGR needs a ratio of two amounts)");
        }
    }
}
