package org.suanli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.suanli.jobs.OptionException.Kind;

/**
 * A job's options: one JSON object whose keys are the CLI's long option names in snake_case ({@code --micro-batch} is
 * {@code micro_batch}), read field by field with the type each must have. Options a job never reads are refused by
 * {@link #finish()}, so that a misspelt option is an error rather than silently ignored. Not thread-safe: one per job.
 */
public final class Options {
    private final ObjectNode node;
    private final Set<String> read = new LinkedHashSet<>();

    public Options(ObjectNode node) {
        this.node = node;
    }

    /** Returns the options as given, marking every field read. */
    public ObjectNode tree() {
        node.fieldNames().forEachRemaining(read::add);
        return node;
    }

    private JsonNode get(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private static OptionException type(String key, JsonNode v, String expected) {
        return new OptionException(Kind.USAGE, key, "wrong type: " + v.getNodeType().name().toLowerCase(Locale.ROOT), expected);
    }

    /** Returns the text option {@code key}, or null when absent. */
    public String string(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw type(key, v, "expected a string");
        }
        return v.textValue();
    }

    public String string(String key, String dflt) {
        String v = string(key);
        return v == null ? dflt : v;
    }

    /** Returns the text option {@code key}, failing with {@code expected} when absent. */
    public String required(String key, String expected) {
        String v = string(key);
        if (v == null) {
            throw new OptionException(Kind.USAGE, key, "missing", expected);
        }
        return v;
    }

    public Integer integer(String key) {
        Long v = longValue(key);
        if (v == null) {
            return null;
        }
        if (v != v.intValue()) {
            throw new OptionException(Kind.INPUT, key, v + " is out of range", "expected a whole number that fits in 32 bits");
        }
        return v.intValue();
    }

    public int integer(String key, int dflt) {
        Integer v = integer(key);
        return v == null ? dflt : v;
    }

    public Long longValue(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw type(key, v, "expected a whole number");
        }
        return v.longValue();
    }

    public Double number(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw type(key, v, "expected a number");
        }
        return v.doubleValue();
    }

    public double number(String key, double dflt) {
        Double v = number(key);
        return v == null ? dflt : v;
    }

    public Boolean bool(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw type(key, v, "expected true or false");
        }
        return v.booleanValue();
    }

    /** Returns a switch option: true only when given as true. */
    public boolean flag(String key) {
        Boolean v = bool(key);
        return v != null && v;
    }

    /** Returns a field that may be text ("max", "$2.5") or a number, as text. */
    public String textOrNumber(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (!v.isNumber()) {
            throw type(key, v, "expected a number");
        }
        double d = v.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Returns a repeatable option: an array of strings, or one string. */
    public List<String> strings(String key) {
        JsonNode v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.textValue());
            return out;
        }
        if (!v.isArray()) {
            throw type(key, v, "expected an array of strings");
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw type(key, e, "expected an array of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** Refuses the fields no job read: a misspelt or unsupported option. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                throw new OptionException(Kind.USAGE, name, "unknown field", "expected only the fields of " + String.join(", ", read));
            }
        }
    }
}
