package org.suanli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.suanli.BadInputException;
import org.suanli.jobs.Command;

/**
 * A sweep, as its YAML file states it:
 * <pre>
 * command: train                 # train | plan-train | infer | plan-serve
 * base:                          # the command's options, CLI long names in snake_case
 *   model: llama3-70b
 *   server: dgx-h100
 *   gpus: 512
 * model:   {layers: 96}          # fixed overrides of the base model's catalog fields (optional)
 * hardware: {peak_fp8: 0}        # fixed what-ifs on the server's catalog entry (optional; see HardwareWhatIf)
 * vary:                          # the fields that change; a list, or a range
 *   tp: [1, 2, 4, 8]
 *   micro_batch: {from: 1, to: 8, scale: log2}
 *   hw.memory_bytes_per_s_x: {from: 0.5, to: 2, count: 4}
 *   model.hidden: {from: 4096, to: 16384, step: 4096}
 * sample: {method: grid}         # grid (default) | random | lhs, with points: N and seed: S
 * partition_points: 1024         # rows per result partition (the unit of resumption)
 * </pre>
 * A varied field is an option of the command ({@code tp}), a model field ({@code model.layers}, {@code model.moe.experts}) or a
 * hardware what-if ({@code hw.memory_bytes_per_s_x}).
 *
 * @param text the file's bytes as text, stored with the results
 */
