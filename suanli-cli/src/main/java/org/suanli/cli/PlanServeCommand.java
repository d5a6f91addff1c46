package org.suanli.cli;

import org.suanli.input.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.cost.PriceQuote;
import org.suanli.cost.PriceRanking;
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

    @Option(names = "--rate", required = true, paramLabel = "QPS", description = "Requests per second, above 0 and at most 1,000,000.")
    double rate;

    @Option(names = "--ttft-p99", required = true, paramLabel = "S", description = "p99 time-to-first-token target, seconds, above 0 and at most 86,400.")
    double ttft;

    @Option(names = "--tpot-p99", required = true, paramLabel = "S", description = "p99 time-per-output-token target, seconds, above 0 and at most 86,400.")
    double tpot;

    @Option(names = "--input-len", defaultValue = "1024", description = "Mean prompt tokens, 1 to 16,777,216 and within the model's context (default 1024).")
    int inputLen;

    @Option(names = "--output-len", defaultValue = "256", description = "Mean output tokens, 1 to 16,777,216 and within the model's context (default 256).")
    int outputLen;

    @Option(names = "--lengths", defaultValue = "lognormal", description = "fixed, uniform or lognormal (default; sigma 0.5).")
    String lengths;

    @Option(names = "--server", paramLabel = "S", description = "Server type (repeatable; default every AI server).")
    List<String> serverIds = new ArrayList<>();

    @Option(names = "--requests", defaultValue = "1500", description = "Requests simulated per candidate size, 1 to --max-requests (default 1500).")
    int requests;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "100000",
            description = "Ceiling on --requests (each candidate fleet size simulates that many), checked before the search starts; "
                    + "1 to 10,000,000 (default 100,000).")
    int maxRequests;

    @Option(names = "--top", defaultValue = "8", description = "Fleets to list, 1 to 1,000 (default 8).")
    int top;

    @Option(names = "--per-server", description = "List the cheapest fleet of each server type (to compare vendors) instead of "
            + "the cheapest fleets overall.")
    boolean perServer;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--runtime", description = "Serving runtime preset for every server type (catalog list --kind runtime); "
            + "default: each part's family's (TensorRT-LLM on NVIDIA, vLLM elsewhere).")
    String runtime;

    @Override
    public void run() {
        common.checkFormat();
        Check.positive("--rate", rate, Check.MAX_RATE);
        Check.positive("--ttft-p99", ttft, Check.MAX_SLO_S);
        Check.positive("--tpot-p99", tpot, Check.MAX_SLO_S);
        Check.count("--input-len", inputLen, 1, Check.MAX_TOKENS);
        Check.count("--output-len", outputLen, 1, Check.MAX_TOKENS);
        Check.count("--max-requests", maxRequests, 1, 10_000_000);
        if (requests > maxRequests) {
            throw new BadInputException("--requests", String.format(Locale.ROOT, "%,d requests exceed the ceiling of %,d", requests, maxRequests),
                    "expected fewer requests, or raise the ceiling with --max-requests");
        }
        Check.count("--requests", requests, 1, maxRequests);
        Check.count("--top", top, 1, 1000);
        costOptions.check();
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
        try (LongRun run = new LongRun("planning", " fleet shapes", -1, common.format() == OutputFormat.TABLE)) {
            List<FleetPlanner.Fleet> all = FleetPlanner.plan(q, run.progress(), run.cancel);
            List<FleetPlanner.Fleet> fleets = perServer ? FleetPlanner.cheapestPerServer(all) : all;
            run.endBar();
            print(catalog, m, fleets, skipped, run.cancelled());
        }
    }

    private void print(Catalog catalog, Model m, List<FleetPlanner.Fleet> fleets, List<String> skipped, boolean interrupted) {
        List<FleetPlanner.Fleet> shown = fleets.subList(0, Math.min(top, fleets.size()));
        common.render(() -> FleetPlanJson.of(catalog, m.id(), runtime, rate, ttft, tpot, shown, skipped, !interrupted),
                () -> table(catalog, shown, new ArrayList<>()).toCsv(), () -> text(catalog, m, fleets, shown, skipped, interrupted));
    }

    /** The fleets shown, one row each; their confidences are added to {@code trust} in row order. */
    private static Table table(Catalog catalog, List<FleetPlanner.Fleet> shown, List<Confidence> trust) {
        Table t = new Table(List.of("server", "runtime", "tp", "weights", "policy", "replicas", "servers", "GPUs", "ttft p99", "tpot p99",
                "tokens/s", "$/hour", "$/M tokens", "price", "confidence")).alignRight(2, 5, 6, 7, 8, 9, 10, 11, 12);
        for (FleetPlanner.Fleet f : shown) {
            Confidence c = confidence(catalog, f);
            trust.add(c);
            t.add(f.server().id(), f.runtime().id(), String.valueOf(f.tp()), f.weights().key(), f.policy(), String.valueOf(f.replicas()),
                    String.valueOf(f.servers()), String.valueOf(f.gpus()), Units.formatTime(f.report().ttft().p99()),
                    Units.formatTime(f.report().tpot().p99()), Units.num(f.report().outputTokensPerS()),
                    f.usdPerHour().isPresent() ? String.format(Locale.ROOT, "$%,.2f", f.usdPerHour().getAsDouble()) : "no price",
                    perMillion(f), f.price().map(PlanServeCommand::priceTag).orElse(f.usdPerHour().isPresent() ? "given" : "-"),
                    ConfidenceReport.tag(c));
        }
        return t;
    }

    /** The price per million tokens, as the range its published price gives. */
    private static String perMillion(FleetPlanner.Fleet f) {
        if (f.usdPerMillionTokens().isEmpty()) {
            return "-";
        }
        double lo = f.hour().usdPerMillionTokensLow().getAsDouble();
        double hi = f.hour().usdPerMillionTokensHigh().getAsDouble();
        return hi > lo * (1 + 1e-9) ? String.format(Locale.ROOT, "$%.3f-%.3f", lo, hi) : String.format(Locale.ROOT, "$%.3f", lo);
    }

    /** "buy street 2024-07", "buy derived 2026-01" or "rent on-demand 2026-05". */
    static String priceTag(PriceQuote q) {
        String kind = q.derived() ? "derived" : q.kind().replace("cloud-", "");
        return q.basis().key() + " " + kind + " " + q.date();
    }

    /** One line per server type shown: the price its costs use and where it came from. */
    static List<String> priceLines(List<FleetPlanner.Fleet> shown) {
        java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
        for (FleetPlanner.Fleet f : shown) {
            f.price().ifPresent(q -> lines.putIfAbsent(f.server().id(), "price of " + f.server().id() + ": " + q.describe()));
        }
        return new ArrayList<>(lines.values());
    }

    /** Notes where the ranking is not decided by the prices (overlapping ranges, bought against rented). */
    static List<String> rankingNotes(List<FleetPlanner.Fleet> shown) {
        List<PriceRanking.Entry> entries = new ArrayList<>();
        for (FleetPlanner.Fleet f : shown) {
            if (f.usdPerMillionTokens().isPresent()) {
                entries.add(new PriceRanking.Entry(f.server().id() + " tp" + f.tp(), f.hour().usdPerMillionTokensLow().getAsDouble(),
                        f.hour().usdPerMillionTokensHigh().getAsDouble(), f.price().orElse(null)));
            }
        }
        return PriceRanking.notes(entries, "/M tokens");
    }

    private String text(Catalog catalog, Model m, List<FleetPlanner.Fleet> fleets, List<FleetPlanner.Fleet> shown, List<String> skipped,
                        boolean interrupted) {
        List<Confidence> trust = new ArrayList<>();
        Table t = table(catalog, shown, trust);
        StringBuilder sb = new StringBuilder();
        if (interrupted) {
            sb.append("interrupted: the fleets sized before Ctrl-C, not a complete search\n");
        }
        sb.append(String.format(Locale.ROOT, "Plan: serve %s at %s requests/s (%s lengths, %d in / %d out mean) within p99 TTFT %s and TPOT %s%n",
                m.name(), Units.num(rate), lengths, inputLen, outputLen, Units.formatTime(ttft), Units.formatTime(tpot)));
        sb.append("continuous batching with chunked prefill (vLLM-style) on " + (runtime != null ? runtime : "each family's default runtime")
                + ", mixed or prefill/decode-disaggregated replicas;\n" + "each fleet size checked by simulation; cheapest first\n\n");
        sb.append(fleets.isEmpty() ? "No fleet meets the targets: even one request at a time is too slow, or nothing fits.\n" : t.toText());
        skipped.forEach(x -> sb.append("not simulated: ").append(x).append('\n'));
        priceLines(shown).forEach(x -> sb.append(x).append('\n'));
        rankingNotes(shown).forEach(x -> sb.append(x).append('\n'));
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
