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

    @Test
    void fullLlama3JobSeesAllFourHundredNineteen() {
        // 16,384 GPUs in 4,096 CPU sockets: every cause at its observed scale, 419 over 1,296 h
        assertEquals(419 / 1296.0, FailureRates.LLAMA3_405B.perJobHour(16_384, 4_096), 1e-12);
    }

    @Test
    void hostCausesScaleWithCpuSocketsNotGpus() {
        // Host 21 (NIC 7, SSD 3, power 3, chassis 2, IO board 2, CPU 2, memory 2) + host maintenance 32 = 53 per CPU,
        // the other 366 per GPU. One 8-GPU server of 2 CPUs: 366/(16,384·1,296)·8 + 53/(4,096·1,296)·2 = 1.5786e-4 an hour;
        // the same 8 GPUs in a host of 4 CPUs add 53/(4,096·1,296)·2 = 1.9968e-5
        assertEquals(1.5786e-4, FailureRates.LLAMA3_405B.perJobHour(8, 2), 1e-8);
        assertEquals(1.9968e-5, FailureRates.LLAMA3_405B.perJobHour(8, 4) - FailureRates.LLAMA3_405B.perJobHour(8, 2), 1e-9);
    }
}