public record SweepSpec(String file, String text, Command command, ObjectNode base, Map<String, JsonNode> model,
                        Map<String, JsonNode> hardware, List<String> fields, List<Domain> domains, Sampler.Method method, long points,
                        long seed, int partitionPoints) {
    private static final Set<String> KEYS = Set.of("command", "base", "model", "hardware", "vary", "sample", "partition_points");
    /** Most points of one sweep. */
    public static final long MAX_POINTS = 10_000_000_000L;

    /** Reads and checks a spec file. */
    public static SweepSpec read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(path.toString(), "cannot read (" + e.getClass().getSimpleName() + ")", "expected a readable YAML file");
        }
        return parse(path.getFileName().toString(), text);
    }

    /** Reads and checks a spec given as text; {@code file} names it in errors. */
    public static SweepSpec parse(String file, String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(file + ":" + line, "malformed YAML (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ")", "expected a YAML mapping with command, base and vary");
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file, "not a mapping", "expected a YAML mapping with command, base and vary");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new BadInputException(file + ": " + k, "unknown field", "expected " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        if (!root.path("command").isTextual()) {
            throw new BadInputException(file + ": command", "missing", "expected train, plan-train, infer or plan-serve");
        }
        Command command = Command.parse(file + ": command", root.get("command").textValue());
        ObjectNode base = mapping(root, "base", file).deepCopy();
        Map<String, JsonNode> model = fixed(mapping(root, "model", file), file + ": model");
        Map<String, JsonNode> hardware = fixed(mapping(root, "hardware", file), file + ": hardware");
        hardware.keySet().forEach(k -> requireHardware(k, file + ": hardware." + k));
        List<String> fields = new ArrayList<>();
        List<Domain> domains = new ArrayList<>();
        ObjectNode vary = mapping(root, "vary", file);
        for (Iterator<Map.Entry<String, JsonNode>> it = vary.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = file + ": vary." + e.getKey();
            if (e.getKey().startsWith("hw.")) {
                requireHardware(e.getKey().substring(3), where);
            } else if (e.getKey().startsWith("model.") && e.getKey().length() == 6) {
                throw new BadInputException(where, "no model field named", "expected model.<field>, e.g. model.layers");
            }
            fields.add(e.getKey());
            domains.add(domain(e.getValue(), where));
        }
        JsonNode sample = root.path("sample");
        if (!sample.isMissingNode() && !sample.isObject()) {
            throw new BadInputException(file + ": sample", "not a mapping", "expected {method: grid|random|lhs, points: N, seed: S}");
        }
        for (Iterator<String> it = sample.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("method", "points", "seed").contains(k)) {
                throw new BadInputException(file + ": sample." + k, "unknown field", "expected method, points, seed");
            }
        }
        String m = sample.path("method").asText("grid");
        Sampler.Method method = switch (m.toLowerCase(Locale.ROOT)) {
            case "grid" -> Sampler.Method.GRID;
            case "random" -> Sampler.Method.RANDOM;
            case "lhs", "latin-hypercube" -> Sampler.Method.LHS;
            default -> throw new BadInputException(file + ": sample.method", "'" + m + "'", "expected grid, random or lhs");
        };
        long seed = wholeNumber(sample.path("seed"), 1, file + ": sample.seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long points;
        if (method == Sampler.Method.GRID) {
            if (sample.has("points")) {
                throw new BadInputException(file + ": sample.points", "given with a grid", "expected points only with random or lhs");
            }
            long n = 1;
            for (int i = 0; i < domains.size(); i++) {
                if (domains.get(i) instanceof Domain.Range r && !r.log2() && r.step() == 0 && r.count() == 0) {
                    throw new BadInputException(file + ": vary." + fields.get(i), "a fractional range without step or count",
                            "expected step or count for a grid");
                }
                int size = domains.get(i).grid().size();
                if (n > MAX_POINTS / size) {
                    throw new BadInputException(file + ": vary", "the grid has over " + MAX_POINTS + " points", "expected fewer values");
                }
                n *= size;
            }
            points = n;
        } else {
            if (!sample.has("points")) {
                throw new BadInputException(file + ": sample.points", "missing", "expected the number of points of a random or lhs sample");
            }
            points = wholeNumber(sample.get("points"), 0, file + ": sample.points", 1,
                    method == Sampler.Method.LHS ? Sampler.MAX_LHS_POINTS : MAX_POINTS);
        }
        boolean expensive = command != Command.TRAIN && command != Command.INFER;
        int partition = (int) wholeNumber(root.path("partition_points"), expensive ? 16 : 1024, file + ": partition_points", 1, 1_000_000);
        return new SweepSpec(file, text, command, base, model, hardware, List.copyOf(fields), List.copyOf(domains), method, points, seed,
                partition);
    }

    private static void requireHardware(String field, String where) {
        if (!HardwareWhatIf.known(field)) {
            throw new BadInputException(where, "unknown hardware field", "expected peak_<precision>, peak_x, memory_bytes, "
                    + "memory_bytes_per_s, scale_up_bytes_per_s, power_w or price_usd, each optionally with _x for a multiplier");
        }
    }

    private static ObjectNode mapping(JsonNode root, String key, String file) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return new ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        }
        if (!n.isObject()) {
            throw new BadInputException(file + ": " + key, "not a mapping", "expected " + key + ": {field: value, ...}");
        }
        return (ObjectNode) n;
    }

    private static Map<String, JsonNode> fixed(ObjectNode n, String where) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new BadInputException(where + "." + e.getKey(), "not a single value", "expected a number or text");
            }
            out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static long wholeNumber(JsonNode n, long dflt, String where, long min, long max) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw new BadInputException(where, "'" + n.asText() + "'", "expected a whole number from " + min + " to " + max);
        }
        return n.longValue();
    }

    private static Domain domain(JsonNode n, String where) {
        if (n.isArray()) {
            if (n.isEmpty()) {
                throw new BadInputException(where, "an empty list", "expected at least one value");
            }
            List<JsonNode> values = new ArrayList<>();
            n.forEach(v -> {
                if (!v.isValueNode() && !v.isArray()) {
                    throw new BadInputException(where, "a value that is a mapping", "expected numbers, text or booleans");
                }
                values.add(v);
            });
            return new Domain.Values(values);
        }
        if (n.isValueNode()) {
            return new Domain.Values(List.of(n));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("from", "to", "scale", "step", "count").contains(k)) {
                throw new BadInputException(where + "." + k, "unknown field", "expected from, to, scale (linear|log2), step, count");
            }
        }
        if (!n.path("from").isNumber() || !n.path("to").isNumber()) {
            throw new BadInputException(where, "a range without numeric from and to", "expected {from: A, to: B} with numbers A <= B");
        }
        double from = n.get("from").doubleValue();
        double to = n.get("to").doubleValue();
        String scale = n.path("scale").asText("linear");
        if (!scale.equals("linear") && !scale.equals("log2")) {
            throw new BadInputException(where + ".scale", "'" + scale + "'", "expected linear or log2");
        }
        boolean log2 = scale.equals("log2");
        if (!(from <= to) || !Double.isFinite(from) || !Double.isFinite(to) || (log2 && !(from > 0))) {
            throw new BadInputException(where, "range from " + n.get("from").asText() + " to " + n.get("to").asText(),
                    log2 ? "expected 0 < from <= to on a log2 scale" : "expected from <= to");
        }
        JsonNode stepNode = n.path("step");
        double step = stepNode.isMissingNode() ? 0 : stepNode.asDouble(Double.NaN);
        if (!stepNode.isMissingNode() && (!stepNode.isNumber() || !(step > 0) || log2)) {
            throw new BadInputException(where + ".step", "'" + stepNode.asText() + "'", log2 ? "expected no step on a log2 scale (it doubles)"
                    : "expected a number above 0");
        }
        int count = (int) wholeNumber(n.path("count"), 0, where + ".count", 1, 1_000_000);
        if (count > 0 && step > 0) {
            throw new BadInputException(where, "both step and count", "expected one of them");
        }
        boolean integer = n.get("from").isIntegralNumber() && n.get("to").isIntegralNumber()
                && (stepNode.isMissingNode() || stepNode.isIntegralNumber());
        if (!log2 && count == 0 && step == 0 && integer) {
            step = 1;
        }
        return new Domain.Range(from, to, log2, step, count, integer);
    }

    /** Returns the number of partitions of {@link #partitionPoints()} points each (the last may be shorter). */
    public long partitions() {
        return (points + partitionPoints - 1) / partitionPoints;
    }

    /** Returns a hex SHA-256 of the spec's text: results made by another spec are not resumed into. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the sampler of this spec's points. */
    public Sampler sampler() {
        return new Sampler(method, domains, points, seed);
    }
}
