package org.suanli.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.inference.FleetPlanner;
import org.suanli.inference.RequestLoad;
import org.suanli.inference.ServingSimulation;
import org.suanli.input.Check;
import org.suanli.input.Inputs;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.Planner;
import org.suanli.plan.SearchSpace;
import org.suanli.reliability.Goodput;
import org.suanli.report.json.FleetPlanJson;
import org.suanli.report.json.PlanJson;
import org.suanli.software.Framework;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.workload.Model;

/** {@code POST /api/plan/train} (synchronous, or as a job with progress) and {@code POST /api/plan/serve}. */
final class PlanHandlers {
    private final WebContext web;
    private final PlanJobs jobs;

    PlanHandlers(WebContext web, PlanJobs jobs) {
        this.web = web;
        this.jobs = jobs;
    }

    void planTrain(Context ctx) {
        PlanRequest req = planRequest(web.body(ctx));
        WebContext.json(ctx, web.limits().call(cancel -> PlanJson.of(web.catalog(), req, Planner.plan(req, n -> { }, cancel))));
    }

    void startJob(Context ctx) {
        PlanRequest req = planRequest(web.body(ctx));
        String id = jobs.start(req, Planner.candidateBound(req));
        ctx.status(202);
        WebContext.json(ctx, java.util.Map.of("id", id));
    }

    /** Reads a plan-train body the way {@code suanli plan train} reads its options, and refuses a search over max_candidates. */
    PlanRequest planRequest(Body b) {
        Catalog catalog = web.catalog();
        String modelId = b.id("model", "expected a model id, e.g. llama3-70b");
        String tokens = b.string("tokens");
        Integer servers = b.integer("servers");
        Double days = b.number("days");
        String budgetText = ComputeHandlers.textOrNumber(b, "budget");
        List<String> serverIds = b.strings("server");
        String objective = b.string("objective");
        String space = b.string("space", "standard");
        int top = b.integer("top", 10);
        Integer seqLen = b.integer("seq_len");
        Integer globalBatch = b.integer("global_batch");
        List<String> precisions = b.strings("precision");
        String framework = b.string("framework");
        Double storageGbps = b.number("storage_gbps");
        Double restartMin = b.number("restart_min");
        int maxServers = b.integer("max_servers", 4096);
        Long maxCandidates = b.longValue("max_candidates");
        var costs = ComputeHandlers.costAssumptions(b);
        b.finish();
        int modes = (servers != null ? 1 : 0) + (days != null ? 1 : 0) + (budgetText != null ? 1 : 0);
        if (modes != 1) {
            throw new ApiException(400, "servers", modes == 0 ? "missing" : "given with days or budget",
                    "expected exactly one of servers, days and budget");
        }
        serverIds.forEach(id -> Ids.check("server", id));
        Check.count("--top", top, 1, 1000);
        Check.count("--servers", servers, 1, 65_536);
        if (days != null) {
            Check.positive("--days", days, Check.MAX_DAYS);
        }
        Check.count("--seq-len", seqLen, 1, Check.MAX_TOKENS);
        Check.count("--global-batch", globalBatch, 1, 16_777_216);
        Check.count("--max-servers", maxServers, 1, 65_536);
        Check.positive("--storage-gbps", storageGbps, 10_000);
        Check.between("--restart-min", restartMin, 0, 10_080);
        if ((storageGbps != null || restartMin != null || days != null || budgetText != null) && tokens == null) {
            throw new ApiException(422, "tokens", "missing", "expected tokens (e.g. \"2T\") with days, budget, storage_gbps or restart_min");
        }
        long ceiling = web.config().maxCandidates();
        if (maxCandidates != null) {
            Check.count("--max-candidates", maxCandidates, 1, ceiling);
            ceiling = maxCandidates;
        }
        Model m = ModelResolver.resolve(catalog, modelId);
        OptionalDouble budgetTokens = Inputs.tokens(tokens);
        Function<Server, Framework> fw;
        if (framework != null) {
            Framework f = catalog.framework(framework);
            fw = s -> f;
        } else {
            fw = s -> TrainingDefaults.framework(catalog, s);
        }
        List<Server> candidates = Inputs.aiServers(catalog, serverIds);
        Objective obj = objective != null ? objective(objective) : days != null ? Objective.COST : Objective.TIME;
        int seq = seqLen != null ? seqLen : TrainingDefaults.seqLen(m);
        int gb = globalBatch != null ? globalBatch : TrainingDefaults.globalBatch(seq);
        List<Precision> prec = !precisions.isEmpty() ? precisions.stream().map(LayoutSpec::trainingPrecision).toList()
                : TrainingDefaults.PLAN_PRECISIONS;
        if (!List.of("standard", "wide").contains(space)) {
            throw new ApiException(422, "space", "unknown search space '" + space + "'", "expected standard or wide");
        }
        OptionalDouble budget = budgetText != null ? OptionalDouble.of(Inputs.money("--budget", budgetText)) : OptionalDouble.empty();
        SearchSpace ss = space.equals("wide") ? SearchSpace.wide(seq, gb, prec, fw) : SearchSpace.full(seq, gb, prec, fw);
        Goodput.Assumptions g = new Goodput.Assumptions(storageGbps == null ? OptionalDouble.empty() : OptionalDouble.of(storageGbps),
                restartMin == null ? OptionalDouble.empty() : OptionalDouble.of(restartMin));
        PlanRequest req = new PlanRequest(m, candidates, budgetTokens, servers != null ? OptionalInt.of(servers) : OptionalInt.empty(),
                days != null ? OptionalDouble.of(days) : OptionalDouble.empty(), budget, obj, top, ss, costs, maxServers,
                budgetTokens.isPresent() ? Optional.of(g) : Optional.empty());
        long bound = Planner.candidateBound(req);
        if (bound > ceiling) {
            throw new ApiException(413, "max_candidates", String.format(Locale.ROOT, "the search would evaluate up to %,d layouts, over "
                    + "the limit of %,d", bound, ceiling), "expected fewer server types, a smaller max_servers or fewer precision "
                    + "values (serve --max-candidates sets the server's limit)");
        }
        return req;
    }

