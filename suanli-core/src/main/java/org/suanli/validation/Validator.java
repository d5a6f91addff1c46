package org.suanli.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Fields;
import org.suanli.catalog.Node;
import org.suanli.catalog.TreeReader;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.hardware.Server;
import org.suanli.software.ServingRuntime;
import org.suanli.inference.ServingFeatures;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.Speculation;
import org.suanli.inference.RequestLoad;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.LayoutOptions;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;

/**
 * Runs a validation suite: predicts each published row with the same calibrated model and reports
 * the per-row error and the mean absolute percentage error. Suites ship in the jar under
 * {@code /validation/} (copied from the repository's {@code validation/} folder).
 */
public final class Validator {
    /** The suites that ship with Suanli. */
    public static final List<String> SUITES = List.of("megatron-2021", "megatron-2021-estimates", "nemo-h100", "inference-published",
            "inference-ttft", "cross-vendor", "frontier", "maxtext-v5e", "serving-features", "serving-latency",
            "trtllm-v09-decode");

    private Validator() {
    }

    /**
     * One row's outcome: the in-sample prediction (every constant as the catalog has it) and the held-out one (a
     * constant fitted on this suite refitted without the row; the same as in-sample for rows no such constant acts on).
     */
    public record RowResult(ValidationRow row, String family, String preset, double predicted, double errorPct,
                            double heldOutPredicted, double heldOutErrorPct, Object result) {
    }

    /** Errors of one hardware family's rows within a suite. */
    public record FamilyStats(String family, int rows, double mapePct, double heldOutMapePct, double heldOutMaxErrorPct) {
    }

    /**
     * A suite's outcome: rows (predicted, with in-sample and held-out error), rows not yet expressible, MAPE and worst
     * error in sample and held out, per family, and the constants fitted on this suite.
     */
    public record Report(ValidationSuite suite, List<RowResult> rows, List<ValidationRow> notExpressible, double mapePct,
                         double maxErrorPct, double heldOutMapePct, double heldOutMaxErrorPct, Map<String, FamilyStats> byFamily,
                         List<Constant> fitted) {
        /**
         * Returns true when the errors stay within the suite's bounds: MAPE and worst row in sample, and where the suite sets
         * them the held-out MAPE and each family's held-out MAPE (families with three rows or more).
         */
        public boolean withinBounds() {
            return mapePct <= suite.mapeBoundPct() && maxErrorPct <= suite.maxErrorBoundPct()
                    && !(heldOutMapePct > suite.heldOutMapeBoundPct()) && familiesWithinBounds();
        }

        /** Returns true when every family with at least three rows has a held-out MAPE within the suite's family bound. */
        public boolean familiesWithinBounds() {
            return byFamily.values().stream().filter(f -> f.rows() >= 3)
                    .noneMatch(f -> f.heldOutMapePct() > suite.familyHeldOutMapeBoundPct());
        }
    }

    /** A trial value of one fitted constant, used while fitting and for held-out predictions. */
    public record Trial(Constant constant, double value) {
    }

    /** One row predicted: the metric's value, the full result, and the row's family and software preset. */
    public record Prediction(double value, Object result, String family, String preset) {
    }

    /** The keys a row's layout may state: what a published job states (README: "Schema"). */
    public static final List<String> LAYOUT_KEYS = List.of("tp", "pp", "cp", "ep", "vpp", "micro_batch", "global_batch", "seq_len",
            "precision", "sequence_parallel", "recompute", "distributed_optimizer", "zero", "offload", "framework", "schedule",
            "ep_a2a_overlap", "pipeline_layout", "expert_tp", "capacity_factor", "runtime", "weights", "kv_cache", "batch", "input_len",
            "output_len", "two_batch_overlap", "scenario", "max_seqs", "token_budget", "block_tokens", "requests", "input_quantiles",
            "output_quantiles", "output_mean", "spec_method", "spec_draft_tokens", "spec_acceptance", "spec_acceptance_length",
            "prefix_cache_hit");

    /**
     * A metric named {@code speedup:<metric>} is the ratio of {@code <metric>} with the row's serving features (speculative
     * decoding, prefix caching) to the same row without them: a rate's ratio with over without, a time's ({@code _s}, not
     * {@code _per_s}) without over with, so that above 1 is faster either way. Published speed-ups are compared this way.
     */
    public static final String SPEEDUP = "speedup:";

