package org.suanli.training;

import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Server;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * Reads a {@link LayoutSpec} from its snake_case map form ({@code tp}, {@code micro_batch}, {@code recompute},
 * {@code tp_overlap}, ...), as YAML files write it: validation rows and sweep files. Values may be numbers, booleans
 * or their text; a wrong one is one error naming the option. Keys that are not layout options are left alone (an
 * inference row's layout shares the map).
 */
public final class LayoutOptions {

    private LayoutOptions() {
    }

    /** Returns the spec the options give. */
    public static LayoutSpec spec(Map<String, Object> options) {
        return LayoutSpec.builder()
                .tp(integer(options, "tp"))
                .pp(integer(options, "pp"))
                .cp(integer(options, "cp"))
                .ep(integer(options, "ep"))
                .vpp(integer(options, "vpp"))
                .microBatch(integer(options, "micro_batch"))
                .globalBatch(integer(options, "global_batch"))
                .seqLen(integer(options, "seq_len"))
                .sequenceParallel(bool(options, "sequence_parallel"))
                .zero(integer(options, "zero"))
                .distributedOptimizer(bool(options, "distributed_optimizer"))
                .recompute(text(options, "recompute"))
                .precision(text(options, "precision"))
                .framework(text(options, "framework"))
                .flashAttention(bool(options, "flash_attention"))
                .tpOverlap(fraction(options, "tp_overlap"))
                .dpOverlap(bool(options, "dp_overlap"))
                .gradDtype(options.get("grad_dtype") == null ? null : options.get("grad_dtype").toString())
                .blockingP2p(bool(options, "blocking_p2p"))
                .scatterGatherP2p(bool(options, "scatter_gather_p2p"))
                .reshardAfterForward(bool(options, "reshard_after_forward"))
                .epA2aOverlap(bool(options, "ep_a2a_overlap"))
                .offload(text(options, "offload"))
                .schedule(text(options, "schedule"))
                .expertImbalance(number(options, "expert_imbalance"))
                .pipelineLayout(text(options, "pipeline_layout"))
                .expertTp(integer(options, "expert_tp"))
                .capacityFactor(number(options, "capacity_factor"))
                .build();
    }

    /** Returns the job on the built-in catalog's framework presets. */
    public static TrainingJob job(Model model, Server server, int gpus, Map<String, Object> options, OptionalDouble tokens) {
        return spec(options).job(model, server, gpus, tokens);
    }

    /** Returns the job for {@code gpus} GPUs of {@code server}: {@link LayoutSpec#job} of the options' spec. */
    public static TrainingJob job(Catalog catalog, Model model, Server server, int gpus, Map<String, Object> options,
                                  OptionalDouble tokens) {
        return spec(options).job(catalog, model, server, gpus, tokens);
    }

    /** The framework preset named in the options (or the default), with the features the options override. */
    public static Framework framework(Catalog catalog, Server server, Map<String, Object> options) {
        return spec(options).framework(catalog, server);
    }

    private static Double fraction(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        double d;
        try {
            d = v instanceof Number x ? x.doubleValue() : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw LayoutSpec.bad(key, v, "a fraction in [0, 1]");
        }
        if (!(d >= 0 && d <= 1)) {
            throw LayoutSpec.bad(key, v, "a fraction in [0, 1]");
        }
        return d;
    }

    private static Double number(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        try {
            return v instanceof Number x ? x.doubleValue() : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw LayoutSpec.bad(key, v, "a number");
        }
    }

    private static String text(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? null : v.toString().trim();
    }

    private static Integer integer(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Number x) {
            double d = x.doubleValue();
            if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw LayoutSpec.bad(key, v, "a whole number");
            }
            return (int) d;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw LayoutSpec.bad(key, v, "a whole number");
        }
    }

    private static Boolean bool(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw LayoutSpec.bad(key, v, "true or false");
    }
}
