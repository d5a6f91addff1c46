package org.suanli.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.inference.FleetPlanner;
import org.suanli.inference.RequestLoad;
import org.suanli.inference.ServingSimulation;
import org.suanli.input.Check;
import org.suanli.input.Inputs;
import org.suanli.jobs.OptionException.Kind;
import org.suanli.report.json.FleetPlanJson;
import org.suanli.workload.Model;

/** {@code plan serve}: the cheapest fleets that meet the SLOs, read from its options the way {@code suanli plan serve} reads them. */
public record PlanServeJob(Catalog catalog, FleetPlanner.Request request, String modelId, String runtime, double rate, double ttft,
                           double tpot, int top, List<String> skipped, boolean perServer) implements Job {

    /** Reads a plan-serve options map. */
    public static PlanServeJob read(Options b, JobContext ctx) {
        Catalog catalog = ctx.catalog();
        String modelId = ctx.id("model", b.required("model", "expected a model id"));
        Double rate = b.number("rate");
        Double ttft = b.number("ttft_p99");
        Double tpot = b.number("tpot_p99");
        int inputLen = b.integer("input_len", 1024);
        int outputLen = b.integer("output_len", 256);
        String lengths = b.string("lengths", "lognormal");
        List<String> serverIds = b.strings("server");
        int requests = b.integer("requests", 1500);
        int top = b.integer("top", 8);
        boolean perServer = b.flag("per_server");
        Long seedBox = b.longValue("seed");
        String runtime = b.string("runtime");
        var costs = Costs.read(b);
        b.finish();
        for (var e : new Object[][] {{"rate", rate}, {"ttft_p99", ttft}, {"tpot_p99", tpot}}) {
            if (e[1] == null) {
                throw new OptionException(Kind.USAGE, (String) e[0], "missing", "expected a number above 0");
            }
        }
        serverIds.forEach(id -> ctx.id("server", id));
        Check.positive("--rate", rate, Check.MAX_RATE);
        Check.positive("--ttft-p99", ttft, Check.MAX_SLO_S);
        Check.positive("--tpot-p99", tpot, Check.MAX_SLO_S);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        if (requests > ctx.maxRequests()) {
            throw new OptionException(Kind.INPUT, "max_requests", String.format(Locale.ROOT, "%,d requests per fleet size exceed the "
                    + "server's limit of %,d", requests, ctx.maxRequests()), "expected fewer requests (serve --max-requests sets the limit)");
        }
        Check.count("--requests", requests, 1, ctx.maxRequests());
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
        return new PlanServeJob(catalog, q, m.id(), runtime, rate, ttft, tpot, top, List.copyOf(skipped), perServer);
    }

    /**
     * Returns {@code suanli plan serve --json}'s object: the {@code top} cheapest fleets, or with {@code per_server} the cheapest
     * of each server type (fewer when {@code cancel} stopped the search).
     */
    @Override
    public FleetPlanJson run(AtomicBoolean cancel) {
        List<FleetPlanner.Fleet> all = FleetPlanner.plan(request, n -> { }, cancel);
        List<FleetPlanner.Fleet> fleets = perServer ? FleetPlanner.cheapestPerServer(all) : all;
        List<FleetPlanner.Fleet> shown = fleets.subList(0, Math.min(top, fleets.size()));
        return FleetPlanJson.of(catalog, modelId, runtime, rate, ttft, tpot, shown, skipped, true);
    }
}
