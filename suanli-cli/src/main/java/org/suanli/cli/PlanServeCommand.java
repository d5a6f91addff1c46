package org.suanli.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.inference.FleetPlanner;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.Workload;
import org.suanli.report.Json;
import org.suanli.report.Table;
import org.suanli.units.Units;
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

    @Option(names = "--runtime", defaultValue = "tensorrt-llm-0.8",
            description = "Serving runtime: tensorrt-llm-0.8 (default; GQA-aware decode kernels) or tensorrt-llm-0.5.")
    String runtime;

    @Override
    public void run() {
        common.checkFormat();
        if (!(rate > 0) || !(ttft > 0) || !(tpot > 0)) {
            throw new BadInputException("plan serve", "rate " + rate + ", ttft " + ttft + ", tpot " + tpot, "expected positive values");
        }
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        Workload.requireFits(m, inputLen, outputLen);
        List<Server> servers = CommonOptions.aiServers(catalog, serverIds);
        Workload.Lengths in = Workload.Lengths.parse(lengths, inputLen);
        Workload.Lengths out = Workload.Lengths.parse(lengths, outputLen);
        FleetPlanner.Request q = new FleetPlanner.Request(m, servers, new Workload(rate, 1, in, out, seed), requests, ttft, tpot,
                ServingSimulation.Config.defaults(), costOptions.assumptions(), 4096, catalog.runtime(runtime));
        List<FleetPlanner.Fleet> fleets = FleetPlanner.plan(q);
        List<FleetPlanner.Fleet> shown = fleets.subList(0, Math.min(top, fleets.size()));
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", m.id());
            j.put("runtime", q.runtime().id());
            j.put("rate_per_s", rate);
            j.put("ttft_p99_target_s", ttft);
            j.put("tpot_p99_target_s", tpot);
            j.put("fleets", shown.stream().map(PlanServeCommand::json).toList());
            common.print(Json.write(j));
            return;
        }
        Table t = new Table(List.of("server", "tp", "weights", "policy", "replicas", "servers", "GPUs", "ttft p99", "tpot p99",
                "tokens/s", "$/hour", "$/M tokens")).alignRight(1, 4, 5, 6, 7, 8, 9, 10, 11);
        for (FleetPlanner.Fleet f : shown) {
            t.add(f.server().id(), String.valueOf(f.tp()), f.weights().key(), f.policy(), String.valueOf(f.replicas()), String.valueOf(f.servers()),
                    String.valueOf(f.gpus()), Units.formatTime(f.report().ttft().p99()), Units.formatTime(f.report().tpot().p99()),
                    Units.num(f.report().outputTokensPerS()),
                    f.usdPerHour().isPresent() ? String.format(Locale.ROOT, "$%,.2f", f.usdPerHour().getAsDouble()) : "no price",
                    f.usdPerMillionTokens().isPresent() ? String.format(Locale.ROOT, "$%.3f", f.usdPerMillionTokens().getAsDouble()) : "-");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Plan: serve %s at %s requests/s (%s lengths, %d in / %d out mean) within p99 TTFT %s and TPOT %s%n",
                m.name(), Units.num(rate), lengths, inputLen, outputLen, Units.formatTime(ttft), Units.formatTime(tpot)));
        sb.append("continuous batching with chunked prefill (vLLM-style) on " + q.runtime().id()
                + ", mixed or prefill/decode-disaggregated replicas;\n" + "each fleet size checked by simulation; cheapest first\n\n");
        sb.append(fleets.isEmpty() ? "No fleet meets the targets: even one request at a time is too slow, or nothing fits.\n" : t.toText());
        common.print(sb.toString());
    }

    private static Map<String, Object> json(FleetPlanner.Fleet f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", f.server().id());
        m.put("tp", f.tp());
        m.put("weights", f.weights().key());
        m.put("policy", f.prefillReplicas() == 0 ? "mixed" : "disaggregated");
        m.put("replicas", f.replicas());
        m.put("prefill_replicas", f.prefillReplicas());
        m.put("servers", f.servers());
        m.put("gpus", f.gpus());
        m.put("ttft_p99_s", f.report().ttft().p99());
        m.put("tpot_p99_s", f.report().tpot().p99());
        m.put("output_tokens_per_s", f.report().outputTokensPerS());
        m.put("usd_per_hour", f.usdPerHour().isPresent() ? f.usdPerHour().getAsDouble() : null);
        m.put("usd_per_million_tokens", f.usdPerMillionTokens().isPresent() ? f.usdPerMillionTokens().getAsDouble() : null);
        return m;
    }
}
