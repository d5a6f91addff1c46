package org.suanli.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.input.Check;
import org.suanli.input.Inputs;
import org.suanli.jobs.OptionException.Kind;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.Planner;
import org.suanli.reliability.Goodput;
import org.suanli.plan.SearchSpace;
import org.suanli.report.json.PlanJson;
import org.suanli.software.Framework;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.workload.Model;

/** {@code plan train}: the best layouts and cluster sizes, read from its options the way {@code suanli plan train} reads them. */
public record PlanTrainJob(Catalog catalog, PlanRequest request) implements Job {

    /** Reads a plan-train options map and refuses a search over the context's {@code maxCandidates}. */
    public static PlanTrainJob read(Options b, JobContext ctx) {
        Catalog catalog = ctx.catalog();
        String modelId = ctx.id("model", b.required("model", "expected a model id, e.g. llama3-70b"));
        String tokens = b.string("tokens");
        Integer servers = b.integer("servers");
        Double days = b.number("days");
        String budgetText = b.textOrNumber("budget");
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
        var costs = Costs.read(b);
        b.finish();
        int modes = (servers != null ? 1 : 0) + (days != null ? 1 : 0) + (budgetText != null ? 1 : 0);
        if (modes != 1) {
            throw new OptionException(Kind.USAGE, "servers", modes == 0 ? "missing" : "given with days or budget",
                    "expected exactly one of servers, days and budget");
        }
        serverIds.forEach(id -> ctx.id("server", id));
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
            throw new OptionException(Kind.INPUT, "tokens", "missing",
                    "expected tokens (e.g. \"2T\") with days, budget, storage_gbps or restart_min");
        }
        long ceiling = ctx.maxCandidates();
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
            throw new OptionException(Kind.INPUT, "space", "unknown search space '" + space + "'", "expected standard or wide");
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
            throw new OptionException(Kind.TOO_LARGE, "max_candidates", String.format(Locale.ROOT, "the search would evaluate up to %,d "
                    + "layouts, over the limit of %,d", bound, ceiling), "expected fewer server types, a smaller max_servers or fewer "
                    + "precision values (serve --max-candidates sets the server's limit)");
        }
        return new PlanTrainJob(catalog, req);
    }

    private static Objective objective(String s) {
        try {
            return Objective.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OptionException(Kind.INPUT, "objective", "'" + s + "' is not an objective", "expected time, cost or energy");
        }
    }

    /** Returns {@code suanli plan train --json}'s object, the search reporting layouts searched to {@code progress}. */
    public PlanJson run(LongConsumer progress, AtomicBoolean cancel) {
        return PlanJson.of(catalog, request, Planner.plan(request, progress, cancel));
    }

    @Override
    public PlanJson run(AtomicBoolean cancel) {
        return run(n -> { }, cancel);
    }
}
