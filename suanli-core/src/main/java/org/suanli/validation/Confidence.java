package org.suanli.validation;

import java.util.Locale;

/**
 * How far a prediction can be trusted (issue 10): {@code validated} when its hardware family and software preset
 * sit inside the validated envelope (the band is the worst held-out error of those validation rows),
 * {@code measured} when the family's kernels are measured but the pair is not validated end to end (the band
 * is what validation rows showed without their own fitted constant), {@code assumed} when the family has no
 * microbenchmarks (the band widens by how far measured families of its kind differ). Bands are relative to a
 * time: the true step or token time lies within [1 - low, 1 + high] of the prediction.
 *
 * @param lowPct how much shorter the true time may be, percent
 * @param highPct how much longer the true time may be, percent
 * @param basis one line saying what the level rests on
 */
public record Confidence(Level level, double lowPct, double highPct, String basis) {

    /** The three levels of trust, best first. */
    public enum Level {
        VALIDATED, MEASURED, ASSUMED;

        /** Returns the level's name as the contracts write it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Confidence {
        if (!(lowPct >= 0 && lowPct < 100 && highPct >= 0)) {
            throw new IllegalArgumentException("a confidence band needs 0 <= low < 100 and high >= 0");
        }
    }

    /** Returns [low, high] of a time-like figure (a step time, a latency, a duration, a cost). */
    public double[] rangeOfTime(double value) {
        return new double[] {value * (1 - lowPct / 100), value * (1 + highPct / 100)};
    }

    /** Returns [low, high] of a rate-like figure (tokens/s, TFLOP/s, MFU): the reciprocal band. */
    public double[] rangeOfRate(double value) {
        return new double[] {value / (1 + highPct / 100), value / (1 - lowPct / 100)};
    }

    /** Returns the band in words, e.g. "±6%" or "-30%/+8%". */
    public String band() {
        long lo = Math.round(lowPct);
        long hi = Math.round(highPct);
        return lo == hi ? "±" + hi + "%" : "-" + lo + "%/+" + hi + "%";
    }

    /** Returns e.g. "±6%, validated: nemo-24.07 on nvidia-hopper (6 rows)". */
    public String describe() {
        return band() + ", " + level.key() + ": " + basis;
    }
}
