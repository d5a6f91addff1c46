package org.suanli.inference;

import java.util.SplittableRandom;

/**
 * The requests a serving simulation sees: arrival times (Poisson, or gamma with a coefficient of
 * variation for burstier traffic) and input/output lengths (fixed, uniform, or lognormal with a given
 * mean and spread), all drawn from one seeded generator so a run is reproducible.
 */
public record RequestLoad(double ratePerS, double arrivalCv, Lengths input, Lengths output, long seed, java.util.List<double[]> trace) {

    /** A synthetic workload: arrivals and lengths drawn from distributions. */
    public RequestLoad(double ratePerS, double arrivalCv, Lengths input, Lengths output, long seed) {
        this(ratePerS, arrivalCv, input, output, seed, java.util.List.of());
    }

    /**
     * Checks that requests of {@code input} prompt and {@code output} generated tokens fit the model's context. The last
     * output token is never fed back, so a request occupies input + output - 1 positions.
     */
    public static void requireFits(org.suanli.workload.Model m, int input, int output) {
        if (input < 1 || output < 1) {
            throw new org.suanli.BadInputException("--input-len/--output-len", input + "/" + output, "expected at least 1 token each");
        }
        if ((long) input + output - 1 > m.maxSeqLen()) {
            throw new org.suanli.BadInputException("--input-len/--output-len", input + " + " + output + " - 1 positions exceed " + m.id()
                    + "'s max_seq_len " + m.maxSeqLen(), "expected a context the model supports");
        }
    }

    /**
     * An offline batch job (MLPerf's Offline scenario): every request is queued at time 0, so the run measures the
     * throughput of continuous batching with the queue never empty until the end.
     */
    public static RequestLoad offline(Lengths input, Lengths output, long seed) {
        return new RequestLoad(Double.POSITIVE_INFINITY, 1, input, output, seed);
    }

    /**
     * A recorded workload: rows of (arrival time s, input tokens, output tokens) in arrival order, replayed as
     * they are; the rate is the trace's own mean.
     */
    public static RequestLoad fromTrace(java.util.List<double[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the trace has no requests");
        }
        double span = Math.max(1e-9, rows.get(rows.size() - 1)[0] - rows.get(0)[0]);
        double meanIn = rows.stream().mapToDouble(r -> r[1]).average().orElse(1);
        double meanOut = rows.stream().mapToDouble(r -> r[2]).average().orElse(1);
        return new RequestLoad(rows.size() / span, 1, Lengths.fixed((int) Math.round(meanIn)), Lengths.fixed((int) Math.round(meanOut)),
                0, rows instanceof TraceFile.Rows compact ? compact : java.util.List.copyOf(rows));
    }

    /** Returns true when requests are replayed from a trace. */
    public boolean replay() {
        return !trace.isEmpty();
    }

    /** A length distribution: fixed (spread 0), uniform on [lo, hi], or lognormal with a mean and a sigma. */
    public record Lengths(String kind, double a, double b) {
        public static Lengths fixed(int n) {
            return new Lengths("fixed", n, n);
        }

        public static Lengths uniform(int lo, int hi) {
            return new Lengths("uniform", lo, hi);
        }

        /** Lognormal with mean {@code mean} tokens and log-space standard deviation {@code sigma}. */
        public static Lengths lognormal(double mean, double sigma) {
            return new Lengths("lognormal", mean, sigma);
        }

        int draw(SplittableRandom rnd) {
            double v = switch (kind) {
                case "fixed" -> a;
                case "uniform" -> a + Math.floor(rnd.nextDouble() * (b - a + 1));
                default -> {
                    // mean of a lognormal is exp(mu + sigma^2 / 2)
                    double mu = Math.log(a) - b * b / 2;
                    yield Math.exp(mu + b * gaussian(rnd));
                }
            };
            return (int) Math.max(1, Math.round(v));
        }

        /**
         * Returns the distribution named {@code kind} with mean {@code mean}: fixed; uniform on 0.5x-1.5x the
         * mean; lognormal with log-space sigma 0.5 (a spread typical of chat and summarisation traces).
         */
        public static Lengths parse(String kind, int mean) {
            return switch (kind) {
                case "fixed" -> fixed(mean);
                case "uniform" -> uniform(Math.max(1, mean / 2), mean * 3 / 2);
                case "lognormal" -> lognormal(mean, 0.5);
                default -> throw new org.suanli.BadInputException("--lengths", "'" + kind + "' is not a length distribution",
                        "expected fixed, uniform or lognormal");
            };
        }

        /** Returns the mean length, tokens. */
        public double mean() {
            return kind.equals("uniform") ? (a + b) / 2 : a;
        }
    }

    public RequestLoad {
        trace = trace == null ? java.util.List.of() : trace;
        if (!(ratePerS > 0) || !(arrivalCv > 0)) {
            throw new IllegalArgumentException("rate and coefficient of variation must be positive");
        }
    }

    /** Returns the next inter-arrival gap, seconds: exponential (cv 1) or gamma with shape 1/cv². */
    double gap(SplittableRandom rnd) {
        if (Double.isInfinite(ratePerS)) {
            return 0;
        }
        double mean = 1 / ratePerS;
        if (Math.abs(arrivalCv - 1) < 1e-12) {
            return -Math.log(1 - rnd.nextDouble()) * mean;
        }
        double shape = 1 / (arrivalCv * arrivalCv);
        return gamma(rnd, shape) * mean / shape;
    }

    static double gaussian(SplittableRandom rnd) {
        // Box-Muller
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
    static double gamma(SplittableRandom rnd, double shape) {
        if (shape < 1) {
            return gamma(rnd, shape + 1) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(rnd);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
