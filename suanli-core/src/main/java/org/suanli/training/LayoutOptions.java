package org.suanli.training;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.software.Framework;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * Builds a checked {@link TrainingJob} from layout options given by name (command-line flags,
 * validation rows, sweep files), filling what is not given with what a practitioner would choose:
 * sequence parallelism whenever tp > 1, the distributed optimizer (ZeRO-1) on modern frameworks, a
 * global batch of about 4 M tokens (the batch of GPT-3 175B and Llama 2: Brown et al. 2020 table
 * 2.1; Touvron et al. 2023 §2.2), bf16 where the part has it.
 */
public final class LayoutOptions {
    /** Target tokens per step for the default global batch. */
    static final double DEFAULT_BATCH_TOKENS = 4 * 1024 * 1024;
    /** The framework preset of a job that names none, on a part whose family names none either. */
    public static final String DEFAULT_FRAMEWORK = "nemo-24.07";

    private LayoutOptions() {
    }

    /** Returns the job on the built-in catalog's framework presets. */
    public static TrainingJob job(Model model, Server server, int gpus, Map<String, Object> options, OptionalDouble tokens) {
        return job(Catalog.builtIn(), model, server, gpus, options, tokens);
    }

    /**
     * Returns the job for {@code gpus} GPUs of {@code server}; options use the snake_case layout keys, and the framework
     * preset (option {@code framework}, else the default) comes from {@code catalog}, with any feature the options set.
     */
    public static TrainingJob job(Catalog catalog, Model model, Server server, int gpus, Map<String, Object> options,
                                  OptionalDouble tokens) {
        if (gpus < 1) {
            throw new BadInputException("--gpus", gpus + " GPUs", "expected at least 1");
        }
        if (!server.isAiServer()) {
            throw new BadInputException("--server " + server.id(), "has no accelerators", "expected an AI server, e.g. dgx-h100");
        }
        server.requireSimulatable();
        Framework fw = framework(catalog, server, options);
        int tp = integer(options, "tp", 1);
        int pp = integer(options, "pp", 1);
        int cp = integer(options, "cp", 1);
        int ep = integer(options, "ep", 1);
        int vpp = integer(options, "vpp", 1);
        int mb = integer(options, "micro_batch", 1);
        if (gpus % (tp * pp * cp) != 0) {
            throw new BadInputException("layout", "tp x pp x cp = " + tp + " x " + pp + " x " + cp + " = " + tp * pp * cp
                    + " does not divide " + gpus + " GPUs", "expected a data-parallel size that is a whole number");
        }
        int dp = gpus / (tp * pp * cp);
        int seq = integer(options, "seq_len", Math.min(model.maxSeqLen(), 8192));
        int defaultBatch = (int) Math.max(1, Math.ceil(DEFAULT_BATCH_TOKENS / seq / (dp * mb))) * dp * mb;
        int gb = integer(options, "global_batch", defaultBatch);
        boolean sp = bool(options, "sequence_parallel", tp > 1 && fw.sequenceParallel());
        int zero = integer(options, "zero", fw.zero());
        if (bool(options, "distributed_optimizer", false)) {
            zero = Math.max(zero, 1);
        }
        if (zero > 3) {
            throw bad("zero", zero, "0, 1, 2 or 3");
        }
        String rc = text(options, "recompute", "none").toLowerCase(Locale.ROOT);
        Recompute recompute = switch (rc) {
            case "none" -> Recompute.NONE;
            case "selective" -> Recompute.SELECTIVE;
            case "full" -> Recompute.FULL;
            default -> throw bad("recompute", rc, "none, selective or full");
        };
        var accel = server.accelerator().orElseThrow();
        String defaultPrecision = accel.peak(Precision.BF16).isPresent() ? "bf16" : "fp16";
        String pr = text(options, "precision", defaultPrecision);
        Precision precision = Precision.fromKey(pr).filter(x -> x == Precision.BF16 || x == Precision.FP16 || x == Precision.FP8)
                .orElseThrow(() -> bad("precision", pr, "bf16, fp16 or fp8"));
        Layout layout = new Layout(tp, pp, dp, cp, ep, vpp, mb, gb, seq, sp, zero, recompute, precision, fw);
        LayoutCheck.check(model, server, layout);
        return new TrainingJob(model, server, layout, tokens);
    }

    /** The framework preset named in the options (or the default), with the features the options override. */
    public static Framework framework(Catalog catalog, Server server, Map<String, Object> options) {
        String family = server.accelerator().map(a -> a.efficiency().framework()).orElse(DEFAULT_FRAMEWORK);
        Framework preset = catalog.framework(text(options, "framework", family));
        Map<String, Object> overrides = new java.util.LinkedHashMap<>();
        for (String feature : Framework.FEATURES) {
            if (!options.containsKey(feature)) {
                continue;
            }
            Object v = switch (feature) {
                case "tp_overlap" -> fraction(options, feature);
                case "grad_dtype" -> {
                    String g = text(options, feature, "").toLowerCase(Locale.ROOT);
                    if (!List.of("fp32", "bf16", "fp16").contains(g)) {
                        throw bad(feature, options.get(feature), "fp32, bf16 or fp16");
                    }
                    yield g;
                }
                default -> bool(options, feature, false);
            };
            overrides.put(feature, v);
        }
        return preset.with(overrides);
    }

    private static double fraction(Map<String, Object> o, String key) {
        Object v = o.get(key);
        double d;
        try {
            d = v instanceof Number x ? x.doubleValue() : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a fraction in [0, 1]");
        }
        if (!(d >= 0 && d <= 1)) {
            throw bad(key, v, "a fraction in [0, 1]");
        }
        return d;
    }

    private static BadInputException bad(String key, Object value, String expected) {
        return new BadInputException("--" + key.replace('_', '-'), "'" + value + "' is not allowed", "expected " + expected);
    }

    private static String text(Map<String, Object> o, String key, String fallback) {
        Object v = o.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    private static int integer(Map<String, Object> o, String key, int fallback) {
        Object v = o.get(key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = v instanceof Number x ? x.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a whole number");
        }
        if (n < (key.equals("zero") ? 0 : 1)) {
            throw new BadInputException("--" + key.replace('_', '-'), n + " is too small", "expected at least " + (key.equals("zero") ? 0 : 1));
        }
        return n;
    }

    private static boolean bool(Map<String, Object> o, String key, boolean fallback) {
        Object v = o.get(key);
        if (v == null) {
            return fallback;
        }
        String s = v.toString().trim();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw bad(key, v, "true or false");
    }
}