    private static Objective objective(String s) {
        try {
            return Objective.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "objective", "'" + s + "' is not an objective", "expected time, cost or energy");
        }
    }

    void planServe(Context ctx) {
        Body b = web.body(ctx);
        Catalog catalog = web.catalog();
        String modelId = b.id("model", "expected a model id");
        Double rate = b.number("rate");
        Double ttft = b.number("ttft_p99");
        Double tpot = b.number("tpot_p99");
        int inputLen = b.integer("input_len", 1024);
        int outputLen = b.integer("output_len", 256);
        String lengths = b.string("lengths", "lognormal");
        List<String> serverIds = b.strings("server");
        int requests = b.integer("requests", 1500);
        int top = b.integer("top", 8);
        Long seedBox = b.longValue("seed");
        String runtime = b.string("runtime");
        var costs = ComputeHandlers.costAssumptions(b);
        b.finish();
        for (var e : new Object[][] {{"rate", rate}, {"ttft_p99", ttft}, {"tpot_p99", tpot}}) {
            if (e[1] == null) {
                throw new ApiException(400, (String) e[0], "missing", "expected a number above 0");
            }
        }
        serverIds.forEach(id -> Ids.check("server", id));
        Check.positive("--rate", rate, Check.MAX_RATE);
        Check.positive("--ttft-p99", ttft, Check.MAX_SLO_S);
        Check.positive("--tpot-p99", tpot, Check.MAX_SLO_S);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        if (requests > web.config().maxRequests()) {
            throw new ApiException(422, "max_requests", String.format(Locale.ROOT, "%,d requests per fleet size exceed the server's limit "
                    + "of %,d", requests, web.config().maxRequests()), "expected fewer requests (serve --max-requests sets the limit)");
        }
        Check.count("--requests", requests, 1, web.config().maxRequests());
        Check.count("--top", top, 1, 1000);
        Model m = ModelResolver.resolve(catalog, modelId);
        RequestLoad.requireFits(m, inputLen, outputLen);
        List<Server> servers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Server s : Inputs.aiServers(catalog, serverIds)) {
            if (!serverIds.isEmpty()) {
                s.requireSimulatable();
            }
            s.notSimulatable().ifPresentOrElse(why -> skipped.add(s.id() + " (" + why + ")"), () -> servers.add(s));
        }
        RequestLoad.Lengths in = RequestLoad.Lengths.parse(lengths, inputLen);
        RequestLoad.Lengths out = RequestLoad.Lengths.parse(lengths, outputLen);
        var fixedRuntime = runtime != null ? catalog.runtime(runtime) : null;
        FleetPlanner.Request q = new FleetPlanner.Request(m, servers, new RequestLoad(rate, 1, in, out, seedBox == null ? 1 : seedBox),
                requests, ttft, tpot, ServingSimulation.Config.defaults(), costs, 4096,
                fixedRuntime != null ? s -> fixedRuntime : s -> catalog.runtime(s.accelerator().orElseThrow().efficiency().runtime()));
        WebContext.json(ctx, web.limits().call(cancel -> {
            List<FleetPlanner.Fleet> fleets = FleetPlanner.plan(q, n -> { }, cancel);
            if (cancel.get()) {
                throw web.limits().timedOut();
            }
            List<FleetPlanner.Fleet> shown = fleets.subList(0, Math.min(top, fleets.size()));
            return FleetPlanJson.of(catalog, m.id(), runtime, rate, ttft, tpot, shown, skipped, true);
        }));
    }
}
