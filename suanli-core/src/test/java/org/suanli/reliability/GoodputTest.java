package org.suanli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

class GoodputTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void youngIntervalIsTheSquareRootOfTwiceWriteTimesMtbf() {
        // δ = 50 s, M = 10,000 s: sqrt(2 · 50 · 10,000) = sqrt(1,000,000) = 1,000 s
        assertEquals(1000, Goodput.youngInterval(50, 10_000), 1e-9);
    }

    @Test
    void dalyCorrectsYoungWithHigherOrderTerms() {
        // δ/2M = 50/20,000 = 0.0025, its root 0.05: 1,000 · (1 + 0.05/3 + 0.0025/9) − 50 = 1,016.944 − 50 = 966.944 s
        assertEquals(966.944, Goodput.dalyInterval(50, 10_000), 1e-3);
    }

    @Test
    void dalyIntervalIsTheMtbfWhenAWriteTakesTwiceAsLong() {
        assertEquals(100, Goodput.dalyInterval(200, 100), 1e-9);
    }

    @Test
    void goodputPaysWritesLostHalfSegmentsAndRestarts() {
        // τ = 950, δ = 50: segment 1,000 s trains 95%; an interruption every 10,000 s loses 500 + 450 s:
        // 0.95 · (1 − 950/10,000) = 0.95 · 0.905 = 0.85975
        assertEquals(0.85975, Goodput.goodput(950, 50, 450, 10_000), 1e-12);
    }

    @Test
    void dalysCompleteModelPaysFailuresDuringRestartsToo() {
        // τ = 950, δ = 50, R = 450, M = 10,000: a segment takes 10,000 · e^0.045 · (e^0.1 − 1) = 1,100.117 s on average,
        // so G = 950 / 1,100.117 = 0.863544 (above the first-order 0.85975, which expands e^x to 1 + x)
        assertEquals(0.863544, Goodput.dalyGoodput(950, 50, 450, 10_000), 1e-6);
    }

    @Test
    void goodputFallsAsTheJobGrows() {
        double ckpt = 1e12;
        Goodput small = Goodput.of(FailureRates.LLAMA3_405B, 1024, 128, 256, ckpt, 1e9, 600, "");
        Goodput large = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, ckpt, 1e9, 600, "");
        assertTrue(large.goodput() < small.goodput(), large.goodput() + " vs " + small.goodput());
    }

    @Test
    void goodputRisesWithFasterStorage() {
        double ckpt = 5e12;
        Goodput slow = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, ckpt, 0.1e9, 600, "");
        Goodput fast = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, ckpt, 10e9, 600, "");
        assertTrue(fast.goodput() > slow.goodput(), fast.goodput() + " vs " + slow.goodput());
    }

    @Test
    void expectedDaysAreIdealDaysOverGoodput() {
        Goodput g = new Goodput(0.8, 0, 1, 1, 1, 1, 0, 1, 1, "");
        assertEquals(50, g.expectedDays(40), 1e-12);
    }

    @Test
    void aJobThatFailsFasterThanItCanRestartIsRefused() {
        // 16,384 GPUs fail every ~11,135 s; a 4-hour (14,400 s) restart leaves nothing
        assertThrows(BadInputException.class, () -> Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, 1e12, 1e9, 4 * 3600, ""));
    }

    /**
     * The row: Llama 3 405B on 16,384 H100 (2,048 servers). The Llama 3 paper reports effective training time
     * higher than 90%. Defaults, chosen from sources before this test: rates from its Table 5, 14 bytes per parameter,
     * 1 GB/s per server (assumed, about Tectonic's 2 TB/s over 2,048 servers), 10 min restart (assumed). By hand:
     * 405.9 G params · 14 = 5.68 TB, written at 2,048 GB/s in 2.77 s; M = 3,600 / (16,384 · 1.973e-5) = 11,135 s;
     * τ ≈ 247 s; first order G ≈ 247/249.6 · (1 − (124.8 + 602.8)/11,135) ≈ 0.924, Daly's complete model
     * 247 / (11,135 · e^(602.8/11,135) · (e^(249.5/11,135) − 1)) ≈ 0.926. Goodput does not depend on the step time; the
     * step time only sets the ideal days (the layout's vpp 4 is refused today: 126 layers on 16 × 4 chunks).
     */
    @Test
    void llama3On16kH100IsWithinThePapersEffectiveTrainingTime() {
        double ckpt = Checkpoint.bytes(C.model("llama3-405b"));
        Goodput g = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, ckpt, Goodput.DEFAULT_STORAGE_BYTES_PER_S_PER_SERVER,
                Goodput.DEFAULT_RESTART_S, Goodput.STORAGE_BASIS);
        assertTrue(g.goodput() >= 0.90 && g.goodput() <= 0.99, "goodput " + g.goodput());
    }

    @Test
    void llama3JobSeesAboutEightInterruptionsADay() {
        // 419 unexpected interruptions in 54 days = 7.76 a day on the full 16,384 GPUs
        Goodput g = Goodput.of(FailureRates.LLAMA3_405B, 16_384, 2048, 4096, 1e12, 1e9, 600, "");
        assertEquals(419 / 54.0, g.interruptionsPerDay(), 1e-9);
    }
}
