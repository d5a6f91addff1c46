package org.suanli.market;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.inference.FleetPlanner;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.RequestLoad;
import org.suanli.plan.Candidate;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.plan.Planner;
import org.suanli.plan.SearchSpace;
import org.suanli.units.UnitException;
import org.suanli.units.Units;
import org.suanli.workload.Model;

/**
 * The bridge from "models grow" to "servers sell": each training run of a demand file (year, model,
 * tokens, days, server type, how many such runs) is planned with {@link Planner} for the smallest
 * cluster that meets its deadline, each serving load (year, model, request rate, p99 targets, server
 * type) with {@link FleetPlanner} for the cheapest fleet that meets its targets, and the clusters are
 * summed per year into servers, GPUs, power and capital spend.
 */
public final class Demand {
    private Demand() {
    }

    /** One planned training run. */
    public record RunPlan(int year, String model, double tokens, double days, String server, int count, int servers, int gpus,
                          double powerKw, OptionalDouble capexUsd, double achievedDays) {
    }

    /** The totals of one year. */
    public record YearTotal(int year, int servers, long gpus, double powerKw, double capexUsd, boolean capexComplete) {
    }

    /** One planned serving load: the cheapest fleet of its server type that meets its p99 targets at its rate. */
    public record ServePlan(int year, String model, double ratePerS, String server, int count, int tp, int replicas,
                            int servers, int gpus, double powerKw, OptionalDouble capexUsd) {
    }

    /** A demand file's training runs, serving loads and totals by year. */
    public record Report(List<RunPlan> runs, List<ServePlan> serving, List<YearTotal> years) {
    }

