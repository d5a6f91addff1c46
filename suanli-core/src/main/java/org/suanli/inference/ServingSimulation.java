package org.suanli.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.suanli.BadInputException;
import org.suanli.sim.Delay;
import org.suanli.sim.SharedLink;
import org.suanli.sim.Simulation;
import org.suanli.sim.SerialResource;
import org.suanli.sim.Task;

/**
 * A serving simulation on the event engine, with a scheduler modelled on vLLM (Kwon et al. 2023,
 * "Efficient Memory Management for LLM Serving with PagedAttention"): requests arrive, wait in a
 * FIFO queue, and each replica runs steps of continuous batching — every running sequence decodes
 * one token, and the rest of the step's token budget goes to prompt chunks (chunked prefill,
 * Agrawal et al. 2024, Sarathi-Serve) of running then newly admitted requests. The KV cache is
 * paged in fixed-size blocks; when a decoding sequence needs a block and none is free, the most
 * recently admitted sequence is preempted and will recompute its KV when readmitted. Each step is
 * priced by {@link InferenceModel#step} when it starts. Latencies go into HdrHistograms.
 *
 * <p>With speculative decoding a decoding sequence verifies k + 1 positions per step (counted in the token budget, with
 * KV blocks for all of them) after the drafter's k passes, and emits a seeded draw of 1 to k + 1 tokens whose mean is
 * Leviathan et al.'s (1 - a^(k+1)) / (1 - a). With a prefix-cache hit rate h a request arrives with the first h of its
 * prompt already in the cache (not recomputed, attended to as context). Block accounting of the hit-rate model: a
 * request's cached prefix blocks count against the replica while it runs, as if no two running requests shared a prefix
 * (an upper bound on KV use; which requests share a prefix is not known from a hit rate), and a preempted request keeps
 * its cached prefix (the cache retains it, as SGLang's radix tree does for evicted-but-reusable prefixes).
 */
public final class ServingSimulation {
    /** Histograms record microseconds up to one day. */
    private static final long MAX_US = 86_400_000_000L;

    /**
     * Scheduler settings (vLLM's max_num_seqs, max_num_batched_tokens and block size) and the policy:
     * {@code prefillReplicas} = 0 mixes prefill and decode on every replica; otherwise that many replicas
     * only prefill and the rest only decode, the KV cache moving between them over the network
     * (prefill/decode disaggregation: Zhong et al. 2024, DistServe; Patel et al. 2024, Splitwise).
     * {@code swap} preempts by copying the victim's KV blocks to host memory over PCIe (and back when it is
     * readmitted) instead of recomputing them, vLLM's other preemption mode.
     */
    public record Config(int maxSeqs, int tokenBudget, int blockTokens, int prefillReplicas, boolean swap) {
        public Config(int maxSeqs, int tokenBudget, int blockTokens) {
            this(maxSeqs, tokenBudget, blockTokens, 0, false);
        }

        public Config(int maxSeqs, int tokenBudget, int blockTokens, int prefillReplicas) {
            this(maxSeqs, tokenBudget, blockTokens, prefillReplicas, false);
        }

        public Config {
            if (prefillReplicas < 0) {
                throw new BadInputException("--disaggregate", prefillReplicas + " prefill replicas", "expected 0 or more");
            }
            if (maxSeqs < 1 || tokenBudget < 1 || blockTokens < 1) {
                throw new BadInputException("scheduler", "max sequences, token budget and block size must be at least 1",
                        "expected e.g. 256 sequences, 2048 tokens, 16-token blocks");
            }
        }

        public static Config defaults() {
            return new Config(256, 2048, 16);
        }
    }

