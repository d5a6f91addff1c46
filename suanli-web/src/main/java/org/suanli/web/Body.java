package org.suanli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.suanli.report.Json;

/**
 * A request's JSON object, read field by field with the type each field must have (400 naming the field otherwise). Fields
 * a handler never reads are refused by {@link #finish()}, so that a misspelt option is an error rather than silently ignored;
 * a field that would name a file-system path is refused outright, as is a model or suite that looks like a path.
 */
final class Body {
    /** Fields of CLI options that name files: the server reads files only from the directories it was started with. */
    static final Set<String> PATH_FIELDS = Set.of("catalog", "trace", "trace_file", "write_envelope", "file", "out", "output");

    private final ObjectNode node;
    private final Set<String> read = new LinkedHashSet<>();

    private Body(ObjectNode node) {
        this.node = node;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (PATH_FIELDS.contains(name)) {
                throw new ApiException(400, name, "a request may not name a file-system path",
                        "expected no '" + name + "' field: user catalogs come only from the directories `suanli serve --catalog` was given");
            }
        }
    }

    static Body parse(byte[] bytes) {
        JsonNode n;
        try {
            n = bytes.length == 0 ? null : Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), "expected one JSON object");
        } catch (java.io.IOException e) {
            throw new ApiException(400, "request body", "unreadable", "expected one JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new ApiException(400, "request body", n == null ? "empty" : "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    "expected one JSON object");
        }
        return new Body((ObjectNode) n);
    }

    ObjectNode tree() {
        node.fieldNames().forEachRemaining(read::add);
        return node;
    }

    private JsonNode get(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private static ApiException type(String key, JsonNode v, String expected) {
        return new ApiException(400, key, "wrong type: " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT), expected);
    }

    String string(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw type(key, v, "expected a string");
        }
        return v.textValue();
    }

    String string(String key, String dflt) {
        String v = string(key);
        return v == null ? dflt : v;
    }

    String required(String key, String expected) {
        String v = string(key);
        if (v == null) {
            throw new ApiException(400, key, "missing", expected);
        }
        return v;
    }

    /** A catalog id: refused when it looks like a file-system path. */
    String id(String key, String expected) {
        return Ids.check(key, required(key, expected));
    }

    Integer integer(String key) {
        Long v = longValue(key);
        if (v == null) {
            return null;
        }
        if (v != v.intValue()) {
            throw new ApiException(422, key, v + " is out of range", "expected a whole number that fits in 32 bits");
        }
        return v.intValue();
    }

    int integer(String key, int dflt) {
        Integer v = integer(key);
        return v == null ? dflt : v;
    }

    Long longValue(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw type(key, v, "expected a whole number");
        }
        return v.longValue();
    }

    Double number(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw type(key, v, "expected a number");
        }
        return v.doubleValue();
    }

    double number(String key, double dflt) {
        Double v = number(key);
        return v == null ? dflt : v;
    }

    Boolean bool(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw type(key, v, "expected true or false");
        }
        return v.booleanValue();
    }

    boolean flag(String key) {
        Boolean v = bool(key);
        return v != null && v;
    }

    /** A repeatable option: an array of strings, or one string. */
    List<String> strings(String key) {
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

    /** Refuses the fields no handler read: a misspelt or unsupported option. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                throw new ApiException(400, name, "unknown field", "expected only the fields of " + String.join(", ", read));
            }
        }
    }
}