    /** Reads a demand file (see examples/demand.yaml) and plans every run. */
    public static Report plan(Path file, Catalog catalog) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "expected a YAML file with a 'training' list");
        }
        boolean hasTraining = root != null && root.has("training") && root.get("training").isArray();
        boolean hasServing = root != null && root.has("serving") && root.get("serving").isArray();
        if (!hasTraining && !hasServing) {
            throw new BadInputException(file.toString(), "no 'training' or 'serving' list",
                    "expected training: [{year, model, tokens, days, server, count}] and/or serving: [{year, model, rate, ttft_p99, "
                            + "tpot_p99, server, count}]");
        }
        List<RunPlan> runs = new ArrayList<>();
        int i = 0;
        for (JsonNode r : hasTraining ? root.get("training") : List.<JsonNode>of()) {
            runs.add(planRun(file + ": training[" + i++ + "]", r, catalog));
        }
        List<ServePlan> serving = new ArrayList<>();
        i = 0;
        for (JsonNode r : hasServing ? root.get("serving") : List.<JsonNode>of()) {
            serving.add(planServing(file + ": serving[" + i++ + "]", r, catalog));
        }
        Map<Integer, double[]> byYear = new TreeMap<>();
        Map<Integer, Boolean> priced = new TreeMap<>();
        for (RunPlan r : runs) {
            add(byYear, priced, r.year(), r.count(), r.servers(), r.gpus(), r.powerKw(), r.capexUsd());
        }
        for (ServePlan r : serving) {
            add(byYear, priced, r.year(), r.count(), r.servers(), r.gpus(), r.powerKw(), r.capexUsd());
        }
        List<YearTotal> years = new ArrayList<>();
        byYear.forEach((y, t) -> years.add(new YearTotal(y, (int) t[0], (long) t[1], t[2], t[3], priced.get(y))));
        return new Report(runs, serving, years);
    }

    private static void add(Map<Integer, double[]> byYear, Map<Integer, Boolean> priced, int year, int count, int servers, int gpus,
                            double kw, OptionalDouble capex) {
        double[] t = byYear.computeIfAbsent(year, y -> new double[4]);
        t[0] += (double) servers * count;
        t[1] += (double) gpus * count;
        t[2] += kw * count;
        t[3] += capex.orElse(0) * count;
        priced.merge(year, capex.isPresent(), Boolean::logicalAnd);
    }

    private static ServePlan planServing(String where, JsonNode r, Catalog catalog) {
        for (String k : List.of("year", "model", "rate", "ttft_p99", "tpot_p99", "server")) {
            if (!r.has(k)) {
                throw new BadInputException(where, k + ": missing required field",
                        "expected year, model, rate, ttft_p99, tpot_p99, server (and input_len, output_len, count)");
            }
        }
        Model model = ModelResolver.resolve(catalog, r.get("model").asText());
        Server server = catalog.server(r.get("server").asText());
        double rate = r.get("rate").asDouble();
        double ttft = r.get("ttft_p99").asDouble();
        double tpot = r.get("tpot_p99").asDouble();
        int in = r.has("input_len") ? r.get("input_len").asInt() : 1024;
        int out = r.has("output_len") ? r.get("output_len").asInt() : 256;
        int count = r.has("count") ? r.get("count").asInt() : 1;
        if (!(rate > 0) || !(ttft > 0) || !(tpot > 0) || in < 1 || out < 1 || count < 1) {
            throw new BadInputException(where, "rate " + rate + ", ttft_p99 " + ttft + ", tpot_p99 " + tpot + ", lengths " + in + "/" + out
                    + ", count " + count, "expected positive values");
        }
        var q = new FleetPlanner.Request(model, List.of(server), new RequestLoad(rate, 1, RequestLoad.Lengths.lognormal(in, 0.5),
                RequestLoad.Lengths.lognormal(out, 0.5), 1), 1000, ttft, tpot, ServingSimulation.Config.defaults(),
                CostAssumptions.defaults(), 4096, s -> catalog.runtime(s.accelerator().orElseThrow().efficiency().runtime()));
        List<FleetPlanner.Fleet> fleets = FleetPlanner.plan(q);
        if (fleets.isEmpty()) {
            throw new BadInputException(where, "no fleet of " + server.id() + " serves " + model.id() + " at " + rate
                    + " requests/s within the targets", "expected looser targets or another server");
        }
        FleetPlanner.Fleet f = fleets.get(0);
        OptionalDouble capex = CostModel.serverPriceUsd(server).isPresent()
                ? OptionalDouble.of(f.servers() * CostModel.serverPriceUsd(server).getAsDouble()) : OptionalDouble.empty();
        return new ServePlan(r.get("year").asInt(), model.id(), rate, server.id(), count, f.tp(), f.replicas(), f.servers(), f.gpus(),
                f.servers() * CostModel.serverPowerW(server) / 1000, capex);
    }

    private static RunPlan planRun(String where, JsonNode r, Catalog catalog) {
        for (String k : List.of("year", "model", "tokens", "days", "server")) {
            if (!r.has(k)) {
                throw new BadInputException(where, k + ": missing required field", "expected year, model, tokens, days, server (and count)");
            }
        }
        int year = r.get("year").asInt();
        Model model = ModelResolver.resolve(catalog, r.get("model").asText());
        double tokens;
        try {
            tokens = Units.count(r.get("tokens").asText());
        } catch (UnitException e) {
            throw new BadInputException(where + ".tokens", e.getMessage(), e.expected());
        }
        double days = r.get("days").asDouble();
        if (!(days > 0)) {
            throw new BadInputException(where + ".days", r.get("days").asText() + " is not a positive number of days", "expected e.g. 30");
        }
        Server server = catalog.server(r.get("server").asText());
        int count = r.has("count") ? r.get("count").asInt() : 1;
        if (count < 1) {
            throw new BadInputException(where + ".count", count + " runs", "expected at least 1");
        }
        int seq = Math.min(model.maxSeqLen(), 8192);
        PlanRequest req = new PlanRequest(model, List.of(server), OptionalDouble.of(tokens), OptionalInt.empty(), OptionalDouble.of(days),
                OptionalDouble.empty(), Objective.TIME, 1,
                SearchSpace.full(seq, Math.max(1, (int) Math.round(4.0 * 1024 * 1024 / seq)),
                        List.of(Precision.BF16, Precision.FP8, Precision.FP16), s -> catalog.framework(s.accelerator().orElseThrow().efficiency().framework())),
                CostAssumptions.defaults(), 8192);
        PlanResult plan = Planner.plan(req, n -> { }, new AtomicBoolean());
        // the smallest cluster that meets the deadline (ties: the faster one)
        Candidate best = plan.bestPerClusterSize().isEmpty() ? null : plan.bestPerClusterSize().get(0);
        if (best == null) {
            throw new BadInputException(where, "no cluster of up to 8192 " + server.id() + " trains " + model.id() + " on "
                    + r.get("tokens").asText() + " tokens within " + days + " days", "expected a longer deadline or another server");
        }
        OptionalDouble capex = CostModel.serverPriceUsd(server).isPresent()
                ? OptionalDouble.of(best.servers() * CostModel.serverPriceUsd(server).getAsDouble()) : OptionalDouble.empty();
        return new RunPlan(year, model.id(), tokens, days, server.id(), count, best.servers(), best.result().gpus(),
                best.servers() * CostModel.serverPowerW(server) / 1000, capex, best.days().orElse(Double.NaN));
    }
}
