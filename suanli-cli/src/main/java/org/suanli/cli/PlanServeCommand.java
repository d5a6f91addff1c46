package org.suanli.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.inference.FleetPlanner;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.RequestLoad;
import org.suanli.report.json.FleetPlanJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import org.suanli.validation.Confidence;
import org.suanli.workload.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli plan serve}: the cheapest fleet that serves a request rate within p99 latency targets. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cheapest fleet (server type, replicas, tensor parallelism per replica) that meets p99 TTFT and TPOT "
                + "targets at a request rate, each candidate checked by the serving simulation; cost per million tokens.")
final class PlanServeCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Mixin
    CostOptions costOptions;

    @Option(names = "--model", required = true, paramLabel = "M")
    String model;

    @Option(names = "--rate", required = true, paramLabel = "QPS", description = "Requests per second.")
    double rate;

    @Option(names = "--ttft-p99", required = true, paramLabel = "S", description = "p99 time-to-first-token target, seconds.")
    double ttft;

    @Option(names = "--tpot-p99", required = true, paramLabel = "S", description = "p99 time-per-output-token target, seconds.")
    double tpot;

    @Option(names = "--input-len", defaultValue = "1024", description = "Mean prompt tokens (default 1024).")
    int inputLen;

    @Option(names = "--output-len", defaultValue = "256", description = "Mean output tokens (default 256).")
    int outputLen;

    @Option(names = "--lengths", defaultValue = "lognormal", description = "fixed, uniform or lognormal (default; sigma 0.5).")
    String lengths;

    @Option(names = "--server", paramLabel = "S", description = "Server type (repeatable; default every AI server).")
    List<String> serverIds = new ArrayList<>();

    @Option(names = "--requests", defaultValue = "1500", description = "Requests simulated per candidate size (default 1500).")
    int requests;

    @Option(names = "--top", defaultValue = "8", description = "Fleets to list (default 8).")
    int top;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--runtime", description = "Serving runtime preset for every server type (catalog list --kind runtime); "
            + "default: each part's family's (TensorRT-LLM on NVIDIA, vLLM elsewhere).")
    String runtime;

    @Override
    public void run() {
        common.checkFormat();
        if (!(rate > 0) || !(ttft > 0) || !(tpot > 0)) {
            throw new BadInputException("plan serve", "rate " + rate + ", ttft " + ttft + ", tpot " + tpot, "expected positive values");
        }
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        RequestLoad.requireFits(m, inputLen, outputLen);
        List<Server> servers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Server s : CommonOptions.aiServers(catalog, serverIds)) {
            if (!serverIds.isEmpty()) {
                s.requireSimulatable();
            }
            s.notSimulatable().ifPresentOrElse(why -> skipped.add(s.id() + " (" + why + ")"), () -> servers.add(s));
        }
        RequestLoad.Lengths in = RequestLoad.Lengths.parse(lengths, inputLen);
        RequestLoad.Lengths out = RequestLoad.Lengths.parse(lengths, outputLen);
        FleetPlanner.Request q = new FleetPlanner.Request(m, servers, new RequestLoad(rate, 1, in, out, seed), requests, ttft, tpot,
                ServingSimulation.Config.defaults(), costOptions.assumptions(), 4096,
                runtime != null ? fixed(catalog.runtime(runtime)) : s -> catalog.runtime(s.accelerator().orElseThrow().efficiency().runtime()));
        List<FleetPlanner.Fleet> fleets = FleetPlanner.plan(q);
        List<FleetPlanner.Fleet> shown = fleets.subList(0, Math.min(top, fleets.size()));
        common.render(() -> FleetPlanJson.of(catalog, m.id(), runtime, rate, ttft, tpot, shown, skipped),
                () -> text(catalog, m, fleets, shown, skipped), () -> text(catalog, m, fleets, shown, skipped));
    }

    private String text(Catalog catalog, Model m, List<FleetPlanner.Fleet> fleets, List<FleetPlanner.Fleet> shown, List<String> skipped) {
        Table t = new Table(List.of("server", "runtime", "tp", "weights", "policy", "replicas", "servers", "GPUs", "ttft p99", "tpot p99",
                "tokens/s", "$/hour", "$/M tokens", "confidence")).alignRight(2, 5, 6, 7, 8, 9, 10, 11, 12);
        List<Confidence> trust = new ArrayList<>();
        for (FleetPlanner.Fleet f : shown) {
            Confidence c = confidence(catalog, f);
            trust.add(c);
            t.add(f.server().id(), f.runtime().id(), String.valueOf(f.tp()), f.weights().key(), f.policy(), String.valueOf(f.replicas()),
                    String.valueOf(f.servers()), String.valueOf(f.gpus()), Units.formatTime(f.report().ttft().p99()),
                    Units.formatTime(f.report().tpot().p99()), Units.num(f.report().outputTokensPerS()),
                    f.usdPerHour().isPresent() ? String.format(Locale.ROOT, "$%,.2f", f.usdPerHour().getAsDouble()) : "no price",
                    f.usdPerMillionTokens().isPresent() ? String.format(Locale.ROOT, "$%.3f", f.usdPerMillionTokens().getAsDouble()) : "-",
                    ConfidenceReport.tag(c));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Plan: serve %s at %s requests/s (%s lengths, %d in / %d out mean) within p99 TTFT %s and TPOT %s%n",
                m.name(), Units.num(rate), lengths, inputLen, outputLen, Units.formatTime(ttft), Units.formatTime(tpot)));
        sb.append("continuous batching with chunked prefill (vLLM-style) on " + (runtime != null ? runtime : "each family's default runtime")
                + ", mixed or prefill/decode-disaggregated replicas;\n" + "each fleet size checked by simulation; cheapest first\n\n");
        sb.append(fleets.isEmpty() ? "No fleet meets the targets: even one request at a time is too slow, or nothing fits.\n" : t.toText());
        skipped.forEach(x -> sb.append("not simulated: ").append(x).append('\n'));
        ConfidenceReport.rankingNotes(trust, shown.stream().map(f -> f.server().id() + " tp" + f.tp()).toList()).forEach(n -> sb.append(n).append('\n'));
        return sb.toString();
    }

    private static java.util.function.Function<Server, org.suanli.software.ServingRuntime> fixed(org.suanli.software.ServingRuntime r) {
        return s -> r;
    }

    private static Confidence confidence(Catalog catalog, FleetPlanner.Fleet f) {
        return FleetPlanJson.confidence(catalog, f);
    }
}
