package org.suanli.market;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Fields;
import org.suanli.catalog.Node;
import org.suanli.catalog.TreeReader;
import org.suanli.catalog.ModelResolver;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
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
import org.suanli.training.TrainingDefaults;
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

    /**
     * A demand file's training runs, serving loads and totals by year; {@code entries} of the file's entries, of which
     * {@code planned} were planned (fewer only when the run was cancelled; the totals are then those of the planned ones).
     */
    public record Report(List<RunPlan> runs, List<ServePlan> serving, List<YearTotal> years, int entries, int planned) {
        /** True when every entry of the file was planned. */
        public boolean complete() {
            return planned == entries;
        }
    }

    /** The earliest and latest year a demand entry may name. */
    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;
    /** The most runs or loads one entry may stand for. */
    public static final int MAX_COUNT = 100_000;
    /** The longest training deadline, days. */
    public static final double MAX_DAYS = 3650;
    /** The highest serving request rate, requests per second. */
    public static final double MAX_RATE = 1_000_000;
    /** The loosest p99 latency target, seconds. */
    public static final double MAX_LATENCY_S = 3600;
    /** The longest request input or output, tokens. */
    public static final int MAX_TOKENS_PER_REQUEST = 1 << 20;

    /** One training run as written in a demand file, checked but not yet planned. */
    public record TrainingEntry(String where, int year, String model, String tokensText, double tokens, double days, String server,
                                int count) {
    }

    /** One serving load as written in a demand file, checked but not yet planned. */
    public record ServingEntry(String where, int year, String model, double rate, double ttftP99, double tpotP99, int inputLen,
                               int outputLen, String server, int count) {
    }

    /** A demand file's entries, read strictly: every key known, every value of its type and in range. */
    public record DemandFile(List<TrainingEntry> training, List<ServingEntry> serving) {
    }

    /**
     * Reads a demand file through the strict {@link TreeReader}: duplicate keys (a second {@code training:}
     * section among them), unknown keys (with "did you mean"), wrong types, NaN/Infinity and values out of
     * range are each one error naming file:line and the field. Nothing is planned.
     */
    public static DemandFile read(Path file) {
        return read(TreeReader.read(file));
    }

    /** As {@link #read(Path)}, for a demand already parsed into a tree (a JSON body of the HTTP API). */
    public static DemandFile read(Node tree) {
        Fields root = Fields.of(tree, "the demand file", "");
        List<Node> trainingNodes = root.list("training").orElse(List.of());
        List<Node> servingNodes = root.list("serving").orElse(List.of());
        root.finish();
        if (trainingNodes.isEmpty() && servingNodes.isEmpty()) {
            throw new BadInputException(root.where(), "no 'training' or 'serving' entries",
                    "expected training: [{year, model, tokens, days, server, count}] and/or serving: [{year, model, rate, ttft_p99, "
                            + "tpot_p99, server, count}]");
        }
        List<TrainingEntry> training = new ArrayList<>();
        for (int i = 0; i < trainingNodes.size(); i++) {
            training.add(trainingEntry(Fields.of(trainingNodes.get(i), "training[" + i + "]", "training[" + i + "]."), "training[" + i + "]"));
        }
        List<ServingEntry> serving = new ArrayList<>();
        for (int i = 0; i < servingNodes.size(); i++) {
            serving.add(servingEntry(Fields.of(servingNodes.get(i), "serving[" + i + "]", "serving[" + i + "]."), "serving[" + i + "]"));
        }
        return new DemandFile(training, serving);
    }

    private static int year(Fields f) {
        return f.integer("year", MIN_YEAR, MAX_YEAR)
                .orElseThrow(() -> f.missingField("year", "expected a whole year from " + MIN_YEAR + " to " + MAX_YEAR + ", e.g. 2025"));
    }

    private static String text(Fields f, String key, String expected) {
        return f.string(key).orElseThrow(() -> f.missingField(key, expected));
    }

    private static TrainingEntry trainingEntry(Fields f, String label) {
        String where = f.where() + ": " + label;
        int year = year(f);
        String model = text(f, "model", "expected a model id or file, e.g. model: llama3-70b");
        String tokensText = text(f, "tokens", "expected a token count, e.g. tokens: 15T");
        double tokens;
        try {
            tokens = Units.count(tokensText);
        } catch (UnitException e) {
            throw f.fieldError("tokens", e.getMessage(), e.expected());
        }
        String daysRange = "expected a number of days above 0 and at most " + (int) MAX_DAYS + ", e.g. 30";
        double days = f.number("days", MAX_DAYS, daysRange).orElseThrow(() -> f.missingField("days", daysRange));
        String server = text(f, "server", "expected a server id, e.g. server: dgx-h100");
        int count = f.integer("count", 1, MAX_COUNT).orElse(1);
        f.finish();
        return new TrainingEntry(where, year, model, tokensText, tokens, days, server, count);
    }

    private static ServingEntry servingEntry(Fields f, String label) {
        String where = f.where() + ": " + label;
        int year = year(f);
        String model = text(f, "model", "expected a model id or file, e.g. model: llama3-70b");
        String rateRange = "expected requests per second above 0 and at most " + (long) MAX_RATE + ", e.g. 20";
        double rate = f.number("rate", MAX_RATE, rateRange).orElseThrow(() -> f.missingField("rate", rateRange));
        String latency = "expected seconds above 0 and at most " + (int) MAX_LATENCY_S + ", e.g. ";
        double ttft = f.number("ttft_p99", MAX_LATENCY_S, latency + "2").orElseThrow(() -> f.missingField("ttft_p99", latency + "2"));
        double tpot = f.number("tpot_p99", MAX_LATENCY_S, latency + "0.1").orElseThrow(() -> f.missingField("tpot_p99", latency + "0.1"));
        int in = f.integer("input_len", 1, MAX_TOKENS_PER_REQUEST).orElse(1024);
        int out = f.integer("output_len", 1, MAX_TOKENS_PER_REQUEST).orElse(256);
        String server = text(f, "server", "expected a server id, e.g. server: dgx-h100");
        int count = f.integer("count", 1, MAX_COUNT).orElse(1);
        f.finish();
        return new ServingEntry(where, year, model, rate, ttft, tpot, in, out, server, count);
    }

    /** Reads a demand file (see examples/demand.yaml) strictly, then plans every run and load. */
    public static Report plan(Path file, Catalog catalog) {
        return plan(file, catalog, n -> { }, new AtomicBoolean());
    }

    /**
     * As {@link #plan(Path, Catalog)}, reporting the entries planned so far to {@code progress}; once {@code cancel} is set,
     * the entry being planned is dropped and the report holds the entries finished before it.
     */
    public static Report plan(Path file, Catalog catalog, LongConsumer progress, AtomicBoolean cancel) {
        return plan(read(file), catalog, progress, cancel);
    }

    /** As {@link #plan(Path, Catalog, LongConsumer, AtomicBoolean)}, for a demand already read. */
    public static Report plan(DemandFile demand, Catalog catalog, LongConsumer progress, AtomicBoolean cancel) {
        List<RunPlan> runs = new ArrayList<>();
        List<ServePlan> serving = new ArrayList<>();
        int entries = demand.training().size() + demand.serving().size();
        for (TrainingEntry e : demand.training()) {
            if (cancel.get()) {
                break;
            }
            RunPlan p = planRun(e, catalog, cancel);
            if (cancel.get()) {
                break;
            }
            runs.add(p);
            progress.accept(runs.size());
        }
        for (ServingEntry e : demand.serving()) {
            if (cancel.get()) {
                break;
            }
            ServePlan p = planServing(e, catalog, cancel);
            if (cancel.get()) {
                break;
            }
            serving.add(p);
            progress.accept(runs.size() + serving.size());
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
        return new Report(runs, serving, years, entries, runs.size() + serving.size());
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

    private static ServePlan planServing(ServingEntry r, Catalog catalog, AtomicBoolean cancel) {
        String where = r.where();
        Model model = ModelResolver.resolve(catalog, r.model());
        Server server = catalog.server(r.server());
        double rate = r.rate();
        double ttft = r.ttftP99();
        double tpot = r.tpotP99();
        int in = r.inputLen();
        int out = r.outputLen();
        int count = r.count();
        var q = new FleetPlanner.Request(model, List.of(server), new RequestLoad(rate, 1, RequestLoad.Lengths.lognormal(in, 0.5),
                RequestLoad.Lengths.lognormal(out, 0.5), 1), 1000, ttft, tpot, ServingSimulation.Config.defaults(),
                CostAssumptions.defaults(), 4096, s -> catalog.runtime(s.accelerator().orElseThrow().efficiency().runtime()));
        List<FleetPlanner.Fleet> fleets = FleetPlanner.plan(q, n -> { }, cancel);
        if (fleets.isEmpty() && cancel.get()) {
            return null;
        }
        if (fleets.isEmpty()) {
            throw new BadInputException(where, "no fleet of " + server.id() + " serves " + model.id() + " at " + rate
                    + " requests/s within the targets", "expected looser targets or another server");
        }
        FleetPlanner.Fleet f = fleets.get(0);
        OptionalDouble capex = CostModel.serverPriceUsd(server).isPresent()
                ? OptionalDouble.of(f.servers() * CostModel.serverPriceUsd(server).getAsDouble()) : OptionalDouble.empty();
        return new ServePlan(r.year(), model.id(), rate, server.id(), count, f.tp(), f.replicas(), f.servers(), f.gpus(),
                f.servers() * CostModel.serverPowerW(server) / 1000, capex);
    }

    private static RunPlan planRun(TrainingEntry r, Catalog catalog, AtomicBoolean cancel) {
        String where = r.where();
        int year = r.year();
        Model model = ModelResolver.resolve(catalog, r.model());
        double tokens = r.tokens();
        double days = r.days();
        Server server = catalog.server(r.server());
        int count = r.count();
        int seq = TrainingDefaults.seqLen(model);
        PlanRequest req = new PlanRequest(model, List.of(server), OptionalDouble.of(tokens), OptionalInt.empty(), OptionalDouble.of(days),
                OptionalDouble.empty(), Objective.TIME, 1,
                SearchSpace.full(seq, TrainingDefaults.globalBatch(seq), TrainingDefaults.PLAN_PRECISIONS,
                        s -> TrainingDefaults.framework(catalog, s)),
                CostAssumptions.defaults(), 8192);
        PlanResult plan = Planner.plan(req, n -> { }, cancel);
        if (cancel.get()) {
            return null;
        }
        // the smallest cluster that meets the deadline (ties: the faster one)
        Candidate best = plan.bestPerClusterSize().isEmpty() ? null : plan.bestPerClusterSize().get(0);
        if (best == null) {
            throw new BadInputException(where, "no cluster of up to 8192 " + server.id() + " trains " + model.id() + " on "
                    + r.tokensText() + " tokens within " + days + " days", "expected a longer deadline or another server");
        }
        OptionalDouble capex = CostModel.serverPriceUsd(server).isPresent()
                ? OptionalDouble.of(best.servers() * CostModel.serverPriceUsd(server).getAsDouble()) : OptionalDouble.empty();
        return new RunPlan(year, model.id(), tokens, days, server.id(), count, best.servers(), best.result().gpus(),
                best.servers() * CostModel.serverPowerW(server) / 1000, capex, best.days().orElse(Double.NaN));
    }
}
