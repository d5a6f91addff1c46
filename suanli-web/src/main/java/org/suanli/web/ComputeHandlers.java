package org.suanli.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.cost.BillOfMaterials;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.inference.RequestLoad;
import org.suanli.inference.ServingSimulation;
import org.suanli.input.Check;
import org.suanli.input.Inputs;
import org.suanli.reliability.Goodput;
import org.suanli.reliability.MonteCarlo;
import org.suanli.report.ChromeTrace;
import org.suanli.report.ServingTrace;
import org.suanli.report.json.BomJson;
import org.suanli.report.json.CostJson;
import org.suanli.report.json.InferenceJson;
import org.suanli.report.json.ServingJson;
import org.suanli.report.json.TrainingJson;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;
import org.suanli.workload.Model;

/**
 * {@code POST /api/train}, {@code /api/train/trace}, {@code /api/infer}, {@code /api/infer/trace} and {@code /api/cost}: the CLI's
 * train, infer and cost.
 */
final class ComputeHandlers {
    /** Default ceiling on the events of a serving trace, as the CLI's {@code --max-trace-events}. */
    private static final long TRACE_EVENTS = 250_000;

    private final WebContext web;

    ComputeHandlers(WebContext web) {
        this.web = web;
    }

    /** A training request read and checked: the job, and what its JSON needs besides the result. */
    private record TrainInput(TrainingJob job, Model model, Server server, int gpus, String engine, String batchBasis,
                              Integer monteCarlo, Long seed, Goodput.Assumptions goodput) {
    }

    void train(Context ctx) {
        TrainInput in = trainInput(web.body(ctx), null);
        WebContext.json(ctx, web.limits().call(cancel -> trainJson(in)));
    }

    /** The event engine's Chrome trace of one step, as a download. */
    void trace(Context ctx) {
        TrainInput in = trainInput(web.body(ctx), "event");
        download(ctx, web.limits().call(cancel -> written(tmp -> {
            try (ChromeTrace writer = ChromeTrace.open(tmp, EventTrainingModel.processNames(in.job()))) {
                EventTrainingModel.simulate(in.job(), writer);
                writer.commit();
            }
        })));
    }

    private static void download(Context ctx, byte[] trace) {
        ctx.contentType(Route.JSON).header("Content-Disposition", "attachment; filename=\"suanli-trace.json\"").result(trace);
    }