    /**
     * Loads a built-in suite by name, or a suite file by path, through the strict {@link TreeReader}: unknown keys
     * (with "did you mean"), duplicate keys, wrong types, NaN/Infinity and oversized input are each one error naming
     * file:line and the field.
     */
    public static ValidationSuite load(String nameOrPath) {
        if (SUITES.contains(nameOrPath)) {
            return parse(TreeReader.readResource("/validation/" + nameOrPath + ".yaml", "validation/" + nameOrPath + ".yaml"));
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("--suite " + nameOrPath, "unknown suite", "expected one of " + String.join(", ", SUITES)
                    + " or a suite file");
        }
        return parse(TreeReader.read(p));
    }

    private static ValidationSuite parse(Node root) {
        Fields m = Fields.of(root, "the suite", "");
        String name = m.requireString("suite");
        String kind = m.choice("kind", List.of("training", "inference")).orElse("training");
        String description = m.stringOr("description", "");
        String metric = m.requireString("metric");
        String runtime = m.stringOr("runtime", "");
        Fields bound = m.mapping("bound").orElseThrow(() -> m.missingField("bound", "expected bound: {mape_pct: ..., max_error_pct: ...}"));
        String pct = "expected a percentage above 0, e.g. 10";
        double mape = bound.number("mape_pct", 1e6, pct).orElseThrow(() -> bound.missingField("mape_pct", pct));
        double maxError = bound.number("max_error_pct", 1e6, pct).orElseThrow(() -> bound.missingField("max_error_pct", pct));
        double heldOut = bound.number("held_out_mape_pct", 1e6, pct).orElse(Double.NaN);
        double familyHeldOut = bound.number("family_held_out_mape_pct", 1e6, pct).orElse(Double.NaN);
        bound.finish();
        List<Node> rowNodes = m.list("rows").orElseThrow(() -> m.missingField("rows", "expected a list of rows"));
        m.finish();
        List<ValidationRow> rows = new ArrayList<>();
        for (int i = 0; i < rowNodes.size(); i++) {
            rows.add(row(Fields.of(rowNodes.get(i), "rows[" + i + "]", "rows[" + i + "].")));
        }
        return new ValidationSuite(name, kind, description, metric, runtime, mape, maxError, heldOut, familyHeldOut, rows);
    }

    private static ValidationRow row(Fields r) {
        String id = r.requireString("id");
        Optional<String> notExpressible = Optional.empty();
        if (r.has("status")) {
            String status = r.requireString("status");
            if (!status.equals("not-expressible") || !r.has("reason")) {
                throw r.fieldError("status", "'" + status + "'", "expected status: not-expressible with a reason");
            }
            notExpressible = Optional.of(r.requireString("reason"));
        } else if (r.has("reason")) {
            throw r.fieldError("reason", "a reason without status: not-expressible", "expected both, or neither");
        }
        Map<String, Object> layout = Map.of();
        if (r.has("layout")) {
            Fields l = r.mapping("layout").orElseThrow();
            layout = new LinkedHashMap<>();
            for (String key : LAYOUT_KEYS) {
                Optional<Node> v = l.raw(key);
                if (v.isPresent()) {
                    layout.put(key, plain(v.get(), "layout." + key));
                }
            }
            l.finish();
        }
        r.raw("also_published").ifPresent(n -> plain(n, "also_published"));
        String positive = "expected a number above 0";
        double published = r.number("published", Double.MAX_VALUE, positive).orElseThrow(() -> r.missingField("published", positive));
        OptionalDouble tokens = r.number("tokens", Double.MAX_VALUE, "expected a token count above 0, e.g. 300000000000");
        ValidationRow row = new ValidationRow(id, r.stringOr("source", ""), r.stringOr("model", ""), r.stringOr("server", ""),
                r.integer("gpus", 1).orElse(0), layout, published, tokens, r.stringOr("notes", ""),
                r.choice("kind", List.of("training", "inference")).orElse(""), r.stringOr("metric", ""), notExpressible);
        r.finish();
        return row;
    }