    /** Latency percentiles, seconds. */
    public record Percentiles(double p50, double p90, double p99, double mean) {
        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0);
            }
            return new Percentiles(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMean() / 1e6);
        }
    }

    /** What a run measured. */
    public record Report(int replicas, long requests, double makespanS, double outputTokensPerS, double requestsPerS,
                         Percentiles ttft, Percentiles tpot, Percentiles e2e, Percentiles queue, double goodputRequestsPerS,
                         double kvUtilisationMean, double kvUtilisationMax, long preemptions, long steps, long events,
                         long kvBlocksPerReplica, List<KvSample> kvUtilisationOverTime, double decodeTokensPerStep,
                         long prefillTokensSaved) {
    }

    /** The fleet's KV-cache use (fraction of all blocks) at a time, seconds. */
    public record KvSample(double timeS, double utilisation) {
    }

    private static final class Request {
        final long id;
        final double arrival;
        final int input;
        final int output;
        int prefilled;        // prompt tokens whose KV exists (input + generated when recomputing)
        int cached;           // prompt tokens found in the prefix cache on arrival
        boolean drafting;     // this step verifies draft tokens
        int generated;
        int blocks;
        boolean onHost;
        double firstToken = Double.NaN;
        double firstScheduled = Double.NaN;
        int scheduledTokens;

        Request(long id, double arrival, int input, int output) {
            this.id = id;
            this.arrival = arrival;
            this.input = input;
            this.output = output;
        }
    }

    private final class Replica {
        final int index;
        final boolean prefillOnly;
        final boolean decodeOnly;
        final SerialResource stream;
        final SharedLink kvLink;
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        final List<Request> running = new ArrayList<>();
        final List<Request> batch = new ArrayList<>();
        long freeBlocks;
        boolean busy;
        double stepStart;

        Replica(int index, boolean prefillOnly, boolean decodeOnly) {
            this.index = index;
            this.prefillOnly = prefillOnly;
            this.decodeOnly = decodeOnly;
            this.stream = new SerialResource("replica " + index, index);
            this.kvLink = prefillOnly ? new SharedLink("kv_transfer " + index, index, model.kvTransferBytesPerS(),
                    model.kvTransferLatencyS()) : null;
            this.freeBlocks = blocksPerReplica;
        }

        int outstanding() {
            return waiting.size() + running.size();
        }
    }

    private final InferenceModel model;
    private final RequestLoad workload;
    private final Config config;
    private final int total;
    private final OptionalDouble ttftSlo;
    private final OptionalDouble tpotSlo;
    private final Simulation sim = new Simulation();
    private final SplittableRandom rnd;
    private final Delay clock = new Delay("arrivals", -1);
    private final List<Replica> replicas = new ArrayList<>();
    private final long blocksPerReplica;
    private final Histogram ttft = new Histogram(MAX_US, 3);
    private final Histogram tpot = new Histogram(MAX_US, 3);
    private final Histogram e2e = new Histogram(MAX_US, 3);
    private final Histogram queue = new Histogram(MAX_US, 3);
    private long arrived;
    private long finished;
    private long good;
    private long outputTokens;
    private long preemptions;
    private double swapBytes;
    private final List<KvSample> kvSeries = new ArrayList<>();
    private int kvStride = 1;
    private long kvTick;
    private long steps;
    private double kvWeighted;
    private double kvMax;
    private double lastFinish;
    private final Speculation spec;
    private final SplittableRandom specRnd;
    private final int draftTokens;
    private long draftSteps;
    private long draftEmitted;
    private long prefillTokensSaved;

    private ServingSimulation(InferenceModel model, int replicas, RequestLoad workload, int requests, Config config,
                              OptionalDouble ttftSlo, OptionalDouble tpotSlo) {
        this.model = model;
        this.workload = workload;
        this.config = config;
        this.total = requests;
        this.ttftSlo = ttftSlo;
        this.tpotSlo = tpotSlo;
        this.rnd = new SplittableRandom(workload.seed());
        this.spec = model.features().speculation();
        this.draftTokens = spec.active() ? spec.draftTokens() : 0;
        // acceptance draws come from their own stream so that arrivals and lengths stay those of the run without speculation
        this.specRnd = new SplittableRandom(workload.seed() ^ 0x5DEECE66DL);
        if (config.tokenBudget() < draftTokens + 1) {
            throw new BadInputException("--token-budget", config.tokenBudget() + " tokens per step",
                    "expected at least the " + (draftTokens + 1) + " positions one speculative sequence verifies");
        }
        double free = model.kvCacheBytesAvailable(config.tokenBudget(), config.maxSeqs());
        // with attention data parallelism each group of a replica fills its own KV pool: the replica holds groups times one
        this.blocksPerReplica = (long) Math.floor(free / (config.blockTokens() * model.kvBytesPerTokenPerGpu())) * model.attentionGroups();
        if (blocksPerReplica < 1) {
            throw new BadInputException("replica", "the weights leave no memory for a KV cache",
                    "expected a larger tensor-parallel size or lower-precision weights");
        }
        if (config.prefillReplicas() >= replicas && config.prefillReplicas() > 0) {
            throw new BadInputException("--disaggregate", config.prefillReplicas() + " prefill replicas of " + replicas,
                    "expected fewer prefill replicas than replicas, leaving some to decode");
        }
        for (int i = 0; i < replicas; i++) {
            boolean prefill = i < config.prefillReplicas();
            this.replicas.add(new Replica(i, prefill, config.prefillReplicas() > 0 && !prefill));
        }
    }

    /** Runs {@code requests} requests of {@code workload} through {@code replicas} replicas; SLOs define goodput. */
    public static Report run(InferenceModel model, int replicas, RequestLoad workload, int requests, Config config,
                             OptionalDouble ttftSlo, OptionalDouble tpotSlo) {
        return run(model, replicas, workload, requests, config, ttftSlo, tpotSlo, n -> { }, new AtomicBoolean());
    }

    /** As {@link #run(InferenceModel, int, RequestLoad, int, Config, OptionalDouble, OptionalDouble)}, telling {@code recorder} what happens. */
    public static Report run(InferenceModel model, int replicas, RequestLoad workload, int requests, Config config,
                             OptionalDouble ttftSlo, OptionalDouble tpotSlo, ServingRecorder recorder) {
        return run(model, replicas, workload, requests, config, ttftSlo, tpotSlo, n -> { }, new AtomicBoolean(), recorder);
    }

    /**
     * As {@link #run(InferenceModel, int, RequestLoad, int, Config, OptionalDouble, OptionalDouble)}, telling {@code progress}
     * the number of finished requests now and then; once {@code cancel} is set the run stops and reports the requests
     * finished so far (its {@code requests} is then below the number asked for).
     */
    public static Report run(InferenceModel model, int replicas, RequestLoad workload, int requests, Config config,
                             OptionalDouble ttftSlo, OptionalDouble tpotSlo, LongConsumer progress, AtomicBoolean cancel) {
        return run(model, replicas, workload, requests, config, ttftSlo, tpotSlo, progress, cancel, ServingRecorder.NONE);
    }

    /** As the run with progress and cancellation, telling {@code recorder} of each step, preemption, hand-over and request. */
    public static Report run(InferenceModel model, int replicas, RequestLoad workload, int requests, Config config,
                             OptionalDouble ttftSlo, OptionalDouble tpotSlo, LongConsumer progress, AtomicBoolean cancel,
                             ServingRecorder recorder) {
        if (replicas < 1 || requests < 1) {
            throw new BadInputException("serving", "replicas " + replicas + ", requests " + requests, "expected at least 1 of each");
        }
        ServingSimulation s = new ServingSimulation(model, replicas, workload, requests, config, ttftSlo, tpotSlo);
        s.progress = progress;
        s.cancel = cancel;
        s.recorder = recorder;
        return s.run();
    }

    /** Thrown out of the event loop when the run is cancelled; the counters so far make the report. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private LongConsumer progress = n -> { };
    private AtomicBoolean cancel = new AtomicBoolean();
    private ServingRecorder recorder = ServingRecorder.NONE;

    private Report run() {
        scheduleArrival();
        try {
            sim.run();
        } catch (Stopped stopped) {
            // cancelled: report the requests finished so far
        }
        double makespan = Math.max(lastFinish, 1e-9);
        return new Report(replicas.size(), finished, makespan, outputTokens / makespan, finished / makespan, Percentiles.of(ttft),
                Percentiles.of(tpot), Percentiles.of(e2e), Percentiles.of(queue), good / makespan, kvWeighted / (makespan * replicas.size()),
                kvMax, preemptions, steps, sim.events(), blocksPerReplica, List.copyOf(kvSeries),
                draftSteps == 0 ? 1 : draftEmitted / (double) draftSteps, prefillTokensSaved);
    }

    private void scheduleArrival() {
        if (cancel.get()) {
            throw new Stopped();
        }
        if (arrived >= total || workload.replay() && arrived >= workload.trace().size()) {
            return;
        }
        double gap;
        if (workload.replay()) {
            double[] row = workload.trace().get((int) arrived);
            gap = Math.max(0, row[0] - sim.now());
        } else {
            gap = workload.gap(rnd);
        }
        Task t = new Task("arrival", "arrival", clock, gap, Map.of());
        t.onFinish(x -> {
            arrive(x.end());
            scheduleArrival();
        });
        sim.submit(t);
    }

    private void arrive(double now) {
        int in;
        int out;
        if (workload.replay()) {
            double[] row = workload.trace().get((int) arrived);
            in = (int) Math.max(1, Math.round(row[1]));
            out = (int) Math.max(1, Math.round(row[2]));
        } else {
            in = workload.input().draw(rnd);
            out = workload.output().draw(rnd);
        }
        Request r = new Request(arrived++, now, in, out);
        r.cached = model.features().prefixCache().cachedTokens(in);
        r.prefilled = r.cached;
        prefillTokensSaved += r.cached;
        long need = blocksFor(in + out);
        if (need > blocksPerReplica) {
            throw new BadInputException("request", in + " + " + out + " tokens need " + need + " KV blocks, a replica has "
                    + blocksPerReplica, "expected shorter requests or a larger replica");
        }
        enqueue(r, false);
    }

    /** Hands a request to the least-loaded replica of the right kind (a decode replica once its KV exists). */
    private Replica enqueue(Request r, boolean toDecode) {
        Replica best = null;
        for (Replica rep : replicas) {
            boolean eligible = toDecode ? !rep.prefillOnly : !rep.decodeOnly;
            if (eligible && (best == null || rep.outstanding() < best.outstanding())) {
                best = rep;
            }
        }
        best.waiting.add(r);
        if (!best.busy) {
            startStep(best);
        }
        return best;
    }

    private long blocksFor(int tokens) {
        return (tokens + config.blockTokens() - 1) / config.blockTokens();
    }

    private void startStep(Replica rep) {
        rep.busy = true;
        Task step = Task.priced("step", "compute", rep.stream, () -> compose(rep), Map.of());
        step.onFinish(t -> finishStep(rep, t.end()));
        sim.submit(step);
    }

    /**
     * Chooses this step's work and prices it. A request needs the KV of all its known tokens
     * ({@code input + generated}); when a step brings it there, the request emits its next token. So a
     * decoding request processes one token, a prefilling one a chunk. Decodes go first, then prompt
     * chunks of running requests, then newly admitted ones, within the token budget.
     */
    private double compose(Replica rep) {
        swapBytes = 0;
        double now = sim.now();
        rep.stepStart = now;
        rep.batch.clear();
        int budget = config.tokenBudget();
        double contextSum = 0;
        // decodes first, oldest first; a block shortage preempts the newest running sequence (vLLM's LIFO)
        for (int i = 0; i < rep.running.size() && budget > draftTokens; i++) {
            Request r = rep.running.get(i);
            if (r.input + r.generated - r.prefilled != 1) {
                continue;
            }
            // a speculative sequence verifies its last token and k drafts: KV blocks and budget for k + 1 positions
            long need = Math.max(0, blocksFor(r.prefilled + 1 + draftTokens) - r.blocks);
            boolean preemptedSelf = false;
            while (need > rep.freeBlocks) {
                Request victim = rep.running.get(rep.running.size() - 1);
                preempt(rep, victim);
                if (victim == r) {
                    preemptedSelf = true;
                    break;
                }
            }
            if (preemptedSelf) {
                break;
            }
            contextSum += r.prefilled;
            budget -= take(rep, r, 1, need) + draftTokens;
            r.drafting = draftTokens > 0;
        }
        for (int i = 0; i < rep.running.size() && budget > 0; i++) {
            Request r = rep.running.get(i);
            int remaining = r.input + r.generated - r.prefilled;
            if (remaining <= 1 || r.scheduledTokens > 0) {
                continue;
            }
            int chunk = Math.min(budget, remaining);
            long need = blocksFor(r.prefilled + chunk) - r.blocks;
            if (need <= rep.freeBlocks) {
                contextSum += r.prefilled;
                budget -= take(rep, r, chunk, need);
            }
        }
        while (budget > 0 && !rep.waiting.isEmpty() && rep.running.size() < config.maxSeqs()) {
            Request r = rep.waiting.peek();
            int chunk = Math.min(budget, r.input + r.generated - r.prefilled);
            long need = blocksFor(r.prefilled + chunk) - r.blocks;
            if (need > rep.freeBlocks) {
                break;
            }
            rep.waiting.poll();
            rep.running.add(r);
            if (r.onHost) {
                r.onHost = false;
                swapBytes += r.prefilled * model.kvBytesPerTokenPerGpu();
            }
            if (Double.isNaN(r.firstScheduled)) {
                r.firstScheduled = now;
                queue.recordValue(us(now - r.arrival));
            }
            contextSum += r.prefilled;
            budget -= take(rep, r, chunk, need);
        }
        if (rep.batch.isEmpty() && rep.running.size() > 1) {
            // every running prompt is waiting for blocks: free some by preempting the newest, then try again
            preempt(rep, rep.running.get(rep.running.size() - 1));
            return compose(rep);
        }
        if (rep.batch.isEmpty() && (!rep.running.isEmpty() || !rep.waiting.isEmpty())) {
            throw new IllegalStateException("scheduler stalled with " + rep.running.size() + " running and "
                    + rep.waiting.size() + " waiting requests");
        }
        double used = blocksPerReplica - rep.freeBlocks;
        kvMax = Math.max(kvMax, used / blocksPerReplica);
        if (rep.batch.isEmpty()) {
            return 0;
        }
        int drafting = 0;
        for (Request r : rep.batch) {
            drafting += r.drafting ? 1 : 0;
        }
        return model.step(rep.batch.size(), config.tokenBudget() - budget, contextSum / rep.batch.size(), drafting)
                + swapBytes / model.hostBytesPerS();
    }

    private int take(Replica rep, Request r, int tokens, long blocks) {
        rep.freeBlocks -= blocks;
        r.blocks += (int) blocks;
        r.scheduledTokens = tokens;
        rep.batch.add(r);
        return tokens;
    }

    private void preempt(Replica rep, Request victim) {
        rep.running.remove(victim);
        if (rep.batch.remove(victim)) {
            victim.scheduledTokens = 0;
            victim.drafting = false;
        }
        rep.freeBlocks += victim.blocks;
        if (recorder != ServingRecorder.NONE) {
            recorder.preemption(rep.index, sim.now(), victim.id, config.swap(), victim.blocks, victim.prefilled);
        }
        victim.blocks = 0;
        if (config.swap()) {
            // swap: its KV goes to host memory over PCIe now and comes back when it is readmitted
            victim.onHost = true;
            swapBytes += victim.prefilled * model.kvBytesPerTokenPerGpu();
        } else {
            victim.prefilled = victim.cached;      // recompute: its KV is rebuilt from the prompt (less the cached prefix) and the tokens generated so far
        }
        rep.waiting.addFirst(victim);
        preemptions++;
    }

    /** Keeps at most 256 evenly thinned samples of the fleet's KV-cache use (fraction of all blocks). */
    private void sampleKv(double now) {
        long used = 0;
        for (Replica r : replicas) {
            used += blocksPerReplica - r.freeBlocks;
        }
        if (kvTick++ % kvStride != 0) {
            return;
        }
        kvSeries.add(new KvSample(now, used / (double) (blocksPerReplica * replicas.size())));
        if (kvSeries.size() >= 256) {
            for (int i = kvSeries.size() - 1; i >= 0; i -= 2) {
                kvSeries.remove(i);
            }
            kvStride *= 2;
        }
    }

    private void finishStep(Replica rep, double now) {
        steps++;
        sampleKv(now);
        double dt = now - rep.stepStart;
        if (recorder != ServingRecorder.NONE) {
            recordStep(rep, now);
        }
        kvWeighted += (blocksPerReplica - rep.freeBlocks) / (double) blocksPerReplica * dt;
        for (int i = 0; i < rep.batch.size(); i++) {
            Request r = rep.batch.get(i);
            r.prefilled += r.scheduledTokens;
            r.scheduledTokens = 0;
            if (r.prefilled >= r.input + r.generated) {
                if (Double.isNaN(r.firstToken)) {
                    r.firstToken = now;
                    ttft.recordValue(us(now - r.arrival));
                }
                int emitted = 1;
                if (r.drafting) {
                    // the accepted drafts' KV was written by the verification; the target's own token is next to process
                    emitted = Math.min(spec.drawTokens(specRnd), r.output - r.generated);
                    r.prefilled += emitted - 1;
                    draftSteps++;
                    draftEmitted += emitted;
                }
                r.drafting = false;
                r.generated += emitted;
                outputTokens += emitted;
                if (r.generated >= r.output) {
                    complete(rep, r, now);
                } else if (rep.prefillOnly) {
                    handOver(rep, r);
                }
            }
        }
        rep.batch.clear();
        lastFinish = Math.max(lastFinish, now);
        if (!rep.running.isEmpty() || !rep.waiting.isEmpty()) {
            startStep(rep);
        } else {
            rep.busy = false;
            if (recorder != ServingRecorder.NONE) {
                recorder.idle(rep.index, now, blocksPerReplica - rep.freeBlocks, blocksPerReplica);
            }
        }
    }

    /** Tells the recorder of the step ending now; a decode is one token of a request whose KV holds all but its newest token. */
    private void recordStep(Replica rep, double now) {
        int prefill = 0;
        int decode = 0;
        for (Request r : rep.batch) {
            if (r.generated > 0 && r.scheduledTokens == 1 && r.prefilled + 1 == r.input + r.generated) {
                decode++;
            } else {
                prefill += r.scheduledTokens;
            }
        }
        recorder.step(new ServingRecorder.Step(rep.index, rep.stepStart, now, prefill, decode, rep.batch.size(),
                blocksPerReplica - rep.freeBlocks, blocksPerReplica, rep.running.size(), rep.waiting.size()));
    }

    /** Moves a prefilled request's KV cache to a decode replica over the prefill replica's network share. */
    private void handOver(Replica rep, Request r) {
        rep.running.remove(r);
        rep.freeBlocks += r.blocks;
        r.blocks = 0;
        double bytes = r.prefilled * model.kvBytesPerTokenPerGpu() * model.kvGpusPerSequence();
        Task transfer = new Task("kv_transfer", "kv_transfer", rep.kvLink, bytes, Map.of());
        transfer.onFinish(t -> {
            int tokens = r.prefilled;
            Replica to = enqueue(r, true);
            if (recorder != ServingRecorder.NONE) {
                recorder.kvTransfer(rep.index, to.index, t.start(), t.end(), r.id, tokens, bytes);
            }
        });
        sim.submit(transfer);
    }

    private void complete(Replica rep, Request r, double now) {
        rep.running.remove(r);
        rep.freeBlocks += r.blocks;
        r.blocks = 0;
        finished++;
        if ((finished & 1023) == 0) {
            progress.accept(finished);
        }
        double perToken = r.output > 1 ? (now - r.firstToken) / (r.output - 1) : 0;
        tpot.recordValue(us(perToken));
        e2e.recordValue(us(now - r.arrival));
        boolean meets = (ttftSlo.isEmpty() || r.firstToken - r.arrival <= ttftSlo.getAsDouble())
                && (tpotSlo.isEmpty() || perToken <= tpotSlo.getAsDouble());
        if (meets) {
            good++;
        }
        if (recorder != ServingRecorder.NONE) {
            recorder.request(new ServingRecorder.Request(r.id, rep.index, r.arrival, r.firstScheduled, r.firstToken, now, r.input, r.output));
        }
        if (cancel.get()) {
            throw new Stopped();
        }
    }

    private static long us(double s) {
        return Math.max(0, Math.min(MAX_US, Math.round(s * 1e6)));
    }
}