    /** Runs {@code write} on a temporary file of its own and returns what it wrote; the file is deleted whatever happens. */
    private static byte[] written(java.util.function.Consumer<Path> write) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("suanli-trace", ".json");
            write.accept(tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file of our own; the OS cleans its temp directory
                }
            }
        }
    }

    private TrainingJson trainJson(TrainInput in) {
        TrainingJob job = in.job();
        TrainingResult r;
        TrainingJson.EventCounts counts = null;
        if (in.engine().equals("event")) {
            EventTrainingModel.Run run = EventTrainingModel.simulate(job);
            r = run.result();
            counts = new TrainingJson.EventCounts(run.events(), run.tasks());
        } else {
            r = AnalyticTrainingModel.evaluate(job);
        }
        Confidence confidence = Trust.training(web.catalog(), in.server().accelerator().orElseThrow(), job.layout().framework().presetId(),
                job.layout().framework().asPublished());
        TrainingJson.GoodputJson goodput = null;
        if (r.timeToTrainDays().isPresent()) {
            Goodput g = Goodput.forJob(in.model(), in.server(), in.gpus(), in.goodput().storageGbps(), in.goodput().restartMin());
            double ideal = r.timeToTrainDays().getAsDouble();
            goodput = TrainingJson.GoodputJson.of(g, ideal, in.monteCarlo() == null ? null
                    : MonteCarlo.run(g, ideal, in.monteCarlo(), in.seed() == null ? 1 : in.seed()));
        }
        return TrainingJson.of(job, r, confidence, in.engine(), counts, null, in.batchBasis(), goodput);
    }

    /** Reads a train body the way {@code suanli train} reads its options; {@code engine} forces one. */
    private TrainInput trainInput(Body b, String forcedEngine) {
        Catalog catalog = web.catalog();
        String engine = forcedEngine != null ? forcedEngine : b.string("engine", "analytic");
        if (forcedEngine != null && b.string("engine") != null && !b.string("engine").equals(forcedEngine)) {
            throw new ApiException(422, "engine", "a trace needs the event engine", "expected engine \"event\" or none");
        }
        if (!engine.equals("analytic") && !engine.equals("event")) {
            throw new ApiException(422, "engine", "unknown engine '" + engine + "'", "expected analytic or event");
        }
        String modelId = b.id("model", "expected a model id, e.g. llama3-70b");
        String serverId = b.id("server", "expected a server id, e.g. dgx-h100");
        Integer servers = b.integer("servers");
        Integer gpusGiven = b.integer("gpus");
        if ((servers == null) == (gpusGiven == null)) {
            throw new ApiException(400, servers == null ? "gpus" : "servers", servers == null ? "missing" : "given with gpus",
                    "expected exactly one of gpus and servers");
        }
        Integer tp = b.integer("tp");
        Integer pp = b.integer("pp");
        Integer cp = b.integer("cp");
        Integer ep = b.integer("ep");
        Integer vpp = b.integer("vpp");
        Integer microBatch = b.integer("micro_batch");
        Integer globalBatch = b.integer("global_batch");
        Integer seqLen = b.integer("seq_len");
        Integer zero = b.integer("zero");
        Double tpOverlap = b.number("tp_overlap");
        String tokens = b.string("tokens");
        Integer monteCarlo = b.integer("monte_carlo");
        Long seed = b.longValue("seed");
        Double storageGbps = b.number("storage_gbps");
        Double restartMin = b.number("restart_min");
        String fabric = b.string("fabric");
        Double oversubscription = b.number("oversubscription");
        LayoutSpec spec = LayoutSpec.builder().tp(tp).pp(pp).cp(cp).ep(ep).vpp(vpp).microBatch(microBatch).globalBatch(globalBatch)
                .seqLen(seqLen).sequenceParallel(b.bool("sequence_parallel")).zero(zero).recompute(b.string("recompute"))
                .precision(b.string("precision")).framework(b.string("framework")).flashAttention(b.bool("flash_attention"))
                .tpOverlap(tpOverlap).dpOverlap(b.bool("dp_overlap")).gradDtype(b.string("grad_dtype")).blockingP2p(b.bool("blocking_p2p"))
                .scatterGatherP2p(b.bool("scatter_gather_p2p")).reshardAfterForward(b.bool("reshard_after_forward"))
                .epA2aOverlap(b.bool("ep_a2a_overlap")).offload(b.string("offload")).schedule(b.string("schedule"))
                .expertImbalance(b.number("expert_imbalance")).pipelineLayout(b.string("pipeline_layout")).expertTp(b.integer("expert_tp"))
                .capacityFactor(b.number("capacity_factor")).build();
        b.finish();
        if (gpusGiven != null) {
            Check.count("--gpus", gpusGiven, 1, Check.MAX_GPUS);
        } else {
            Check.count("--servers", servers, 1, Check.MAX_SERVERS);
        }
        Check.count("--vpp", vpp, 1, 1024);
        Check.count("--micro-batch", microBatch, 1, 65_536);
        Check.count("--global-batch", globalBatch, 1, 16_777_216);
        Check.count("--seq-len", seqLen, 1, Check.MAX_TOKENS);
        Check.count("--zero", zero, 0, 3);
        Check.between("--tp-overlap", tpOverlap, 0, 1);
        Check.positive("--storage-gbps", storageGbps, 10_000);
        Check.between("--restart-min", restartMin, 0, 10_080);
        Check.count("--monte-carlo", monteCarlo, 1, MonteCarlo.MAX_RUNS);
        if ((storageGbps != null || restartMin != null || monteCarlo != null) && tokens == null) {
            throw new ApiException(422, "tokens", "missing", "expected tokens with storage_gbps, restart_min or monte_carlo");
        }
        if (seed != null && (seed < 0 || monteCarlo == null)) {
            throw new ApiException(422, "seed", seed < 0 ? seed + " is negative" : "given without monte_carlo",
                    "expected a whole number from 0 with monte_carlo");
        }
        Model m = ModelResolver.resolve(catalog, modelId);
        Server s = withFabric(catalog, catalog.server(serverId), fabric, oversubscription);
        int gpus = gpusGiven != null ? gpusGiven
                : (int) Check.count("--servers", (long) servers * Math.max(1, s.acceleratorCount()), 1, Check.MAX_GPUS);
        for (var p : List.of(Map.entry("--tp", tp == null ? 1 : tp), Map.entry("--pp", pp == null ? 1 : pp),
                Map.entry("--cp", cp == null ? 1 : cp), Map.entry("--ep", ep == null ? 1 : ep))) {
            Check.count(p.getKey(), p.getValue(), 1, gpus);
        }
        long ranks = (long) (tp == null ? 1 : tp) * (pp == null ? 1 : pp) * (cp == null ? 1 : cp);
        long minBatch = gpus / ranks * (microBatch == null ? 1 : microBatch);
        if (globalBatch == null && gpus % ranks == 0 && minBatch > 16_777_216) {
            throw new ApiException(422, "gpus", String.format(Locale.ROOT, "%,d data-parallel ranks x micro-batch need a global batch of "
                    + "at least %,d sequences", gpus / ranks, minBatch), "expected fewer GPUs or a smaller micro_batch");
        }
        TrainingJob job = spec.job(catalog, m, s, gpus, Inputs.tokens(tokens));
        String basis = "given";
        if (globalBatch == null) {
            var l = job.layout();
            double t = (double) l.globalBatch() * l.seqLen();
            if (t > 64.0 * 1024 * 1024) {
                throw new ApiException(422, "gpus", String.format(Locale.ROOT, "%,d data-parallel ranks need a global batch of at least %,d "
                        + "sequences, far above the default of about 4M tokens", l.dp(), l.globalBatch()),
                        "expected global_batch to choose such a batch explicitly, or fewer GPUs");
            }
            basis = t > 2 * TrainingDefaults.BATCH_TOKENS ? "raised" : "default";
        }
        Goodput.Assumptions g = new Goodput.Assumptions(storageGbps == null ? OptionalDouble.empty() : OptionalDouble.of(storageGbps),
                restartMin == null ? OptionalDouble.empty() : OptionalDouble.of(restartMin));
        return new TrainInput(job, m, s, gpus, engine, basis, monteCarlo, seed, g);
    }

    private static Server withFabric(Catalog catalog, Server s, String fabric, Double oversubscription) {
        if (fabric == null && oversubscription == null) {
            return s;
        }
        if (s.nics().isEmpty()) {
            throw new BadInputException(fabric != null ? "fabric" : "oversubscription", "server " + s.id() + " has no scale-out NICs",
                    "expected a server with nics in the catalog");
        }
        var f = fabric != null ? catalog.fabric(fabric) : s.nics().get().fabric();
        if (oversubscription != null) {
            Check.between("--oversubscription", oversubscription, 1, 64);
            f = f.withOversubscription(oversubscription);
        }
        return s.withFabric(f);
    }

    void infer(Context ctx) {
        infer(ctx, false);
    }

    /** The serving simulation's timeline (infer --trace) as a Chrome trace download. */
    void inferTrace(Context ctx) {
        infer(ctx, true);
    }

    private void infer(Context ctx, boolean trace) {
        Body b = web.body(ctx);
        Catalog catalog = web.catalog();
        String modelId = b.id("model", "expected a model id");
        String serverId = b.id("server", "expected a server id");
        Integer gpusBox = b.integer("gpus");
        Integer inBox = b.integer("input_len");
        Integer outBox = b.integer("output_len");
        for (var e : Map.of("gpus", gpusBox == null ? "" : "x", "input_len", inBox == null ? "" : "x", "output_len",
                outBox == null ? "" : "x").entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new ApiException(400, e.getKey(), "missing", "expected a whole number");
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
        String batch = textOrNumber(b, "batch");
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
            throw new ApiException(400, "batch", loads == 0 ? "missing" : "given with rate or offline",
                    "expected exactly one of batch, rate and offline");
        }
        Check.count("--gpus", gpus, 1, Check.MAX_GPUS);
        Check.count("--tp", tp, 1, gpus);
        Check.count("--pp", pp, 1, gpus);
        Check.count("--ep", ep, 1, gpus);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        if (batch == null && requests > web.config().maxRequests()) {
            throw new ApiException(422, "max_requests", String.format(Locale.ROOT, "%,d requests exceed the server's limit of %,d",
                    requests, web.config().maxRequests()), "expected fewer requests (serve --max-requests sets the limit)");
        }
        Check.count("--requests", requests, 1, web.config().maxRequests());
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
        int stage = Math.max(tp, ep);
        if (gpus % ((long) stage * pp) != 0) {
            throw new BadInputException("--gpus", gpus + " GPUs with " + (ep > 1 ? "ep" : "tp") + " x pp = " + stage * pp,
                    "expected a multiple of " + (ep > 1 ? "ep" : "tp") + " x pp");
        }
        var accel = s.accelerator().orElseThrow(() -> new BadInputException("--server " + serverId, "has no accelerators",
                "expected an AI server"));
        Precision w = servingPrecision("--precision", precision);
        if (w == Precision.FP8 && accel.peak(Precision.FP8).isEmpty()) {
            w = accel.peak(Precision.BF16).isPresent() ? Precision.BF16 : Precision.FP16;
        }
        Precision kv = kvPrecision != null ? servingPrecision("--kv-precision", kvPrecision) : (w.bits() < 8 ? Precision.FP8 : w);
        Replica replica = new Replica(m, s, tp, pp, w, kv, ep);
        var rt = catalog.runtime(runtime != null ? Ids.check("runtime", runtime) : accel.efficiency().runtime())
                .withOptions(cudaGraphs, customAllReduce, kvFraction);
        if (ep == 1 && (expertImbalance != 1 || twoBatchOverlap)) {
            throw new BadInputException(expertImbalance != 1 ? "--expert-imbalance" : "--two-batch-overlap", "given without --ep",
                    "expected --ep above 1 (expert parallelism)");
        }
        var features = org.suanli.inference.ServingFeatures.of(specMethod, specTokens, specAcceptance,
                java.util.Optional.ofNullable(draftModel).map(id -> ModelResolver.resolve(catalog, Ids.check("draft_model", id))), prefixCacheHit);
        InferenceModel im = new InferenceModel(replica, rt, new InferenceModel.MoeServing(expertImbalance, twoBatchOverlap), features);
        Confidence confidence = Trust.inference(catalog, accel, rt.id());
        int replicas = gpus / replica.gpus();
        if (batch != null) {
            if (trace) {
                throw new ApiException(422, "batch", "a trace needs a simulation", "expected rate or offline instead of batch");
            }
            int n;
            if (batch.equals("max")) {
                n = im.maxBatch(inputLen, inputLen + outputLen);
                if (n < 1) {
                    throw new ApiException(422, "batch", "not even one sequence of " + (inputLen + outputLen) + " tokens fits",
                            "expected a larger tp or lower-precision weights");
                }
            } else {
                try {
                    n = Integer.parseInt(batch);
                } catch (NumberFormatException e) {
                    throw new ApiException(400, "batch", "'" + batch + "' is not a batch", "expected a whole number or \"max\"");
                }
                Check.count("--batch", n, 1, Check.MAX_TOKENS);
            }
            InferenceResult r = im.evaluate(n, inputLen, outputLen);
            WebContext.json(ctx, InferenceJson.of(replica, im, replicas, r, confidence));
            return;
        }
        if (!arrivals.equals("poisson") && !arrivals.equals("gamma")) {
            throw new ApiException(422, "arrivals", "'" + arrivals + "'", "expected poisson or gamma");
        }
        if (!preemption.equals("recompute") && !preemption.equals("swap")) {
            throw new ApiException(422, "preemption", "'" + preemption + "'", "expected recompute or swap");
        }
        double qps = offline ? Double.POSITIVE_INFINITY : rate;
        RequestLoad.Lengths in = RequestLoad.Lengths.parse(lengths, inputLen);
        RequestLoad.Lengths out = RequestLoad.Lengths.parse(lengths, outputLen);
        RequestLoad load = offline ? RequestLoad.offline(in, out, seed) : new RequestLoad(qps, arrivals.equals("poisson") ? 1 : cv, in, out, seed);
        ServingSimulation.Config config = new ServingSimulation.Config(maxSeqs, tokenBudget, 16, disaggregate, preemption.equals("swap"));
        int n = requests;
        if (trace) {
            // the answer is held in memory: a tenth of the CLI's ceiling of 10,000,000 events, some 150 MB
            Check.count("--max-trace-events", maxTraceEvents, 1, 1_000_000);
            Check.count("--trace-requests", traceRequests, 0, 1_000_000);
            download(ctx, web.limits().call(cancel -> written(tmp -> {
                try (ServingTrace timeline = ServingTrace.open(tmp, replicas, disaggregate, maxTraceEvents, traceRequests)) {
                    ServingSimulation.run(im, replicas, load, n, config, ttftSlo == null ? OptionalDouble.empty() : OptionalDouble.of(ttftSlo),
                            tpotSlo == null ? OptionalDouble.empty() : OptionalDouble.of(tpotSlo), x -> { }, cancel, timeline);
                    timeline.commit();
                }
            })));
            return;
        }
        WebContext.json(ctx, web.limits().call(cancel -> {
            ServingSimulation.Report r = ServingSimulation.run(im, replicas, load, n, config,
                    ttftSlo == null ? OptionalDouble.empty() : OptionalDouble.of(ttftSlo),
                    tpotSlo == null ? OptionalDouble.empty() : OptionalDouble.of(tpotSlo), x -> { }, cancel);
            return ServingJson.of(modelId, serverId, im.runtime(), gpus, replicas, qps, r, confidence, im.features());
        }));
    }

    private static Precision servingPrecision(String option, String key) {
        return Precision.fromKey(key).filter(p -> p != Precision.FP64 && p != Precision.FP32 && p != Precision.TF32 && p != Precision.INT16)
                .orElseThrow(() -> new BadInputException(option, "'" + key + "' is not a serving precision",
                        "expected bf16, fp16, fp8, int8, int4 or fp4"));
    }

    void cost(Context ctx) {
        Body b = web.body(ctx);
        String serverId = b.id("server", "expected a server id, e.g. dgx-h100");
        int servers = b.integer("servers", 1);
        double days = b.number("days", 365);
        boolean bom = b.flag("bom");
        String rule = b.string("rule", "2023-10");
        CostAssumptions a = costAssumptions(b);
        b.finish();
        Check.count("--servers", servers, 1, Check.MAX_SERVERS);
        Check.positive("--days", days, Check.MAX_DAYS);
        Server s = web.catalog().server(serverId);
        if (bom) {
            if (s.bom().isEmpty()) {
                throw new ApiException(422, "server " + s.id(), "has no bill of materials in the catalog",
                        "expected a server with a 'bom' list, e.g. dgx-h100 or general-2s-spr");
            }
            WebContext.json(ctx, BomJson.of(BillOfMaterials.of(s, web.catalog(), rule), rule));
            return;
        }
        WebContext.json(ctx, CostJson.of(s, servers, days, CostModel.run(s, servers, days * 86400, 0, a), a));
    }

    /** The cost overrides of {@code cost}, {@code plan train} and {@code plan serve}. */
    static CostAssumptions costAssumptions(Body b) {
        Double years = b.number("years");
        Double pue = b.number("pue");
        Double usdPerKwh = b.number("usd_per_kwh");
        Double utilisation = b.number("utilisation");
        String port = textOrNumber(b, "usd_per_port");
        String rent = textOrNumber(b, "usd_per_gpu_hour");
        return Inputs.costAssumptions(years, pue, usdPerKwh, utilisation, port, rent);
    }

    /** A field that may be text ("max", "$2.5") or a number, as text. */
    static String textOrNumber(Body b, String key) {
        try {
            return b.string(key);
        } catch (ApiException e) {
            Double v = b.number(key);
            return v == null ? null : v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue()) : String.valueOf(v);
        }
    }
}
