package org.suanli.reliability;

import org.suanli.BadInputException;

/**
 * Expected goodput of a synchronous training job that checkpoints and restarts on failure: the share of wall-clock time
 * that advances training, once checkpoint writes, work lost since the last checkpoint and restarts are paid.
 *
 * @param goodput              useful time / wall time, in (0, 1]
 * @param interruptionsPerDay  expected interruptions a day of the whole job
 * @param mtbfS                mean time between interruptions of the whole job, seconds
 * @param checkpointBytes      bytes written per checkpoint
 * @param writeS               seconds to write one checkpoint (training stalls meanwhile)
 * @param restoreS             seconds to read it back after a failure
 * @param restartS             seconds to reschedule, re-initialise and re-warm before the restore
 * @param intervalS            compute seconds between checkpoints (Daly's higher-order optimum; infinite for a job that never fails)
 * @param youngIntervalS       Young's first-order optimum, for reference
 * @param basis                which inputs are published and which assumed
 */
public record Goodput(double goodput, double interruptionsPerDay, double mtbfS, double checkpointBytes, double writeS,
                      double restoreS, double restartS, double intervalS, double youngIntervalS, String basis) {

    /** Assumed aggregate checkpoint write (and read) bandwidth per server, bytes/s; see {@link #STORAGE_BASIS}. */
    public static final double DEFAULT_STORAGE_BYTES_PER_S_PER_SERVER = 1e9;
    /**
     * ASSUMPTION, not a measurement: 1 GB/s per server is about Llama 3's Tectonic file system's published 2 TB/s sustained
     * throughput (Dubey et al. 2024, §3.3.1) shared by the 2,048 servers of its 16,384-GPU job.
     */
    public static final String STORAGE_BASIS = "storage 1 GB/s per server assumed (about Llama 3's Tectonic 2 TB/s sustained over 2,048 servers)";
    /** Assumed restart and re-warm time before the checkpoint is read back, seconds; the Llama 3 paper gives none. */
    public static final double DEFAULT_RESTART_S = 600;

    /**
     * Young's first-order optimum interval between checkpoints, {@code τ = sqrt(2 δ M)} (J. W. Young, "A first order
     * approximation to the optimum checkpoint interval", CACM 17(9), 1974).
     */
    public static double youngInterval(double writeS, double mtbfS) {
        return Math.sqrt(2 * writeS * mtbfS);
    }

    /**
     * Daly's higher-order optimum, {@code τ = sqrt(2δM)·[1 + ⅓·sqrt(δ/2M) + (1/9)·(δ/2M)] − δ} for {@code δ < 2M}, else
     * {@code M} (J. T. Daly, "A higher order estimate of the optimum checkpoint interval for restart dumps", FGCS 22(3),
     * 2006, eq. 37).
     */
    public static double dalyInterval(double writeS, double mtbfS) {
        if (writeS >= 2 * mtbfS) {
            return mtbfS;
        }
        double x = writeS / (2 * mtbfS);
        return Math.sqrt(2 * writeS * mtbfS) * (1 + Math.sqrt(x) / 3 + x / 9) - writeS;
    }

    /**
     * Young's first-order goodput with checkpoints every {@code τ} compute seconds: each segment of {@code τ + δ} wall
     * seconds trains for {@code τ}, and each interruption (one per {@code M} wall seconds) loses on average half a segment
     * plus the restart and restore {@code R}: {@code G = τ/(τ+δ) · (1 − ((τ+δ)/2 + R)/M)}. Zero or less marks a job whose
     * interruptions come faster than the work each one loses; {@link #of} refuses those.
     */
    public static double goodput(double intervalS, double writeS, double lostPerFailureS, double mtbfS) {
        double segment = intervalS + writeS;
        return intervalS / segment * (1 - (segment / 2 + lostPerFailureS) / mtbfS);
    }

    /**
     * Goodput of Daly's complete model (Daly 2006, §3, its wall-clock time {@code T_w = M·e^{R/M}·(e^{(τ+δ)/M} − 1)·T_s/τ}):
     * Poisson interruptions at rate {@code 1/M} strike at any time, during restarts too, so a segment of {@code s = τ + δ}
     * takes on average {@code E} with {@code E = (1 − e^{−s/M})·(M·e^{R/M} + E)} (renewal: it fails before its end with
     * that probability, costing the time to the failure and a restart that itself may fail), i.e.
     * {@code E = M·e^{R/M}·(e^{s/M} − 1)} and {@code G = τ / E}. Its first-order expansion is {@link #goodput}; this is
     * the exact mean of what {@link MonteCarlo} draws. A job that never fails ({@code M} infinite) gets {@code τ/(τ+δ)}.
     */
    public static double dalyGoodput(double intervalS, double writeS, double lostPerFailureS, double mtbfS) {
        double segment = intervalS + writeS;
        if (Double.isInfinite(mtbfS)) {
            return Double.isInfinite(intervalS) ? 1 : intervalS / segment;
        }
        return intervalS / (mtbfS * Math.exp(lostPerFailureS / mtbfS) * Math.expm1(segment / mtbfS));
    }

    /**
     * Returns the expected goodput of a job of {@code gpus} GPUs on {@code servers} servers with {@code cpus} host CPU
     * sockets, failing at {@code rates}, that checkpoints {@code checkpointBytes} at {@code storageBytesPerSPerServer} per
     * server and restarts in {@code restartS}. {@code assumed} names the inputs that are assumptions, for the basis;
     * refuses a job whose interruptions come faster than the work each loses (Young's first-order goodput zero or less).
     */
    public static Goodput of(FailureRates rates, int gpus, int servers, int cpus, double checkpointBytes,
                             double storageBytesPerSPerServer, double restartS, String assumed) {
        Goodput g = compute(rates, gpus, servers, cpus, checkpointBytes, storageBytesPerSPerServer, restartS, assumed);
        if (!(g.goodput() > 0)) {
            throw new BadInputException("goodput", String.format(java.util.Locale.ROOT, "an interruption every %.0f s leaves no time "
                    + "to train after checkpoints (%.0f s each) and restarts (%.0f s)", g.mtbfS(), g.writeS(), restartS + g.restoreS()),
                    "expected faster storage (--storage-gbps), a shorter --restart-min or fewer GPUs");
        }
        return g;
    }

    /** As {@link #of}, but empty for a job {@link #of} refuses (a planner counts such layouts instead of stopping). */
    public static java.util.Optional<Goodput> ofIfItFinishes(FailureRates rates, int gpus, int servers, int cpus, double checkpointBytes,
                                                             double storageBytesPerSPerServer, double restartS, String assumed) {
        Goodput g = compute(rates, gpus, servers, cpus, checkpointBytes, storageBytesPerSPerServer, restartS, assumed);
        return g.goodput() > 0 ? java.util.Optional.of(g) : java.util.Optional.empty();
    }

    /** The goodput, or one with goodput zero where Young's first-order estimate says the job never finishes. */
    private static Goodput compute(FailureRates rates, int gpus, int servers, int cpus, double checkpointBytes,
                                   double storageBytesPerSPerServer, double restartS, String assumed) {
        if (gpus <= 0 || servers <= 0 || cpus < 0 || !(checkpointBytes > 0) || !(storageBytesPerSPerServer > 0) || !(restartS >= 0)) {
            throw new IllegalArgumentException("goodput needs GPUs, servers, a checkpoint, a storage bandwidth and a restart time");
        }
        double perHour = rates.perJobHour(gpus, cpus);
        double mtbf = perHour > 0 ? 3600 / perHour : Double.POSITIVE_INFINITY;
        double bandwidth = storageBytesPerSPerServer * servers;
        double write = checkpointBytes / bandwidth;
        double restore = write;
        double interval = dalyInterval(write, mtbf);
        double lost = restartS + restore;
        double g = Double.isInfinite(mtbf) ? 1 : goodput(interval, write, lost, mtbf) > 0 ? dalyGoodput(interval, write, lost, mtbf) : 0;
        String basis = "failure rate published (" + rates.source() + "); checkpoint " + (int) Checkpoint.BYTES_PER_PARAMETER
                + " bytes per parameter (mixed-precision Adam, ZeRO paper sec. 3.1); interval by Young/Daly, goodput by Daly's "
                + "complete model" + (assumed.isEmpty() ? "" : "; " + assumed);
        return new Goodput(g, perHour * 24, mtbf, checkpointBytes, write, restore, restartS, interval, youngInterval(write, mtbf), basis);
    }

    /**
     * Returns the expected goodput of training {@code model} on {@code gpus} GPUs of {@code server} at Llama 3's published
     * failure rates, with the given storage bandwidth per server (GB/s) and restart time (minutes) where the user states
     * them, else the labelled assumptions {@link #DEFAULT_STORAGE_BYTES_PER_S_PER_SERVER} and {@link #DEFAULT_RESTART_S}.
     */
    public static Goodput forJob(org.suanli.workload.Model model, org.suanli.hardware.Server server, int gpus,
                                 java.util.OptionalDouble storageGbps, java.util.OptionalDouble restartMin) {
        Job j = job(server, gpus, storageGbps, restartMin);
        return of(FailureRates.LLAMA3_405B, gpus, j.servers(), j.cpus(), Checkpoint.bytes(model), j.storage(), j.restartS(), j.assumed());
    }

    /** As {@link #forJob}, but empty for a job whose interruptions come faster than the work each one loses. */
    public static java.util.Optional<Goodput> forJobIfItFinishes(org.suanli.workload.Model model, org.suanli.hardware.Server server,
                                                                 int gpus, java.util.OptionalDouble storageGbps,
                                                                 java.util.OptionalDouble restartMin) {
        Job j = job(server, gpus, storageGbps, restartMin);
        return ofIfItFinishes(FailureRates.LLAMA3_405B, gpus, j.servers(), j.cpus(), Checkpoint.bytes(model), j.storage(), j.restartS(),
                j.assumed());
    }

    /**
     * What a user states about recovery for a plan's jobs: storage bandwidth per server (GB/s) and restart time (minutes),
     * each empty for its labelled default; {@link #forJob} gives any job's goodput at Llama 3's failure rates.
     */
    public record Assumptions(java.util.OptionalDouble storageGbps, java.util.OptionalDouble restartMin) {
        /** The labelled defaults for both. */
        public static final Assumptions DEFAULTS = new Assumptions(java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty());

        /** Returns the goodput of training {@code model} on {@code gpus} GPUs of {@code server}, empty if it never finishes. */
        public java.util.Optional<Goodput> forJob(org.suanli.workload.Model model, org.suanli.hardware.Server server, int gpus) {
            return forJobIfItFinishes(model, server, gpus, storageGbps, restartMin);
        }
    }

    private record Job(int servers, int cpus, double storage, double restartS, String assumed) {
    }

    private static Job job(org.suanli.hardware.Server server, int gpus, java.util.OptionalDouble storageGbps,
                           java.util.OptionalDouble restartMin) {
        int servers = (int) Math.ceil((double) gpus / Math.max(1, server.acceleratorCount()));
        String storage = storageGbps.isEmpty() ? STORAGE_BASIS : "storage " + num(storageGbps.getAsDouble()) + " GB/s per server given";
        String restart = restartMin.isEmpty()
                ? "restart and re-warm " + num(DEFAULT_RESTART_S / 60) + " min assumed (the Llama 3 paper gives none)"
                : "restart " + num(restartMin.getAsDouble()) + " min given";
        return new Job(servers, servers * server.cpuCount(),
                storageGbps.isEmpty() ? DEFAULT_STORAGE_BYTES_PER_S_PER_SERVER : storageGbps.getAsDouble() * 1e9,
                restartMin.isEmpty() ? DEFAULT_RESTART_S : restartMin.getAsDouble() * 60, storage + "; " + restart);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%,d", (long) v)
                : String.format(java.util.Locale.ROOT, "%s", v);
    }

    /** Returns the wall-clock days to do {@code idealDays} of failure-free training at this goodput. */
    public double expectedDays(double idealDays) {
        return idealDays / goodput;
    }
}
