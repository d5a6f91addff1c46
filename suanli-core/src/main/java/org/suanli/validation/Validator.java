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
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.software.Runtime;
import org.suanli.inference.ServingSimulation;
import org.suanli.inference.Workload;
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
            "inference-ttft");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> SUITE_MAP = new TypeReference<>() { };

    private Validator() {
    }

    /** One row's outcome. */
    public record RowResult(ValidationRow row, double predicted, double errorPct, Object result) {
    }

    /** A suite's outcome: rows, MAPE and worst error, and whether the suite's bounds hold. */
    public record Report(ValidationSuite suite, List<RowResult> rows, double mapePct, double maxErrorPct) {
        public boolean withinBounds() {
            return mapePct <= suite.mapeBoundPct() && maxErrorPct <= suite.maxErrorBoundPct();
        }
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
                rows.add(new ValidationRow(str(r.get("id")), str(r.get("source")), str(r.get("model")), str(r.get("server")),
                        ((Number) r.get("gpus")).intValue(), (Map<String, Object>) r.get("layout"),
                        ((Number) r.get("published")).doubleValue(),
                        tokens == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(tokens.toString())),
                        str(r.get("notes"))));
            }
            return new ValidationSuite(str(m.get("suite")), m.containsKey("kind") ? str(m.get("kind")) : "training",
                    str(m.get("description")), str(m.get("metric")), str(m.get("runtime")),
                    ((Number) bound.get("mape_pct")).doubleValue(), ((Number) bound.get("max_error_pct")).doubleValue(), rows);
        } catch (RuntimeException e) {
            throw new BadInputException(where, "malformed suite (" + e + ")", "expected the schema of validation/README.md");
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Predicts every row of the suite. */
    public static Report run(ValidationSuite suite, Catalog catalog) {
        List<RowResult> out = new ArrayList<>();
        double sum = 0;
        double max = 0;
        for (ValidationRow row : suite.rows()) {
            Object r;
            double predicted;
            if (suite.kind().equals("inference") && "offline".equals(row.layout().get("scenario"))) {
                ServingSimulation.Report sr = offline(row, catalog, runtime(suite, row, catalog));
                r = sr;
                predicted = servingMetric(sr, row.gpus(), suite.metric());
            } else if (suite.kind().equals("inference")) {
                InferenceResult ir = inference(row, catalog, runtime(suite, row, catalog));
                r = ir;
                predicted = inferenceMetric(ir, suite.metric());
            } else {
                TrainingJob job = LayoutOptions.job(catalog, ModelResolver.resolve(catalog, row.model()), catalog.server(row.server()),
                        row.gpus(), row.layout(), row.tokens());
                TrainingResult tr = AnalyticTrainingModel.evaluate(job);
                r = tr;
                predicted = metric(tr, suite.metric());
            }
            double err = (predicted - row.published()) / row.published() * 100;
            sum += Math.abs(err);
            max = Math.max(max, Math.abs(err));
            out.add(new RowResult(row, predicted, err, r));
        }
        return new Report(suite, out, sum / Math.max(1, out.size()), max);
    }

    /** A row may name the runtime it was measured on; otherwise the suite's applies. */
    private static Runtime runtime(ValidationSuite suite, ValidationRow row, Catalog catalog) {
        Object own = row.layout().get("runtime");
        return catalog.runtime(own != null ? own.toString() : suite.runtime());
    }

    private static InferenceModel model(ValidationRow row, Catalog catalog, Runtime runtime) {
        Map<String, Object> l = row.layout();
        Replica replica = new Replica(ModelResolver.resolve(catalog, row.model()), catalog.server(row.server()),
                ((Number) l.getOrDefault("tp", 1)).intValue(), ((Number) l.getOrDefault("pp", 1)).intValue(),
                precision(l.getOrDefault("weights", "bf16")), precision(l.getOrDefault("kv_cache", "bf16")));
        return new InferenceModel(replica, runtime);
    }

    private static InferenceResult inference(ValidationRow row, Catalog catalog, Runtime runtime) {
        Map<String, Object> l = row.layout();
        return model(row, catalog, runtime).evaluate(((Number) l.get("batch")).intValue(), ((Number) l.get("input_len")).intValue(),
                ((Number) l.get("output_len")).intValue());
    }

    /**
     * An offline-scenario row (MLPerf Inference "Offline": the load generator queues every sample at once and the
     * system serves them with continuous batching): the serving simulation over all the row's GPUs, every request
     * arriving at time 0, lengths drawn (seeded) from the dataset's length quantiles.
     */
    private static ServingSimulation.Report offline(ValidationRow row, Catalog catalog, Runtime runtime) {
        Map<String, Object> l = row.layout();
        InferenceModel m = model(row, catalog, runtime);
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
        return ServingSimulation.run(m, replicas, Workload.fromTrace(trace), requests, config, OptionalDouble.empty(),
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
            case "time_to_train_days" -> r.timeToTrainDays().orElseThrow(() -> new BadInputException("suite",
                    "metric time_to_train_days needs 'tokens' on every row", "expected tokens: N"));
            default -> throw new BadInputException("suite", "unknown metric '" + metric + "'",
                    "expected hardware_tflops_per_gpu, model_tflops_per_gpu, tokens_per_s_per_gpu, step_time_s or time_to_train_days");
        };
    }
}
