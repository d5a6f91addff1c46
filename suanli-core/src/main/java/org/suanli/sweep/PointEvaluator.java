package org.suanli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.catalog.ModelOverride;
import org.suanli.catalog.Node;
import org.suanli.hardware.Server;
import org.suanli.jobs.JobContext;
import org.suanli.jobs.OptionException;
import org.suanli.jobs.Options;
import org.suanli.report.Json;

/**
 * Evaluates one point of a sweep from its index: the sampler's values laid over the base options, model and hardware
 * overrides applied to a copy of the catalog (cached per distinct what-if, as sweeps repeat few of them over many points),
 * then the command run through the job layer exactly as the CLI's {@code --json} runs it. Thread-safe: one evaluator serves
 * every worker. This is the unit an engine (threads here, Spark executors later) calls.
 */
public final class PointEvaluator {
    private static final int CACHE_LIMIT = 4096;

    private final SweepSpec spec;
    private final Sampler sampler;
    private final JobContext context;
    private final List<String> columns;
    private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();

    public PointEvaluator(SweepSpec spec, Catalog catalog) {
        this.spec = spec;
        this.sampler = spec.sampler();
        this.context = JobContext.local(catalog);
        List<String> c = new ArrayList<>();
        spec.fields().forEach(f -> c.add(column(f)));
        this.columns = List.copyOf(c);
        if (sampler.points() > 0) {
            requireShape();
        }
    }

    /**
     * Reads the first point's options as its command does and refuses the whole sweep, in one line, when their shape is
     * wrong (an unknown or mistyped option): every point shares the keys, so none of them could run. A point the model
     * refuses for its values (a layout that does not divide, a part without fp8) stays that point's error.
     */
    private void requireShape() {
        try {
            prepare(sampler.point(0)).prepare();
        } catch (OptionException e) {
            if (e.kind() == OptionException.Kind.USAGE) {
                throw e;
            }
        } catch (BadInputException e) {
            // a value of this point: the sweep runs and records it
        }
    }

    /** Returns the column of a varied field: dots become underscores ({@code hw.memory_bytes_x} is {@code hw_memory_bytes_x}). */
    public static String column(String field) {
        return field.replace('.', '_');
    }

    /** Returns the scenario column names in spec order. */
    public List<String> scenarioColumns() {
        return columns;
    }

    /** Returns the number of points. */
    public long points() {
        return sampler.points();
    }

    /** Returns point {@code index} evaluated; an input the library refuses is the row's error, never an exception. */
    public Row evaluate(long index) {
        JsonNode[] values = sampler.point(index);
        Map<String, Object> scenario = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            scenario.put(columns.get(i), Flatten.scalar(values[i]));
        }
        try {
            Object json = prepare(values).prepare().run(new AtomicBoolean());
            Map<String, Object> result = new LinkedHashMap<>();
            Flatten.into(Json.mapper().valueToTree(json), "", result);
            return new Row(index, scenario, result, null);
        } catch (BadInputException e) {
            return new Row(index, scenario, Map.of(), e.getMessage());
        } catch (RuntimeException e) {
            // a point the model cannot evaluate is that point's error: a sweep keeps going
            return new Row(index, scenario, Map.of(), "internal: " + e);
        }
    }

    /** The options and catalog of one point, ready to be read by its command. */
    public record Prepared(SweepSpec spec, ObjectNode options, JobContext context) {
        /** Reads the options as the command does. */
        public org.suanli.jobs.Job prepare() {
            return spec.command().prepare(new Options(options.deepCopy()), context);
        }
    }

    /** Returns the options and what-if catalog of the point with these values (fails on a bad override). */
    public Prepared prepare(JsonNode[] values) {
        ObjectNode options = spec.base().deepCopy();
        Map<String, JsonNode> model = new LinkedHashMap<>(spec.model());
        Map<String, Object> hw = new LinkedHashMap<>();
        spec.hardware().forEach((k, v) -> hw.put(k, Flatten.scalar(v)));
        for (int i = 0; i < values.length; i++) {
            String f = spec.fields().get(i);
            if (f.startsWith("model.")) {
                model.put(f.substring(6), values[i]);
            } else if (f.startsWith("hw.")) {
                hw.put(f.substring(3), Flatten.scalar(values[i]));
            } else {
                options.set(f, values[i]);
            }
        }
        Catalog c = context.catalog();
        if (!model.isEmpty() || !hw.isEmpty()) {
            String key = options.path("model").toString() + "|" + options.path("server").toString() + "|" + model + "|" + hw;
            c = catalogs.get(key);
            if (c == null) {
                c = whatIf(options, model, hw);
                if (catalogs.size() > CACHE_LIMIT) {
                    catalogs.clear();
                }
                catalogs.put(key, c);
            }
        }
        return new Prepared(spec, options, context.withCatalog(c));
    }

    private Catalog whatIf(ObjectNode options, Map<String, JsonNode> model, Map<String, Object> hw) {
        Catalog c = context.catalog();
        String where = spec.file();
        if (!model.isEmpty()) {
            if (!options.path("model").isTextual()) {
                throw new OptionException(OptionException.Kind.USAGE, where + ": model", "model fields given without a model option",
                        "expected base.model (a built-in model id) with model overrides");
            }
            String id = options.get("model").textValue();
            Map<String, Node.Scalar> fields = new LinkedHashMap<>();
            model.forEach((k, v) -> fields.put(k, scalar(v, where)));
            c = c.with(Kind.MODEL, id, ModelOverride.apply(id, fields, where + ": model override"));
        }
        if (!hw.isEmpty()) {
            JsonNode servers = options.path("server");
            List<String> ids = new ArrayList<>();
            if (servers.isTextual()) {
                ids.add(servers.textValue());
            } else {
                servers.forEach(s -> ids.add(s.asText()));
            }
            if (ids.isEmpty()) {
                throw new OptionException(OptionException.Kind.USAGE, where + ": hardware", "what-ifs given without a server option",
                        "expected base.server (one id, or a list for a plan) with hardware what-ifs");
            }
            for (String id : ids) {
                Server s = c.server(id);
                c = c.with(Kind.SERVER, id, HardwareWhatIf.apply(s, hw, where));
            }
        }
        return c;
    }

    private static Node.Scalar scalar(JsonNode v, String where) {
        Node.Type t = v.isIntegralNumber() ? Node.Type.INTEGER : v.isNumber() ? Node.Type.DECIMAL : v.isBoolean() ? Node.Type.BOOLEAN
                : Node.Type.STRING;
        return new Node.Scalar(where, 0, v.asText(), false, t == Node.Type.STRING, t);
    }
}
