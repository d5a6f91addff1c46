package org.suanli.market;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.suanli.plan.Candidate;
import org.suanli.plan.Objective;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.plan.Planner;
import org.suanli.plan.SearchSpace;
import org.suanli.training.Framework;
import org.suanli.units.UnitException;
import org.suanli.units.Units;
import org.suanli.workload.Model;

/**
 * The bridge from "models grow" to "servers sell": each training run of a demand file (year, model,
 * tokens, days, server type, how many such runs) is planned with {@link Planner} for the smallest
 * cluster that meets its deadline, and the clusters are summed per year into servers, GPUs, power
 * and capital spend.
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

    /** A demand file's runs and its totals by year. */
    public record Report(List<RunPlan> runs, List<YearTotal> years) {
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
        if (root == null || !root.has("training") || !root.get("training").isArray()) {
            throw new BadInputException(file.toString(), "no 'training' list", "expected training: [{year, model, tokens, days, server, count}]");
        }
        List<RunPlan> runs = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.get("training")) {
            runs.add(planRun(file + ": training[" + i++ + "]", r, catalog));
        }
        Map<Integer, List<RunPlan>> byYear = new TreeMap<>();
        runs.forEach(r -> byYear.computeIfAbsent(r.year(), y -> new ArrayList<>()).add(r));
        List<YearTotal> years = new ArrayList<>();
        byYear.forEach((y, rs) -> {
            int servers = rs.stream().mapToInt(r -> r.servers() * r.count()).sum();
            long gpus = rs.stream().mapToLong(r -> (long) r.gpus() * r.count()).sum();
            double kw = rs.stream().mapToDouble(r -> r.powerKw() * r.count()).sum();
            double capex = rs.stream().mapToDouble(r -> r.capexUsd().orElse(0) * r.count()).sum();
            boolean complete = rs.stream().allMatch(r -> r.capexUsd().isPresent());
            years.add(new YearTotal(y, servers, gpus, kw, capex, complete));
        });
        return new Report(runs, years);
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
                        List.of(Precision.BF16, Precision.FP8, Precision.FP16), Framework.NEMO_2407),
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

    /** Returns the report as a JSON-ready map. */
    public static Map<String, Object> toMap(Report report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", report.runs().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("year", r.year());
            x.put("model", r.model());
            x.put("tokens", r.tokens());
            x.put("days", r.days());
            x.put("server", r.server());
            x.put("count", r.count());
            x.put("servers", r.servers());
            x.put("gpus", r.gpus());
            x.put("kw", r.powerKw());
            x.put("capex_usd", r.capexUsd().isPresent() ? r.capexUsd().getAsDouble() : null);
            x.put("time_to_train_days", r.achievedDays());
            return x;
        }).toList());
        m.put("years", report.years().stream().map(y -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("year", y.year());
            x.put("servers", y.servers());
            x.put("gpus", y.gpus());
            x.put("kw", y.powerKw());
            x.put("capex_usd", y.capexUsd());
            x.put("capex_complete", y.capexComplete());
            return x;
        }).toList());
        return m;
    }
}
