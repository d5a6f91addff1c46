package org.suanli.input;

import java.util.Locale;
import org.suanli.BadInputException;

/**
 * Range checks for numeric inputs, run before any work starts, and the documented ceilings they
 * enforce; shared by the CLI and the HTTP API. Each failure names the option, the value and the
 * accepted range.
 */
public final class Check {
    /** Most GPUs (or accelerators) one command models: ten times the largest cluster announced by 2025. */
    public static final long MAX_GPUS = 1_000_000;
    /** Most servers one command models. */
    public static final long MAX_SERVERS = 1_000_000;
    /** Longest period, days: a century. */
    public static final double MAX_DAYS = 36_525;
    /** Highest request rate, per second. */
    public static final double MAX_RATE = 1_000_000;
    /** Longest latency target, seconds: a day. */
    public static final double MAX_SLO_S = 86_400;
    /** Longest prompt or output, tokens (a model's own context limit is checked after). */
    public static final long MAX_TOKENS = 16_777_216;
    /** Default ceiling of simulated requests (--max-requests). */
    public static final int DEFAULT_MAX_REQUESTS = 1_000_000;
    /** Default ceiling of serving-trace rows (--max-trace-rows). */
    public static final long DEFAULT_MAX_TRACE_ROWS = 1_000_000;

    private Check() {
    }

    /** Returns {@code v} when it is a whole number in [min, max]. */
    public static long count(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw new BadInputException(option, v + " is out of range", "expected a whole number from " + num(min) + " to " + num(max));
        }
        return v;
    }

    /** Returns {@code v} when it is finite and in (0, max]. */
    public static double positive(String option, double v, double max) {
        if (!Double.isFinite(v) || !(v > 0) || v > max) {
            throw new BadInputException(option, text(v) + " is out of range", "expected a finite number above 0 and at most " + num(max));
        }
        return v;
    }

    /** Returns {@code v} when it is finite and in [min, max]. */
    public static double between(String option, double v, double min, double max) {
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new BadInputException(option, text(v) + " is out of range", "expected a finite number from " + num(min) + " to " + num(max));
        }
        return v;
    }

    /** Returns {@code v} when it is finite and in (min, max]. */
    public static double above(String option, double v, double min, double max) {
        if (!Double.isFinite(v) || !(v > min) || v > max) {
            throw new BadInputException(option, text(v) + " is out of range", "expected a finite number above " + num(min) + " and at most " + num(max));
        }
        return v;
    }

    /** Null-tolerant forms for optional options. */
    public static void count(String option, Integer v, long min, long max) {
        if (v != null) {
            count(option, (long) v, min, max);
        }
    }

    public static void positive(String option, Double v, double max) {
        if (v != null) {
            positive(option, (double) v, max);
        }
    }

    public static void between(String option, Double v, double min, double max) {
        if (v != null) {
            between(option, (double) v, min, max);
        }
    }

    public static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String text(double v) {
        return Double.isNaN(v) ? "NaN" : v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
