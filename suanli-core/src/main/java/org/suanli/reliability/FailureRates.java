package org.suanli.reliability;

import java.util.List;

/**
 * Job interruptions observed on a cluster, by root cause, as rates per component-hour: a cause of a GPU scales with the
 * GPUs a job holds, a cause of a host (CPU, memory, disk, power, chassis, NIC, host maintenance) with its CPU sockets.
 * Every failure stops the whole synchronous job, so the job's interruptions are the sum of its components' (the sum of
 * independent Poisson processes is a Poisson process at the summed rate).
 *
 * @param source       where the counts are published
 * @param causes       interruptions by root cause
 * @param gpus         GPUs the counts were observed on
 * @param cpus         CPU sockets the counts were observed on (the hosts those GPUs sit in)
 * @param hours        hours of the observation
 */
public record FailureRates(String source, List<Cause> causes, int gpus, int cpus, double hours) {

    /** What a cause's count scales with: the GPUs or the host CPU sockets of a job. */
    public enum Per {
        GPU, CPU
    }

    /** One root cause: its component, the paper's category, how many interruptions it caused and what it scales with. */
    public record Cause(String component, String category, int count, Per per) {
    }

    public FailureRates {
        causes = List.copyOf(causes);
        if (gpus <= 0 || cpus <= 0 || !(hours > 0) || causes.isEmpty()) {
            throw new IllegalArgumentException("failure rates need GPUs, CPUs, hours and at least one cause");
        }
    }

    /**
     * Llama 3 405B pre-training (Dubey et al. 2024, "The Llama 3 Herd of Models", §3.3.4, Table 5): in a 54-day snapshot on
     * up to 16,384 H100 GPUs there were 466 job interruptions, 47 planned (automated maintenance) and 419 unexpected, broken
     * down below. Only the unexpected ones are counted: planned ones are taken at a checkpoint and lose no work. Counting
     * all 16,384 GPUs for all 54 days makes the rate a lower bound ("up to" 16,384). The GPUs sit in Grand Teton servers of
     * eight GPUs and two CPUs each (§3.3.1), so 2,048 servers and 4,096 CPU sockets; the paper's "Host" and "Unplanned
     * Maintenance" causes scale with those. ASSUMPTION: software, network and unknown causes scale with the GPUs (one rank,
     * one NIC and one switch port per GPU on its rail-optimised fabric).
     */
    public static final FailureRates LLAMA3_405B = new FailureRates(
            "Dubey et al. 2024, The Llama 3 Herd of Models, sec. 3.3.4 Table 5: 419 unexpected interruptions in 54 days on 16,384 H100",
            List.of(new Cause("Faulty GPU", "GPU", 148, Per.GPU),
                    new Cause("GPU HBM3 Memory", "GPU", 72, Per.GPU),
                    new Cause("Software Bug", "Dependency", 54, Per.GPU),
                    new Cause("Network Switch/Cable", "Network", 35, Per.GPU),
                    new Cause("Host Maintenance", "Unplanned Maintenance", 32, Per.CPU),
                    new Cause("GPU SRAM Memory", "GPU", 19, Per.GPU),
                    new Cause("GPU System Processor", "GPU", 17, Per.GPU),
                    new Cause("NIC", "Host", 7, Per.CPU),
                    new Cause("NCCL Watchdog Timeouts", "Unknown", 7, Per.GPU),
                    new Cause("Silent Data Corruption", "GPU", 6, Per.GPU),
                    new Cause("GPU Thermal Interface + Sensor", "GPU", 6, Per.GPU),
                    new Cause("SSD", "Host", 3, Per.CPU),
                    new Cause("Power Supply", "Host", 3, Per.CPU),
                    new Cause("Server Chassis", "Host", 2, Per.CPU),
                    new Cause("IO Expansion Board", "Host", 2, Per.CPU),
                    new Cause("Dependency", "Dependency", 2, Per.GPU),
                    new Cause("CPU", "Host", 2, Per.CPU),
                    new Cause("System Memory", "Host", 2, Per.CPU)),
            16_384, 4_096, 54 * 24.0);

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

    /**
     * Returns the interruptions an hour of a job holding {@code jobGpus} GPUs in hosts of {@code jobCpus} CPU sockets: each
     * cause's count over the component-hours observed, times the job's components, summed over the causes.
     */
    public double perJobHour(int jobGpus, int jobCpus) {
        double perGpu = causes.stream().filter(c -> c.per() == Per.GPU).mapToInt(Cause::count).sum() / (gpus * hours);
        double perCpu = causes.stream().filter(c -> c.per() == Per.CPU).mapToInt(Cause::count).sum() / (cpus * hours);
        return perGpu * jobGpus + perCpu * jobCpus;
    }
}