    /** Converts a node to the plain Java value Jackson would give (Integer, Long, Double, Boolean, String, List, Map), refusing NaN and infinities. */
    private static Object plain(Node n, String field) {
        if (n instanceof Node.Mapping map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> out.put(k, plain(v, field + "." + k)));
            return out;
        }
        if (n instanceof Node.Sequence seq) {
            List<Object> out = new ArrayList<>();
            for (Node item : seq.items()) {
                out.add(plain(item, field));
            }
            return out;
        }
        Node.Scalar s = (Node.Scalar) n;
        switch (s.type()) {
            case NULL:
                return null;
            case BOOLEAN:
                return Boolean.valueOf(s.text().equals("true") || s.text().equals("yes") || s.text().equals("on")
                        || s.text().equalsIgnoreCase("true"));
            case INTEGER: {
                try {
                    long v = Long.parseLong(s.text().replace("_", "").replaceFirst("^\\+", ""));
                    return v == (int) v ? (Object) (int) v : (Object) v;
                } catch (NumberFormatException e) {
                    throw new BadInputException(s.where(), field + ": '" + s.text() + "' is not a usable whole number", "expected an integer");
                }
            }
            case DECIMAL:
                return Fields.finiteNumber(s, field, s.where(), "expected a finite number");
            default:
                return s.text();
        }
    }

    /** Predicts every row of the suite, in sample and held out. */
    public static Report run(ValidationSuite suite, Catalog catalog) {
        List<Constant> fitted = Constant.fittedOn(catalog, suite.name());
        List<RowResult> out = new ArrayList<>();
        List<ValidationRow> skipped = new ArrayList<>();
        for (ValidationRow row : suite.rows()) {
            if (!row.expressible()) {
                skipped.add(row);
                continue;
            }
            Prediction p = predict(suite, row, catalog, Optional.empty());
            double held = p.value();
            for (Constant c : fitted) {
                if (c.actsOn(p.family(), p.preset())) {
                    Calibrator.Fit refit = Calibrator.fit(catalog, c, other -> !other.id().equals(row.id()));
                    held = predict(suite, row, catalog, Optional.of(new Trial(c, refit.value()))).value();
                }
            }
            out.add(new RowResult(row, p.family(), p.preset(), p.value(), error(p.value(), row), held, error(held, row), p.result()));
        }
        Map<String, FamilyStats> byFamily = new java.util.TreeMap<>();
        out.stream().collect(java.util.stream.Collectors.groupingBy(RowResult::family, java.util.TreeMap::new,
                java.util.stream.Collectors.toList())).forEach((family, rows) -> byFamily.put(family, new FamilyStats(family, rows.size(),
                mean(rows, RowResult::errorPct), mean(rows, RowResult::heldOutErrorPct), max(rows, RowResult::heldOutErrorPct))));
        return new Report(suite, out, skipped, mean(out, RowResult::errorPct), max(out, RowResult::errorPct),
                mean(out, RowResult::heldOutErrorPct), max(out, RowResult::heldOutErrorPct), byFamily, fitted);
    }

    private static double error(double predicted, ValidationRow row) {
        return (predicted - row.published()) / row.published() * 100;
    }

    private static double mean(List<RowResult> rows, java.util.function.ToDoubleFunction<RowResult> f) {
        return rows.stream().mapToDouble(r -> Math.abs(f.applyAsDouble(r))).average().orElse(0);
    }

    private static double max(List<RowResult> rows, java.util.function.ToDoubleFunction<RowResult> f) {
        return rows.stream().mapToDouble(r -> Math.abs(f.applyAsDouble(r))).max().orElse(0);
    }

    /** Returns true when {@code constant} changes the prediction of {@code row}. */
    static boolean actsOn(Constant constant, ValidationSuite suite, ValidationRow row, Catalog catalog) {
        Server server = catalog.server(row.server());
        return constant.actsOn(family(server), preset(suite, row, catalog, server));
    }

    private static String family(Server server) {
        return server.accelerator().map(a -> a.efficiency().id()).orElse("");
    }

    /** The software preset a row ran: its training framework, or its serving runtime. */
    private static String preset(ValidationSuite suite, ValidationRow row, Catalog catalog, Server server) {
        if (suite.kindOf(row).equals("inference")) {
            return runtimeId(suite, row, server);
        }
        return LayoutOptions.framework(catalog, server, row.layout()).presetId();
    }

    /** Predicts one row, with one fitted constant set to a trial value if given. */
    public static Prediction predict(ValidationSuite suite, ValidationRow row, Catalog catalog, Optional<Trial> trial) {
        Server server = catalog.server(row.server());
        String family = family(server);
        String preset = preset(suite, row, catalog, server);
        if (trial.isPresent() && trial.get().constant().actsOn(family, preset)) {
            Constant c = trial.get().constant();
            var a = server.accelerator().orElseThrow();
            server = server.withAccelerator(a.withEfficiency(a.efficiency().withFit(preset, c.name(), trial.get().value(), c.suites())));
        }
        String metric = suite.metricOf(row);
        if (suite.kindOf(row).equals("inference")) {
            ServingRuntime rt = catalog.runtime(preset);
            if (metric.startsWith(SPEEDUP)) {
                String base = metric.substring(SPEEDUP.length());
                Prediction with = inferencePrediction(row, catalog, server, rt, base, true, family, preset);
                Prediction without = inferencePrediction(row, catalog, server, rt, base, false, family, preset);
                boolean time = base.endsWith("_s") && !base.contains("_per_s");
                double ratio = time ? without.value() / with.value() : with.value() / without.value();
                return new Prediction(ratio, with.result(), family, preset);
            }
            return inferencePrediction(row, catalog, server, rt, metric, true, family, preset);
        }
        TrainingJob job = LayoutOptions.job(catalog, ModelResolver.resolve(catalog, row.model()), server, row.gpus(), row.layout(),
                row.tokens());
        TrainingResult tr = AnalyticTrainingModel.evaluate(job);
        return new Prediction(metric(tr, metric), tr, family, preset);
    }

    private static Prediction inferencePrediction(ValidationRow row, Catalog catalog, Server server, ServingRuntime rt, String metric,
                                                 boolean features, String family, String preset) {
        if ("offline".equals(row.layout().get("scenario"))) {
            ServingSimulation.Report sr = offline(row, catalog, server, rt, features);
            return new Prediction(servingMetric(sr, row.gpus(), metric), sr, family, preset);
        }
        InferenceResult ir = inference(row, catalog, server, rt, features);
        return new Prediction(inferenceMetric(ir, metric), ir, family, preset);
    }

    /**
     * The row's speculative decoding and prefix caching: layout keys spec_method, spec_draft_tokens, spec_acceptance or
     * spec_acceptance_length (a published mean of tokens per step, the target's own token included) and prefix_cache_hit.
     */
    static ServingFeatures features(ValidationRow row, Catalog catalog) {
        Map<String, Object> l = row.layout();
        Object method = l.get("spec_method");
        Integer k = l.get("spec_draft_tokens") instanceof Number n ? n.intValue() : null;
        Double a = l.get("spec_acceptance") instanceof Number n ? n.doubleValue() : null;
        if (l.get("spec_acceptance_length") instanceof Number n) {
            if (a != null || k == null) {
                throw new BadInputException(row.id() + ": layout.spec_acceptance_length", String.valueOf(n),
                        "expected it with spec_draft_tokens and without spec_acceptance");
            }
            a = Speculation.acceptanceForMeanTokens(k, n.doubleValue());
        }
        Double hit = l.get("prefix_cache_hit") instanceof Number n ? n.doubleValue() : null;
        return ServingFeatures.of(method == null ? null : method.toString(), k, a, Optional.empty(), hit);
    }

    /** A row may name the runtime it was measured on (the software the source states); otherwise the suite's, else the family's. */
    private static String runtimeId(ValidationSuite suite, ValidationRow row, Server server) {
        Object own = row.layout().get("runtime");
        if (own != null) {
            return own.toString();
        }
        return suite.runtime().isEmpty() ? server.accelerator().orElseThrow().efficiency().runtime() : suite.runtime();
    }

    private static InferenceModel model(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime, boolean withFeatures) {
        Map<String, Object> l = row.layout();
        Replica replica = new Replica(ModelResolver.resolve(catalog, row.model()), server,
                ((Number) l.getOrDefault("tp", 1)).intValue(), ((Number) l.getOrDefault("pp", 1)).intValue(),
                precision(l.getOrDefault("weights", "bf16")), precision(l.getOrDefault("kv_cache", "bf16")),
                ((Number) l.getOrDefault("ep", 1)).intValue());
        var moe = new InferenceModel.MoeServing(((Number) l.getOrDefault("expert_imbalance", 1)).doubleValue(),
                Boolean.TRUE.equals(l.get("two_batch_overlap")));
        return new InferenceModel(replica, runtime, moe, withFeatures ? features(row, catalog) : ServingFeatures.NONE);
    }

    private static InferenceResult inference(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime, boolean features) {
        Map<String, Object> l = row.layout();
        return model(row, catalog, server, runtime, features).evaluate(((Number) l.get("batch")).intValue(), ((Number) l.get("input_len")).intValue(),
                ((Number) l.get("output_len")).intValue());
    }

    /**
     * An offline-scenario row (MLPerf Inference "Offline": the load generator queues every sample at once and the
     * system serves them with continuous batching): the serving simulation over all the row's GPUs, every request
     * arriving at time 0, lengths drawn (seeded) from the dataset's length quantiles.
     */
    private static ServingSimulation.Report offline(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime,
                                                    boolean features) {
        Map<String, Object> l = row.layout();
        InferenceModel m = model(row, catalog, server, runtime, features);
        if (row.gpus() % m.gpusPerReplica() != 0) {
            throw new BadInputException(row.id() + ": gpus", row.gpus() + " GPUs with " + m.gpusPerReplica() + " per replica",
                    "expected a multiple of tp x pp");
        }
        int replicas = row.gpus() / m.gpusPerReplica();
        int requests = (int) number(row, "requests");
        LengthQuantiles in = LengthQuantiles.of(row.id() + ": input_quantiles", l.get("input_quantiles"), 1);
        LengthQuantiles out = LengthQuantiles.of(row.id() + ": output_quantiles", l.get("output_quantiles"), 1);
        if (l.containsKey("output_mean")) {
            out = out.scaledToMean(number(row, "output_mean"));
        }
        var rnd = new java.util.SplittableRandom(1);
        List<double[]> trace = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            trace.add(new double[] {0, in.draw(rnd), out.draw(rnd)});
        }
        var config = new ServingSimulation.Config((int) number(row, "max_seqs"), (int) number(row, "token_budget"),
                l.containsKey("block_tokens") ? (int) number(row, "block_tokens") : 16);
        return ServingSimulation.run(m, replicas, RequestLoad.fromTrace(trace), requests, config, OptionalDouble.empty(),
                OptionalDouble.empty());
    }

    private static double number(ValidationRow row, String key) {
        if (row.layout().get(key) instanceof Number n && n.doubleValue() > 0) {
            return n.doubleValue();
        }
        throw new BadInputException(row.id() + ": layout." + key, String.valueOf(row.layout().get(key)),
                "expected a positive number (offline rows need requests, max_seqs, token_budget)");
    }

    /** Returns the named metric of a serving run over {@code gpus} GPUs. */
    private static double servingMetric(ServingSimulation.Report r, int gpus, String metric) {
        return switch (metric) {
            case "output_tokens_per_s_per_gpu" -> r.outputTokensPerS() / gpus;
            case "output_tokens_per_s" -> r.outputTokensPerS();
            default -> throw new BadInputException("suite", "metric '" + metric + "' is not measured by an offline row",
                    "expected output_tokens_per_s_per_gpu or output_tokens_per_s");
        };
    }

    private static Precision precision(Object key) {
        return Precision.fromKey(key.toString()).orElseThrow(() -> new BadInputException("suite", "unknown precision '" + key + "'",
                "expected bf16, fp16, fp8, int8 or int4"));
    }

    /** Returns the named inference result field. */
    public static double inferenceMetric(InferenceResult r, String metric) {
        return switch (metric) {
            case "output_tokens_per_s_per_gpu" -> r.outputTokensPerSPerGpu();
            case "output_tokens_per_s" -> r.outputTokensPerS();
            case "ttft_s" -> r.ttftS();
            case "tpot_s" -> r.tpotS();
            // one phase on its own, as disaggregated deployments report it: a decode step's tokens over its time, a batch's
            // prompt tokens over its prefill
            case "decode_tokens_per_s_per_gpu" -> r.batch() / r.tpotS() / r.gpus();
            case "prefill_tokens_per_s_per_gpu" -> (double) r.batch() * r.inputLen() / r.ttftS() / r.gpus();
            default -> throw new BadInputException("suite", "unknown metric '" + metric + "'",
                    "expected output_tokens_per_s_per_gpu, output_tokens_per_s, ttft_s or tpot_s");
        };
    }

    /** Returns the named result field. */
    public static double metric(TrainingResult r, String metric) {
        return switch (metric) {
            case "hardware_tflops_per_gpu" -> r.hardwareTflopsPerGpu();
            case "model_tflops_per_gpu" -> r.modelTflopsPerGpu();
            case "tokens_per_s_per_gpu" -> r.tokensPerSPerGpu();
            case "step_time_s" -> r.stepTimeS();
            case "mfu_pct" -> 100 * r.mfu();
            case "time_to_train_days" -> r.timeToTrainDays().orElseThrow(() -> new BadInputException("suite",
                    "metric time_to_train_days needs 'tokens' on every row", "expected tokens: N"));
            default -> throw new BadInputException("suite", "unknown metric '" + metric + "'",
                    "expected hardware_tflops_per_gpu, model_tflops_per_gpu, tokens_per_s_per_gpu, step_time_s, mfu_pct or time_to_train_days");
        };
    }
}
