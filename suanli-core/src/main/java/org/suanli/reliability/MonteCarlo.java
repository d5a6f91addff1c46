package org.suanli.reliability;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.suanli.BadInputException;

/**
 * Draws the failures of whole training runs and reports the spread of their wall-clock days, where {@link Goodput} gives
 * only the mean. Each run trains {@code idealDays} of failure-free work in segments of {@code τ} compute seconds, each
 * followed by a checkpoint write of {@code δ}; interruptions arrive as a Poisson process at the job's summed component
 * rate ({@link FailureRates#perJobHour}), at any time, so exponential gaps of mean {@code M}; each one loses the work
 * since the last completed checkpoint and pays the restart and restore {@code R}, which a further interruption may cut
 * short and start again. This is the process of Daly's complete model, so the mean of many runs tends to
 * {@link Goodput#expectedDays}.
 *
 * <p>Each gap between interruptions is resolved in closed form (whole segments completed = floor(gap / (τ+δ))), so a run
 * costs one random draw per interruption, not one event per checkpoint: a 54-day Llama 3 405B run has about 420
 * interruptions but 19,000 checkpoints. The event engine ({@code org.suanli.sim}) schedules tasks that run to
 * completion and has no way to cut one short, which is all a failure does; hence a direct draw.
 */
public final class MonteCarlo {
    /** Most runs one call draws. */
    public static final int MAX_RUNS = 100_000;
    /** Most interruptions one call may expect to draw in all its runs (about a few seconds of work). */
    public static final double MAX_DRAWS = 100_000_000;

    private MonteCarlo() {
    }

    /**
     * The spread of wall-clock days over the runs: 10th, 50th and 90th percentiles (nearest rank: the value at position
     * {@code ⌈p·runs⌉} of the sorted days), the mean, and the mean number of interruptions per run.
     */
    public record Spread(int runs, long seed, double p10Days, double p50Days, double p90Days, double meanDays,
                         double meanInterruptions) {
    }

    /**
     * Returns the spread of {@code runs} runs of {@code idealDays} failure-free days at {@code g}'s failure rate,
     * checkpoint interval, write and restart times, drawn from {@code seed} (the same seed gives the same spread).
     * Refuses a run count outside 1 to {@link #MAX_RUNS} and a job expected to draw more than {@link #MAX_DRAWS}
     * interruptions in all.
     */
    public static Spread run(Goodput g, double idealDays, int runs, long seed) {
        if (runs < 1 || runs > MAX_RUNS) {
            throw new BadInputException("monte carlo runs " + runs, "out of range", String.format(Locale.ROOT,
                    "expected a whole number from 1 to %,d", MAX_RUNS));
        }
        if (!(idealDays > 0) || Double.isInfinite(idealDays)) {
            throw new IllegalArgumentException("ideal days must be finite and above 0, was " + idealDays);
        }
        double draws = runs * (g.expectedDays(idealDays) * 86_400 / g.mtbfS() + 1);
        if (draws > MAX_DRAWS) {
            throw new BadInputException("monte carlo runs " + runs, String.format(Locale.ROOT, "would draw about %,.0f interruptions, "
                    + "over the ceiling of %,.0f", draws, MAX_DRAWS), "expected fewer runs");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double work = idealDays * 86_400;
        double rate = 1 / g.mtbfS();
        double[] days = new double[runs];
        long interruptions = 0;
        double sum = 0;
        for (int i = 0; i < runs; i++) {
            Run r = one(work, g.intervalS(), g.writeS(), g.restartS() + g.restoreS(), rate, random);
            days[i] = r.wallS() / 86_400;
            sum += days[i];
            interruptions += r.interruptions();
        }
        Arrays.sort(days);
        return new Spread(runs, seed, rank(days, 0.10), rank(days, 0.50), rank(days, 0.90), sum / runs,
                (double) interruptions / runs);
    }

    private record Run(double wallS, long interruptions) {
    }

    /** One run: compute segments of {@code interval} then a write, until {@code work} compute seconds are checkpointed. */
    private static Run one(double work, double interval, double write, double restart, double rate, SplittableRandom random) {
        double left = work;
        double wall = 0;
        long interruptions = 0;
        double segment = interval + write;
        while (true) {
            // a write after every τ of work, the last one after the remainder; none when failures never come (τ infinite)
            double writes = Double.isInfinite(interval) ? 0 : Math.ceil(left / interval);
            double untilDone = left + writes * write;
            double gap = exponential(rate, random);
            if (gap >= untilDone) {
                return new Run(wall + untilDone, interruptions);
            }
            wall += gap;
            interruptions++;
            left -= Math.floor(gap / segment) * interval;
            // restart and restore; an interruption meanwhile starts them again
            while (true) {
                double next = exponential(rate, random);
                if (next >= restart) {
                    wall += restart;
                    break;
                }
                wall += next;
                interruptions++;
            }
        }
    }

    /** An exponential draw of mean {@code 1/rate} by inversion; infinite when the rate is zero. */
    private static double exponential(double rate, SplittableRandom random) {
        return rate > 0 ? -Math.log(1 - random.nextDouble()) / rate : Double.POSITIVE_INFINITY;
    }

    private static double rank(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
