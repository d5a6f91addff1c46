package org.suanli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

class MonteCarloTest {
    /** Llama 3 405B on 16,384 H100 in 2,048 servers of two CPUs, at the default storage and restart assumptions. */
    private static final Goodput LLAMA3 = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096,
            Checkpoint.bytes(Catalog.builtIn().model("llama3-405b")), Goodput.DEFAULT_STORAGE_BYTES_PER_S_PER_SERVER,
            Goodput.DEFAULT_RESTART_S, "");

    @Test
    void theSameSeedDrawsTheSameSpread() {
        assertEquals(MonteCarlo.run(LLAMA3, 54, 200, 7), MonteCarlo.run(LLAMA3, 54, 200, 7));
    }

    @Test
    void anotherSeedDrawsAnotherSpread() {
        assertTrue(MonteCarlo.run(LLAMA3, 54, 200, 7).meanDays() != MonteCarlo.run(LLAMA3, 54, 200, 8).meanDays());
    }

    /**
     * The mean of the runs is Daly's complete-model expectation, ideal days / goodput, within sampling error: four
     * standard errors, the standard error taken from the runs' own spread ((p90 − p10) / 2.563 estimates a normal σ).
     */
    @Test
    void meanAgreesWithTheAnalyticExpectedDaysWithinSamplingError() {
        MonteCarlo.Spread s = MonteCarlo.run(LLAMA3, 54, 4000, 1);
        double sigma = (s.p90Days() - s.p10Days()) / 2.563;
        double standardError = sigma / Math.sqrt(s.runs());
        assertEquals(LLAMA3.expectedDays(54), s.meanDays(), 4 * standardError,
                "mean " + s.meanDays() + " vs analytic " + LLAMA3.expectedDays(54) + ", standard error " + standardError);
    }

    @Test
    void runsSeeTheJobsInterruptionRate() {
        // 419 interruptions in 54 days on the full 16,384 GPUs; a run lasts the expected days, not the ideal 54
        MonteCarlo.Spread s = MonteCarlo.run(LLAMA3, 54, 1000, 1);
        double expected = 419 / 54.0 * LLAMA3.expectedDays(54);
        assertEquals(expected, s.meanInterruptions(), 0.02 * expected);
    }

    @Test
    void percentilesAreOrdered() {
        MonteCarlo.Spread s = MonteCarlo.run(LLAMA3, 54, 1000, 3);
        assertTrue(s.p10Days() <= s.p50Days() && s.p50Days() <= s.p90Days(), s.toString());
        assertTrue(s.p10Days() > 54, "every run is slower than the ideal 54 days: " + s);
    }

    @Test
    void aJobThatNeverFailsTakesExactlyItsIdealDays() {
        FailureRates none = new FailureRates("none", List.of(new FailureRates.Cause("nothing", "GPU", 0, FailureRates.Per.GPU)),
                1, 1, 1);
        Goodput g = Goodput.of(none, 16_384, 2048, 4096, 5.7e12, 1e9, 600, "");
        MonteCarlo.Spread s = MonteCarlo.run(g, 54, 100, 1);
        assertEquals(1, g.goodput());
        assertEquals(List.of(54.0, 54.0, 54.0, 54.0, 0.0),
                List.of(s.p10Days(), s.p50Days(), s.p90Days(), s.meanDays(), s.meanInterruptions()));
    }

    @Test
    void aThousandRunsOfTheLlama3JobTakeWellUnderASecond() {
        MonteCarlo.run(LLAMA3, 54, 1000, 99);   // warm-up
        long t0 = System.nanoTime();
        MonteCarlo.run(LLAMA3, 54, 1000, 1);
        assertTrue(System.nanoTime() - t0 < 500_000_000L, "took " + (System.nanoTime() - t0) / 1e6 + " ms");
    }

    @Test
    void noRunsIsRefused() {
        assertThrows(BadInputException.class, () -> MonteCarlo.run(LLAMA3, 54, 0, 1));
    }

    @Test
    void runsAboveTheCeilingAreRefused() {
        assertThrows(BadInputException.class, () -> MonteCarlo.run(LLAMA3, 54, MonteCarlo.MAX_RUNS + 1, 1));
    }

    @Test
    void aJobExpectedToDrawTooManyInterruptionsIsRefused() {
        // a century of ideal work at ~8 interruptions a day is ~300,000 per run; 100,000 runs draw ~3e10
        assertThrows(BadInputException.class, () -> MonteCarlo.run(LLAMA3, 36_525, MonteCarlo.MAX_RUNS, 1));
    }
}
