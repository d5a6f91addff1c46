package org.suanli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailureRatesTest {
    @Test
    void llama3TableFiveAddsUpTo419UnexpectedInterruptions() {
        assertEquals(419, FailureRates.LLAMA3_405B.total());
    }

    @Test
    void llama3RateIsPerGpuHour() {
        // 419 / (16,384 GPUs · 54 · 24 h) = 419 / 21,233,664 = 1.9733e-5
        assertEquals(1.9733e-5, FailureRates.LLAMA3_405B.perGpuHour(), 1e-9);
    }

    @Test
    void categoryRateCountsOnlyThatCategory() {
        // Network: Network Switch/Cable, 35 interruptions
        assertEquals(35 / (16_384 * 54 * 24.0), FailureRates.LLAMA3_405B.perGpuHour("Network"), 1e-15);
    }

    @Test
    void unobservedCategoryHasNoRate() {
        assertEquals(0, FailureRates.LLAMA3_405B.perGpuHour("Cooling"));
    }
}
