package org.suanli.cli;

import org.suanli.input.Check;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.inference.ServingRecorder;
import org.suanli.inference.ServingFeatures;
import org.suanli.inference.ServingSetup;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.RequestLoad;
import org.suanli.report.json.InferenceJson;
import org.suanli.report.json.ServingJson;
import org.suanli.report.ServingTrace;
import org.suanli.report.Table;
import org.suanli.units.Units;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;
import org.suanli.workload.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli infer}: one serving setup, as a static batch (--batch) or a simulated request stream (--rate). */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serving one model: time to first token, time per output token, throughput and memory for a batch, "
                + "or a continuous-batching simulation of a request stream with latency percentiles.")
final class InferCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "M")
    String model;

    @Option(names = "--server", required = true, paramLabel = "S")
    String server;

    @Option(names = "--gpus", required = true, paramLabel = "N", description = "GPUs in all, 1 to 1,000,000; replicas = GPUs / (tp x pp).")
    int gpus;

    @Option(names = "--tp", defaultValue = "1", description = "Tensor-parallel size per replica, 1 to --gpus (default 1).")
    int tp;

    @Option(names = "--ep", defaultValue = "1", description = "Expert-parallel size of an MoE model (default 1: experts split over tp): "
            + "the routed experts are spread over ep GPUs per stage and attention runs data-parallel in ep / tp groups; "
            + "replicas = GPUs / (ep x pp).")
    int ep;

    @Option(names = "--expert-imbalance", defaultValue = "1", description = "With --ep: tokens the most-loaded expert GPU receives over the "
            + "mean, 1 to 64 (default 1: balanced routing, a stated assumption).")
    double expertImbalance;

    @Option(names = "--two-batch-overlap", description = "With --ep: split each step into two micro-batches so that one's expert "
            + "all-to-all overlaps the other's computation (DeepSeek's dual-batch overlap, SGLang --enable-two-batch-overlap).")
    boolean twoBatchOverlap;

    @Option(names = "--pp", defaultValue = "1", description = "Pipeline-parallel size per replica, 1 to --gpus (default 1).")
    int pp;

    @Option(names = "--spec-method", paramLabel = "mtp|eagle|draft", description = "Speculative decoding: the model's "
            + "multi-token-prediction module (mtp), an EAGLE head (eagle) or a separate --draft-model (draft); default none.")
    String specMethod;

    @Option(names = "--spec-tokens", paramLabel = "K", description = "With --spec-method: draft tokens proposed per sequence and step, 0 to 64 "
            + "(default: mtp 1, eagle and draft 2).")
    Integer specTokens;

    @Option(names = "--spec-acceptance", paramLabel = "A", description = "With --spec-method: probability that each draft token is accepted, "
            + "0 to 1 (default: mtp 0.85, DeepSeek-V3's second-token rate; eagle and draft 0.70); a step emits (1 - A^(K+1)) / (1 - A) tokens.")
    Double specAcceptance;

    @Option(names = "--draft-model", paramLabel = "M", description = "With --spec-method draft: the draft model (catalog id or file), "
            + "sharing the target's vocabulary, on the same GPUs.")
    String draftModel;

    @Option(names = "--prefix-cache-hit", paramLabel = "F", description = "Share of each prompt's tokens found in the prefix cache, 0 to 1 "
            + "(default 0): not recomputed in prefill, still held in the KV cache and attended to.")
    Double prefixCacheHit;

    @Option(names = "--input-len", required = true, paramLabel = "TOKENS", description = "Prompt length (mean, with --lengths), 1 to 16,777,216 and within the model's context.")
    int inputLen;

    @Option(names = "--output-len", required = true, paramLabel = "TOKENS", description = "Output length (mean, with --lengths), 1 to 16,777,216 and within the model's context.")
    int outputLen;

    static final class Load {
        @Option(names = "--batch", paramLabel = "B|max", description = "A static batch of B sequences (1 to 16,777,216), or max: the largest that fits.")
        String batch;

        @Option(names = "--rate", paramLabel = "QPS", description = "Simulate requests arriving at QPS per second, above 0 and at most 1,000,000 "
                + "(all at once is --offline).")
        Double rate;

        @Option(names = "--trace-file", paramLabel = "CSV", description = "Replay a request trace: arrival_s,input_tokens,output_tokens; at most --max-trace-rows rows.")
        java.nio.file.Path traceFile;

        @Option(names = "--offline", description = "Queue all --requests at once and serve them with continuous batching "
                + "(MLPerf's Offline scenario): the throughput of a batch job.")
        boolean offline;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Load load;

    @Option(names = "--requests", defaultValue = "2000", description = "Requests to simulate with --rate or --offline, 1 to --max-requests (default 2000).")
    int requests;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "1000000",
            description = "Ceiling on --requests (and on a trace's requests), checked before the simulation starts; "
                    + "1 to 100,000,000 (default 1,000,000, which runs in the launcher's default heap).")
    int maxRequests;

    @Option(names = "--max-trace-rows", paramLabel = "N", defaultValue = "1000000",
            description = "Ceiling on the rows of --trace-file, checked while it is read; 1 to 100,000,000 (default 1,000,000).")
    long maxTraceRows;

    @Option(names = "--trace", paramLabel = "FILE", description = "With --rate, --offline or --trace-file: write the simulation's timeline "
            + "as a Chrome trace-event JSON (open in Perfetto or chrome://tracing): steps per replica with their tokens, KV-cache use, "
            + "queue length, preemptions, KV hand-overs and the first --trace-requests requests.")
    java.nio.file.Path traceOut;

    @Option(names = "--max-trace-events", paramLabel = "N", defaultValue = "250000",
            description = "Ceiling on the events --trace writes; later ones are left out and the trace's otherData says so; "
                    + "1 to 10,000,000 (default 250,000, some 40 MB).")
    long maxTraceEvents;

    @Option(names = "--trace-requests", paramLabel = "N", defaultValue = "100",
            description = "Requests whose lifetimes --trace shows (the first N to arrive), 0 to 1,000,000 (default 100).")
    long traceRequests;

    @Option(names = "--precision", defaultValue = "fp8", description = "Weights: bf16, fp16, fp8, int8, int4, fp4 (default fp8; bf16 where there is no fp8).")
    String precision;

    @Option(names = "--kv-precision", description = "KV cache: bf16, fp16, fp8, int8 (default: as the weights, at least 8 bits).")
    String kvPrecision;

    @Option(names = "--arrivals", defaultValue = "poisson", description = "poisson or gamma (with --cv).")
    String arrivals;

    @Option(names = "--cv", defaultValue = "1", description = "Coefficient of variation of inter-arrival gaps for gamma arrivals, above 0 and at most 100 (default 1).")
    double cv;

    @Option(names = "--lengths", defaultValue = "fixed", description = "fixed, uniform (0.5x-1.5x the mean) or lognormal (sigma 0.5).")
    String lengths;

    @Option(names = "--max-seqs", defaultValue = "256", description = "Scheduler: most sequences per step (vLLM max_num_seqs), 1 to 65,536 (default 256).")
    int maxSeqs;

    @Option(names = "--token-budget", defaultValue = "2048", description = "Scheduler: tokens per step, chunked prefill (vLLM max_num_batched_tokens), 1 to 16,777,216 (default 2048).")
    int tokenBudget;

    @Option(names = "--disaggregate", paramLabel = "P", defaultValue = "0",
            description = "Prefill/decode disaggregation: P replicas only prefill, the rest only decode; 0 to replicas - 1 (default 0: mixed).")
    int disaggregate;

    @Option(names = "--preemption", defaultValue = "recompute", description = "When the KV cache is full: recompute (default) or swap to host memory.")
    String preemption;

    @Option(names = "--ttft-slo", paramLabel = "S", description = "Time-to-first-token target for goodput, seconds, above 0 and at most 86,400.")
    Double ttftSlo;

    @Option(names = "--tpot-slo", paramLabel = "S", description = "Time-per-output-token target for goodput, seconds, above 0 and at most 86,400.")
    Double tpotSlo;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random draws (default 1).")
    long seed;

    @Option(names = "--runtime", description = "Serving runtime preset (catalog list --kind runtime): tensorrt-llm-0.5, tensorrt-llm-0.8, "
            + "tensorrt-llm-1.0, vllm-0.6, vllm-0.8, vllm-0.4-eager, sglang-0.4; default: the part's family's (TensorRT-LLM on NVIDIA, vLLM elsewhere).")
    String runtime;

    @Option(names = "--cuda-graphs", paramLabel = "on|off", description = "Override the runtime's CUDA graphs: on replays decode "
            + "steps (up to its capture size) as graphs, off launches every kernel from the host.")
    String cudaGraphs;

    @Option(names = "--custom-all-reduce", paramLabel = "on|off", description = "Override the runtime's one-shot tensor-parallel "
            + "all-reduce kernel (off: NCCL's ring).")
    String customAllReduce;

    @Option(names = "--kv-fraction", paramLabel = "F", description = "Share of the memory left after weights and activations the KV "
            + "cache may take, above 0 and at most 1 (TensorRT-LLM kv_cache_free_gpu_mem_fraction; default: the runtime's).")
    Double kvFraction;

    private Confidence confidence;
    private String traceNote = "";

    @Override
    public void run() {
        common.checkFormat();
        checkNumbers();
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        Server s = catalog.server(server);
        RequestLoad.requireFits(m, inputLen, outputLen);
        Replica replica = ServingSetup.replica(m, s, server, gpus, tp, pp, ep, precision, kvPrecision);
        var accel = s.accelerator().orElseThrow();
        var rt = catalog.runtime(runtime != null ? runtime : accel.efficiency().runtime()).withOptions(cudaGraphs, customAllReduce,
                kvFraction);
        var features = ServingFeatures.of(specMethod, specTokens, specAcceptance,
                java.util.Optional.ofNullable(draftModel).map(id -> ModelResolver.resolve(catalog, id)), prefixCacheHit);
        InferenceModel im = new InferenceModel(replica, rt, ServingSetup.moe(ep, expertImbalance, twoBatchOverlap), features);
        confidence = Trust.inference(catalog, accel, rt.id());
        int replicas = gpus / replica.gpus();
        if (load.batch != null) {
            staticBatch(im, replica, replicas);
        } else {
            simulate(im, replicas, load.traceFile != null ? RequestLoad.fromTrace(readTrace(load.traceFile, maxTraceRows)) : null);
        }
    }

    /** Range-checks the numeric options before any work starts. */
    private void checkNumbers() {
        Check.count("--gpus", gpus, 1, Check.MAX_GPUS);
        Check.count("--tp", tp, 1, gpus);
        Check.count("--pp", pp, 1, gpus);
        Check.count("--ep", ep, 1, gpus);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        Check.count("--max-requests", maxRequests, 1, 100_000_000);
        Check.count("--max-trace-rows", maxTraceRows, 1, 100_000_000);
        Check.count("--max-trace-events", maxTraceEvents, 1, 10_000_000);
        Check.count("--trace-requests", traceRequests, 0, 1_000_000);
        if (traceOut != null && load.batch != null) {
            throw new UsageException("--trace needs a simulation (--rate, --offline or --trace-file), not --batch; expected one of them");
        }
        if (requests > maxRequests) {
            throw new BadInputException("--requests", String.format(Locale.ROOT, "%,d requests exceed the ceiling of %,d", requests, maxRequests),
                    "expected fewer requests, or raise the ceiling with --max-requests");
        }
        Check.count("--requests", requests, 1, maxRequests);
        if (load.rate != null) {
            Check.positive("--rate", load.rate, Check.MAX_RATE);
        }
        Check.above("--cv", cv, 0, 100);
        Check.count("--max-seqs", maxSeqs, 1, 65_536);
        Check.count("--token-budget", tokenBudget, 1, Check.MAX_TOKENS);
        Check.count("--disaggregate", disaggregate, 0, Math.max(0, gpus / ((long) Math.max(tp, ep) * pp) - 1));
        Check.positive("--ttft-slo", ttftSlo, Check.MAX_SLO_S);
        Check.positive("--tpot-slo", tpotSlo, Check.MAX_SLO_S);
    }

    /** Reads a serving trace of at most {@code maxRows} rows; the reader refuses a longer one while streaming it. */
    static java.util.List<double[]> readTrace(java.nio.file.Path file, long maxRows) {
        return org.suanli.inference.TraceFile.read(file, maxRows);
    }

    private void staticBatch(InferenceModel im, Replica replica, int replicas) {
        int batch;
        if (load.batch.equals("max")) {
            batch = im.maxBatch(inputLen, inputLen + outputLen);
            if (batch < 1) {
                throw new BadInputException("--batch max", "not even one sequence of " + (inputLen + outputLen) + " tokens fits",
                        "expected a larger tp or lower-precision weights");
            }
        } else {
            try {
                batch = Integer.parseInt(load.batch);
            } catch (NumberFormatException e) {
                throw new BadInputException("--batch", "'" + load.batch + "' is not a batch", "expected a whole number or max");
            }
            Check.count("--batch", batch, 1, Check.MAX_TOKENS);
        }
        InferenceResult r = im.evaluate(batch, inputLen, outputLen);
        common.render(() -> InferenceJson.of(replica, im, replicas, r, confidence), () -> staticTable(im, replica, replicas, r).toCsv(),
                () -> replica.model().name() + " on " + replica.server().id() + ", " + inputLen + " in / " + outputLen
                        + " out tokens\nconfidence: " + confidence.describe() + "\n\n" + staticTable(im, replica, replicas, r).toText());
    }

    private Table staticTable(InferenceModel im, Replica replica, int replicas, InferenceResult r) {
        Table t = new Table(List.of("", "value")).alignRight(1);
        t.add("replicas x GPUs", replicas + " x " + replica.gpus() + " (tp " + replica.tp() + ", pp " + replica.pp()
                + (replica.ep() > 1 ? ", ep " + replica.ep() + ": " + replica.attentionDp() + " attention groups" : "") + ")");
        t.add("weights / KV cache", replica.weights().key() + " / " + replica.kvCache().key());
        t.add("batch", String.valueOf(r.batch()));
        t.add("time to first token", Units.formatTime(r.ttftS()));
        t.add("time per output token", Units.formatTime(r.tpotS()) + " (" + confidence.band() + ")");
        t.add("output tokens/s (all replicas)", Units.num(r.outputTokensPerS() * replicas));
        t.add("output tokens/s per GPU", Units.num(r.outputTokensPerSPerGpu()));
        t.add("total tokens/s (all replicas)", Units.num(r.totalTokensPerS() * replicas));
        t.add("KV cache per token", Units.formatBytes(r.kvCacheBytesPerToken()));
        t.add("weights per GPU", Units.formatBytes(r.weightBytesPerGpu()));
        t.add("memory per GPU", Units.formatBytes(r.memoryPerGpuBytes()) + " of " + Units.formatBytes(r.memoryCapacityBytes())
                + (r.fits() ? ", fits" : ", DOES NOT FIT"));
        if (replica.ep() > 1) {
            t.add("expert all-to-all share", String.format(Locale.ROOT, "prefill %.1f%%, decode step %.1f%%", 100 * r.prefillAllToAllShare(),
                    100 * r.decodeAllToAllShare()));
        }
        var spec = im.features().speculation();
        if (spec.active()) {
            t.add("speculative decoding", String.format(Locale.ROOT, "%s, %d draft tokens at %.2f acceptance: %.2f tokens per step",
                    spec.method().key() + spec.draftModel().map(d -> " (" + d.id() + ")").orElse(""), spec.draftTokens(), spec.acceptance(),
                    r.decodeTokensPerStep()));
        }
        if (im.features().prefixCache().hit() > 0) {
            t.add("prefix cache", String.format(Locale.ROOT, "%.0f%% of each prompt cached: %,d prefill tokens saved",
                    100 * im.features().prefixCache().hit(), r.prefillTokensSaved()));
        }
        t.add("largest batch that fits", String.valueOf(r.maxBatch()));
        t.add("longest context that fits", String.valueOf(r.maxContext()));
        t.add("runtime", im.runtime().id() + " (" + im.runtime().version() + ")");
        return t;
    }

    private void simulate(InferenceModel im, int replicas, RequestLoad trace) {
        if (trace != null) {
            load.rate = trace.ratePerS();
            requests = Math.min(requests == 2000 ? trace.trace().size() : requests, trace.trace().size());
            if (requests > maxRequests) {
                throw new BadInputException("--trace-file " + load.traceFile, String.format(Locale.ROOT,
                        "%,d requests exceed the ceiling of %,d", requests, maxRequests), "expected --requests N to replay the first N, "
                        + "or raise the ceiling with --max-requests");
            }
        }
        if (load.offline) {
            load.rate = Double.POSITIVE_INFINITY;
        }
        if (!(load.rate > 0)) {
            throw new BadInputException("--rate", load.rate + "", "expected a positive request rate");
        }
        if (!arrivals.equals("poisson") && !arrivals.equals("gamma")) {
            throw new BadInputException("--arrivals", "'" + arrivals + "'", "expected poisson or gamma");
        }
        RequestLoad.Lengths in = lengths(inputLen);
        RequestLoad.Lengths out = lengths(outputLen);
        RequestLoad w = trace != null ? trace : load.offline ? RequestLoad.offline(in, out, seed)
                : new RequestLoad(load.rate, arrivals.equals("poisson") ? 1 : cv, in, out, seed);
        ServingSimulation.Config config = new ServingSimulation.Config(maxSeqs, tokenBudget, 16, disaggregate, swap());
        try (ServingTrace timeline = traceOut == null ? null : ServingTrace.open(traceOut, replicas, disaggregate, maxTraceEvents, traceRequests);
             LongRun run = new LongRun("simulating", " requests", requests, common.format() == OutputFormat.TABLE)) {
            ServingSimulation.Report r = ServingSimulation.run(im, replicas, w, requests, config,
                    ttftSlo == null ? OptionalDouble.empty() : OptionalDouble.of(ttftSlo),
                    tpotSlo == null ? OptionalDouble.empty() : OptionalDouble.of(tpotSlo), run.progress(), run.cancel,
                    timeline == null ? ServingRecorder.NONE : timeline);
            run.endBar();
            if (timeline != null) {
                timeline.commit();
                traceNote = "\ntrace written to " + traceOut + (timeline.truncated() ? String.format(Locale.ROOT,
                        ", truncated at %,d events (raise --max-trace-events for more)", maxTraceEvents) : "")
                        + "; open it in https://ui.perfetto.dev\n";
            }
            common.render(() -> ServingJson.of(model, server, im.runtime(), gpus, replicas, load.rate, r, confidence, im.features()),
                    () -> simulationText(r, replicas, trace, true), () -> simulationText(r, replicas, trace, false) + traceNote);
        }
    }

    private String simulationText(ServingSimulation.Report r, int replicas, RequestLoad trace, boolean csv) {
        Table t = new Table(List.of("latency", "p50", "p90", "p99", "mean")).alignRight(1, 2, 3, 4);
        row(t, "time to first token", r.ttft());
        row(t, "time per output token", r.tpot());
        row(t, "end to end", r.e2e());
        row(t, "queueing", r.queue());
        StringBuilder sb = new StringBuilder();
        // a trace whose requests all arrive together (an offline batch) has no meaningful rate
        String offered = load.rate > 1e6 ? "queued at once" : "at " + Units.num(load.rate) + "/s";
        String source = trace != null ? " (trace arrivals)" : load.offline ? " (offline)" : " (" + arrivals + " arrivals)";
        sb.append(String.format(Locale.ROOT, "%d requests %s%s on %d replicas of %s%s: %s output tokens/s, %s requests/s%n",
                r.requests(), offered, source, replicas, server,
                disaggregate > 0 ? " (" + disaggregate + " prefill, " + (replicas - disaggregate) + " decode)" : "",
                Units.num(r.outputTokensPerS()), Units.num(r.requestsPerS())));
        if (r.requests() < requests) {
            sb.append(String.format(Locale.ROOT, "interrupted: %,d of %,d requests finished; the figures are theirs%n", r.requests(), requests));
        }
        sb.append("confidence: ").append(confidence.describe()).append('\n');
        sb.append(String.format(Locale.ROOT, "KV cache: %d blocks per replica, %.1f%% used on average, %.1f%% at most; %d preemptions%n",
                r.kvBlocksPerReplica(), 100 * r.kvUtilisationMean(), 100 * r.kvUtilisationMax(), r.preemptions()));
        if (r.decodeTokensPerStep() != 1) {
            sb.append(String.format(Locale.ROOT, "speculative decoding: %.2f tokens per sequence and decode step%n", r.decodeTokensPerStep()));
        }
        if (r.prefillTokensSaved() > 0) {
            sb.append(String.format(Locale.ROOT, "prefix cache: %,d prompt tokens found cached, not recomputed%n", r.prefillTokensSaved()));
        }
        if (ttftSlo != null || tpotSlo != null) {
            sb.append(String.format(Locale.ROOT, "goodput (requests meeting the SLOs): %s/s%n", Units.num(r.goodputRequestsPerS())));
        }
        if (csv) {
            return t.toCsv();
        }
        sb.append('\n').append(t.toText());
        return sb.toString();
    }

    private boolean swap() {
        if (!preemption.equals("recompute") && !preemption.equals("swap")) {
            throw new BadInputException("--preemption", "'" + preemption + "'", "expected recompute or swap");
        }
        return preemption.equals("swap");
    }

    private RequestLoad.Lengths lengths(int mean) {
        return RequestLoad.Lengths.parse(lengths, mean);
    }

    private static void row(Table t, String name, ServingSimulation.Percentiles p) {
        t.add(name, Units.formatTime(p.p50()), Units.formatTime(p.p90()), Units.formatTime(p.p99()), Units.formatTime(p.mean()));
    }
}
