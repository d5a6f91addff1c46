package org.suanli.validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.hardware.Server;
import org.suanli.software.ServingRuntime;
import org.suanli.inference.ServingSimulation;
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
            "inference-ttft", "cross-vendor");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> SUITE_MAP = new TypeReference<>() { };

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

    /** Loads a built-in suite by name, or a suite file by path. */
    public static ValidationSuite load(String nameOrPath) {
        if (SUITES.contains(nameOrPath)) {
            try (InputStream in = Validator.class.getResourceAsStream("/validation/" + nameOrPath + ".yaml")) {
                if (in == null) {
                    throw new IllegalStateException("built-in suite " + nameOrPath + " is missing from the jar");
                }
                return parse(nameOrPath, YAML.readValue(in, SUITE_MAP));
            } catch (IOException e) {
                throw new IllegalStateException("built-in suite " + nameOrPath + " is unreadable", e);
            }
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("--suite " + nameOrPath, "unknown suite", "expected one of " + String.join(", ", SUITES)
                    + " or a suite file");
        }
        try {
            return parse(nameOrPath, YAML.readValue(p.toFile(), SUITE_MAP));
        } catch (IOException e) {
            throw new BadInputException(nameOrPath, "malformed suite (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "expected a suite YAML as in validation/README.md");
        }
    }

    @SuppressWarnings("unchecked")
    private static ValidationSuite parse(String where, Map<String, Object> m) {
        try {
            Map<String, Object> bound = (Map<String, Object>) m.get("bound");
            List<ValidationRow> rows = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) m.get("rows")) {
                Object tokens = r.get("tokens");
                Object status = r.get("status");
                Optional<String> notExpressible = Optional.empty();
                if (status != null) {
                    if (!"not-expressible".equals(status.toString()) || r.get("reason") == null) {
                        throw new BadInputException(where + ": " + str(r.get("id")) + ": status", "'" + status + "'",
                                "expected status: not-expressible with a reason");
                    }
                    notExpressible = Optional.of(str(r.get("reason")));
                }
                Object layout = r.get("layout");
                rows.add(new ValidationRow(str(r.get("id")), str(r.get("source")), str(r.get("model")), str(r.get("server")),
                        r.get("gpus") == null ? 0 : ((Number) r.get("gpus")).intValue(),
                        layout == null ? Map.of() : (Map<String, Object>) layout,
                        ((Number) r.get("published")).doubleValue(),
                        tokens == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(tokens.toString())),
                        str(r.get("notes")), str(r.get("kind")), str(r.get("metric")), notExpressible));
            }
            return new ValidationSuite(str(m.get("suite")), m.containsKey("kind") ? str(m.get("kind")) : "training",
                    str(m.get("description")), str(m.get("metric")), str(m.get("runtime")),
                    ((Number) bound.get("mape_pct")).doubleValue(), ((Number) bound.get("max_error_pct")).doubleValue(),
                    optionalNumber(bound, "held_out_mape_pct"), optionalNumber(bound, "family_held_out_mape_pct"), rows);
        } catch (RuntimeException e) {
            throw new BadInputException(where, "malformed suite (" + e + ")", "expected the schema of validation/README.md");
        }
    }

    private static double optionalNumber(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
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
            if ("offline".equals(row.layout().get("scenario"))) {
                ServingSimulation.Report sr = offline(row, catalog, server, rt);
                return new Prediction(servingMetric(sr, row.gpus(), metric), sr, family, preset);
            }
            InferenceResult ir = inference(row, catalog, server, rt);
            return new Prediction(inferenceMetric(ir, metric), ir, family, preset);
        }
        TrainingJob job = LayoutOptions.job(catalog, ModelResolver.resolve(catalog, row.model()), server, row.gpus(), row.layout(),
                row.tokens());
        TrainingResult tr = AnalyticTrainingModel.evaluate(job);
        return new Prediction(metric(tr, metric), tr, family, preset);
    }

    /** A row may name the runtime it was measured on (the software the source states); otherwise the suite's, else the family's. */
    private static String runtimeId(ValidationSuite suite, ValidationRow row, Server server) {
        Object own = row.layout().get("runtime");
        if (own != null) {
            return own.toString();
        }
        return suite.runtime().isEmpty() ? server.accelerator().orElseThrow().efficiency().runtime() : suite.runtime();
    }

    private static InferenceModel model(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime) {
        Map<String, Object> l = row.layout();
        Replica replica = new Replica(ModelResolver.resolve(catalog, row.model()), server,
                ((Number) l.getOrDefault("tp", 1)).intValue(), ((Number) l.getOrDefault("pp", 1)).intValue(),
                precision(l.getOrDefault("weights", "bf16")), precision(l.getOrDefault("kv_cache", "bf16")));
        return new InferenceModel(replica, runtime);
    }

    private static InferenceResult inference(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime) {
        Map<String, Object> l = row.layout();
        return model(row, catalog, server, runtime).evaluate(((Number) l.get("batch")).intValue(), ((Number) l.get("input_len")).intValue(),
                ((Number) l.get("output_len")).intValue());
    }

    /**
     * An offline-scenario row (MLPerf Inference "Offline": the load generator queues every sample at once and the
     * system serves them with continuous batching): the serving simulation over all the row's GPUs, every request
     * arriving at time 0, lengths drawn (seeded) from the dataset's length quantiles.
     */
    private static ServingSimulation.Report offline(ValidationRow row, Catalog catalog, Server server, ServingRuntime runtime) {
        Map<String, Object> l = row.layout();
        InferenceModel m = model(row, catalog, server, runtime);
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
