package org.suanli.jobs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.inference.RequestLoad;
import org.suanli.inference.ServingFeatures;
import org.suanli.inference.ServingSetup;
import org.suanli.inference.ServingSimulation;
import org.suanli.input.Check;
import org.suanli.jobs.OptionException.Kind;
import org.suanli.report.json.InferenceJson;
import org.suanli.report.json.ServingJson;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;
import org.suanli.workload.Model;

/**
 * {@code infer}: one serving setup read from its options the way {@code suanli infer} reads them. With {@code batch} it is
 * the closed-form step model ({@link InferenceJson}); with {@code rate} or {@code offline} the serving simulation
 * ({@link ServingJson}).
 *
 * @param batch sequences per replica for the closed form, or null for a simulation
 * @param qps   the arrival rate of a simulation (infinite when offline)
 */
public record InferJob(String modelId, String serverId, int gpus, Replica replica, InferenceModel model, int replicas,
                       Confidence confidence, Integer batch, int inputLen, int outputLen, double qps, RequestLoad load, int requests,
                       ServingSimulation.Config config, OptionalDouble ttftSlo, OptionalDouble tpotSlo, int disaggregate,
                       long maxTraceEvents, long traceRequests) implements Job {
    /** Default ceiling on the events of a serving trace held in memory. */
    public static final long TRACE_EVENTS = 250_000;

    /** Reads an infer options map; {@code trace} also reads the trace options and refuses {@code batch}. */
    public static InferJob read(Options b, JobContext ctx, boolean trace) {
        Catalog catalog = ctx.catalog();
        String modelId = ctx.id("model", b.required("model", "expected a model id"));
        String serverId = ctx.id("server", b.required("server", "expected a server id"));
        Integer gpusBox = b.integer("gpus");
        Integer inBox = b.integer("input_len");
        Integer outBox = b.integer("output_len");
        for (var e : Map.of("gpus", gpusBox == null ? "" : "x", "input_len", inBox == null ? "" : "x", "output_len",
                outBox == null ? "" : "x").entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new OptionException(Kind.USAGE, e.getKey(), "missing", "expected a whole number");
            }
        }
        int gpus = gpusBox;
        int inputLen = inBox;
        int outputLen = outBox;
        int tp = b.integer("tp", 1);
        int pp = b.integer("pp", 1);
        int ep = b.integer("ep", 1);
        double expertImbalance = b.number("expert_imbalance", 1);
        boolean twoBatchOverlap = b.flag("two_batch_overlap");
        String batch = b.textOrNumber("batch");
        Double rate = b.number("rate");
        boolean offline = b.flag("offline");
        int requests = b.integer("requests", 2000);
        String precision = b.string("precision", "fp8");
        String kvPrecision = b.string("kv_precision");
        String arrivals = b.string("arrivals", "poisson");
        double cv = b.number("cv", 1);
        String lengths = b.string("lengths", "fixed");
        int maxSeqs = b.integer("max_seqs", 256);
        int tokenBudget = b.integer("token_budget", 2048);
        int disaggregate = b.integer("disaggregate", 0);
        String preemption = b.string("preemption", "recompute");
        Double ttftSlo = b.number("ttft_slo");
        Double tpotSlo = b.number("tpot_slo");
        Long seedBox = b.longValue("seed");
        long seed = seedBox == null ? 1 : seedBox;
        String runtime = b.string("runtime");
        String cudaGraphs = b.string("cuda_graphs");
        String customAllReduce = b.string("custom_all_reduce");
        Double kvFraction = b.number("kv_fraction");
        Long maxEventsBox = trace ? b.longValue("max_trace_events") : null;
        Long traceRequestsBox = trace ? b.longValue("trace_requests") : null;
        long maxTraceEvents = maxEventsBox == null ? TRACE_EVENTS : maxEventsBox;
        long traceRequests = traceRequestsBox == null ? 100 : traceRequestsBox;
        String specMethod = b.string("spec_method");
        Integer specTokens = b.integer("spec_tokens");
        Double specAcceptance = b.number("spec_acceptance");
        String draftModel = b.string("draft_model");
        Double prefixCacheHit = b.number("prefix_cache_hit");
        b.finish();
        int loads = (batch != null ? 1 : 0) + (rate != null ? 1 : 0) + (offline ? 1 : 0);
        if (loads != 1) {
            throw new OptionException(Kind.USAGE, "batch", loads == 0 ? "missing" : "given with rate or offline",
                    "expected exactly one of batch, rate and offline");
        }
        Check.count("--gpus", gpus, 1, Check.MAX_GPUS);
        Check.count("--tp", tp, 1, gpus);
        Check.count("--pp", pp, 1, gpus);
        Check.count("--ep", ep, 1, gpus);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        if (batch == null && requests > ctx.maxRequests()) {
            throw new OptionException(Kind.INPUT, "max_requests", String.format(Locale.ROOT, "%,d requests exceed the server's limit of %,d",
                    requests, ctx.maxRequests()), "expected fewer requests (serve --max-requests sets the limit)");
        }
        Check.count("--requests", requests, 1, ctx.maxRequests());
        if (rate != null) {
            Check.positive("--rate", rate, Check.MAX_RATE);
        }
        Check.above("--cv", cv, 0, 100);
        Check.count("--max-seqs", maxSeqs, 1, 65_536);
        Check.count("--token-budget", tokenBudget, 1, Check.MAX_TOKENS);
        Check.count("--disaggregate", disaggregate, 0, Math.max(0, gpus / ((long) Math.max(tp, ep) * pp) - 1));
        Check.positive("--ttft-slo", ttftSlo, Check.MAX_SLO_S);
        Check.positive("--tpot-slo", tpotSlo, Check.MAX_SLO_S);
        Model m = ModelResolver.resolve(catalog, modelId);
        Server s = catalog.server(serverId);
        RequestLoad.requireFits(m, inputLen, outputLen);
        Replica replica = ServingSetup.replica(m, s, serverId, gpus, tp, pp, ep, precision, kvPrecision);
        var accel = s.accelerator().orElseThrow();
        var rt = catalog.runtime(runtime != null ? ctx.id("runtime", runtime) : accel.efficiency().runtime())
                .withOptions(cudaGraphs, customAllReduce, kvFraction);
        var features = ServingFeatures.of(specMethod, specTokens, specAcceptance,
                Optional.ofNullable(draftModel).map(id -> ModelResolver.resolve(catalog, ctx.id("draft_model", id))), prefixCacheHit);
        InferenceModel im = new InferenceModel(replica, rt, ServingSetup.moe(ep, expertImbalance, twoBatchOverlap), features);
        Confidence confidence = Trust.inference(catalog, accel, rt.id());
        int replicas = gpus / replica.gpus();
        OptionalDouble ttft = ttftSlo == null ? OptionalDouble.empty() : OptionalDouble.of(ttftSlo);
        OptionalDouble tpot = tpotSlo == null ? OptionalDouble.empty() : OptionalDouble.of(tpotSlo);
        if (batch != null) {
            if (trace) {
                throw new OptionException(Kind.INPUT, "batch", "a trace needs a simulation", "expected rate or offline instead of batch");
            }
            int n;
            if (batch.equals("max")) {
                n = im.maxBatch(inputLen, inputLen + outputLen);
                if (n < 1) {
                    throw new OptionException(Kind.INPUT, "batch", "not even one sequence of " + (inputLen + outputLen) + " tokens fits",
                            "expected a larger tp or lower-precision weights");
                }
            } else {
                try {
                    n = Integer.parseInt(batch);
                } catch (NumberFormatException e) {
                    throw new OptionException(Kind.USAGE, "batch", "'" + batch + "' is not a batch", "expected a whole number or \"max\"");
                }
                Check.count("--batch", n, 1, Check.MAX_TOKENS);
            }
            return new InferJob(modelId, serverId, gpus, replica, im, replicas, confidence, n, inputLen, outputLen, 0, null, 0, null,
                    ttft, tpot, disaggregate, maxTraceEvents, traceRequests);
        }
        if (!arrivals.equals("poisson") && !arrivals.equals("gamma")) {
            throw new OptionException(Kind.INPUT, "arrivals", "'" + arrivals + "'", "expected poisson or gamma");
        }
        if (!preemption.equals("recompute") && !preemption.equals("swap")) {
            throw new OptionException(Kind.INPUT, "preemption", "'" + preemption + "'", "expected recompute or swap");
        }
        double qps = offline ? Double.POSITIVE_INFINITY : rate;
        RequestLoad.Lengths in = RequestLoad.Lengths.parse(lengths, inputLen);
        RequestLoad.Lengths out = RequestLoad.Lengths.parse(lengths, outputLen);
        RequestLoad load = offline ? RequestLoad.offline(in, out, seed) : new RequestLoad(qps, arrivals.equals("poisson") ? 1 : cv, in, out, seed);
        ServingSimulation.Config config = new ServingSimulation.Config(maxSeqs, tokenBudget, 16, disaggregate, preemption.equals("swap"));
        if (trace) {
            // the answer is held in memory: a tenth of the CLI's ceiling of 10,000,000 events, some 150 MB
            Check.count("--max-trace-events", maxTraceEvents, 1, 1_000_000);
            Check.count("--trace-requests", traceRequests, 0, 1_000_000);
        }
        return new InferJob(modelId, serverId, gpus, replica, im, replicas, confidence, null, inputLen, outputLen, qps, load, requests,
                config, ttft, tpot, disaggregate, maxTraceEvents, traceRequests);
    }

    /** Returns the closed form's {@link InferenceJson} for a batch, else the simulation's {@link ServingJson}. */
    @Override
    public Object run(AtomicBoolean cancel) {
        if (batch != null) {
            return InferenceJson.of(replica, model, replicas, model.evaluate(batch, inputLen, outputLen), confidence);
        }
        ServingSimulation.Report r = ServingSimulation.run(model, replicas, load, requests, config, ttftSlo, tpotSlo, x -> { }, cancel);
        return ServingJson.of(modelId, serverId, model.runtime(), gpus, replicas, qps, r, confidence, model.features());
    }
}
