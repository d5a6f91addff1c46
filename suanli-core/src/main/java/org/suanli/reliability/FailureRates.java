package org.suanli.reliability;

import java.util.List;

/**
 * Job interruptions observed on a cluster, by root cause, as rates per GPU-hour so that a job of {@code n} GPUs sees
 * {@code n × r} interruptions an hour (every failure stops the whole synchronous job).
 *
 * @param source       where the counts are published
 * @param causes       interruptions by root cause
 * @param gpus         GPUs the counts were observed on
 * @param hours        hours of the observation
 */
public record FailureRates(String source, List<Cause> causes, int gpus, double hours) {

    /** One root cause: its component, the paper's category, and how many interruptions it caused. */
    public record Cause(String component, String category, int count) {
    }

    public FailureRates {
        causes = List.copyOf(causes);
        if (gpus <= 0 || !(hours > 0) || causes.isEmpty()) {
            throw new IllegalArgumentException("failure rates need GPUs, hours and at least one cause");
        }
    }

    /**
     * Llama 3 405B pre-training (Dubey et al. 2024, "The Llama 3 Herd of Models", §3.3.4, Table 5): in a 54-day snapshot on
     * up to 16,384 H100 GPUs there were 466 job interruptions, 47 planned (automated maintenance) and 419 unexpected, broken
     * down below. Only the unexpected ones are counted: planned ones are taken at a checkpoint and lose no work. Counting
     * all 16,384 GPUs for all 54 days makes the rate a lower bound ("up to" 16,384).
     */
    public static final FailureRates LLAMA3_405B = new FailureRates(
            "Dubey et al. 2024, The Llama 3 Herd of Models, sec. 3.3.4 Table 5: 419 unexpected interruptions in 54 days on 16,384 H100",
            List.of(new Cause("Faulty GPU", "GPU", 148),
                    new Cause("GPU HBM3 Memory", "GPU", 72),
                    new Cause("Software Bug", "Dependency", 54),
                    new Cause("Network Switch/Cable", "Network", 35),
                    new Cause("Host Maintenance", "Unplanned Maintenance", 32),
                    new Cause("GPU SRAM Memory", "GPU", 19),
                    new Cause("GPU System Processor", "GPU", 17),
                    new Cause("NIC", "Host", 7),
                    new Cause("NCCL Watchdog Timeouts", "Unknown", 7),
                    new Cause("Silent Data Corruption", "GPU", 6),
                    new Cause("GPU Thermal Interface + Sensor", "GPU", 6),
                    new Cause("SSD", "Host", 3),
                    new Cause("Power Supply", "Host", 3),
                    new Cause("Server Chassis", "Host", 2),
                    new Cause("IO Expansion Board", "Host", 2),
                    new Cause("Dependency", "Dependency", 2),
                    new Cause("CPU", "Host", 2),
                    new Cause("System Memory", "Host", 2)),
            16_384, 54 * 24.0);

    /** Returns all interruptions observed. */
    public int total() {
        return causes.stream().mapToInt(Cause::count).sum();
    }

    /** Returns interruptions per GPU-hour, all causes. */
    public double perGpuHour() {
        return total() / (gpus * hours);
    }

    /** Returns interruptions per GPU-hour of one category (e.g. "GPU", "Host", "Network"); zero for one not observed. */
    public double perGpuHour(String category) {
        return causes.stream().filter(c -> c.category().equals(category)).mapToInt(Cause::count).sum() / (gpus * hours);
    }
}
