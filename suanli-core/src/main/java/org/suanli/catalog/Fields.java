package org.suanli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.suanli.BadInputException;
import org.suanli.units.Quantity;
import org.suanli.units.UnitException;
import org.suanli.units.Units;

/**
 * Typed, validating access to the fields of one catalog mapping. Each getter records the key as
 * known; {@link #finish()} then rejects any key nobody asked for, so a misspelt field is an error
 * rather than a silently missing figure. Every error names file, line and field.
 */
final class Fields {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Node.Mapping map;
    private final String prefix;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(Node.Mapping map, String prefix) {
        this.map = map;
        this.prefix = prefix;
    }

    /** Wraps a node that must be a mapping; {@code what} names it in the error otherwise. */
    static Fields of(Node node, String what) {
        if (node instanceof Node.Mapping m) {
            return new Fields(m, "");
        }
        throw new BadInputException(node.where(), what + " is not a mapping", "expected 'key: value' pairs");
    }

    Node.Mapping node() {
        return map;
    }

    String where() {
        return map.where();
    }

    boolean has(String key) {
        known.add(key);
        Node n = map.entries().get(key);
        return n != null && !(n instanceof Node.Scalar s && s.isNull());
    }

    private String whereOf(String key) {
        Integer line = map.keyLines().get(key);
        return map.file() + ":" + (line == null ? map.line() : line);
    }

    private BadInputException error(String key, String what, String expected) {
        return new BadInputException(whereOf(key), prefix + key + ": " + what, expected);
    }

    private Node.Scalar scalar(String key) {
        Node n = map.entries().get(key);
        if (n instanceof Node.Scalar s) {
            return s;
        }
        throw error(key, "is a " + (n instanceof Node.Mapping ? "mapping" : "list"), "expected a single value");
    }

    private BadInputException missing(String key, String expected) {
        return new BadInputException(map.where(), prefix + key + ": missing required field", expected);
    }

    String requireString(String key) {
        return string(key).orElseThrow(() -> missing(key, "expected e.g. '" + key + ": ...'"));
    }

    Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        String text = scalar(key).text().trim();
        if (text.isEmpty()) {
            throw error(key, "is empty", "expected text, or leave the field out");
        }
        return Optional.of(text);
    }

    String stringOr(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** Reads an id field: lower-case letters, digits, '.', '_' and '-'. */
    String requireId(String key) {
        String id = requireString(key);
        if (!ID.matcher(id).matches()) {
            throw error(key, "'" + id + "' is not a valid id", "expected lower-case letters, digits, '.', '-' or '_', e.g. 'h100-sxm'");
        }
        return id;
    }

    Optional<String> id(String key) {
        return has(key) ? Optional.of(requireId(key)) : Optional.empty();
    }

    OptionalInt integer(String key, int min) {
        if (!has(key)) {
            return OptionalInt.empty();
        }
        Node.Scalar s = scalar(key);
        int value;
        try {
            value = Integer.parseInt(s.text().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(key, "'" + s.text() + "' is not a whole number", "expected an integer, e.g. 8");
        }
        if (value < min) {
            throw error(key, value + " is too small", "expected an integer >= " + min);
        }
        return OptionalInt.of(value);
    }

    int requireInt(String key, int min) {
        return integer(key, min).orElseThrow(() -> missing(key, "expected an integer >= " + min));
    }

    /** Reads a bare positive number (the unit is in the field's name, e.g. die_area_mm2). */
    OptionalDouble number(String key) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        Node.Scalar s = scalar(key);
        double value;
        try {
            value = Double.parseDouble(s.text().trim());
        } catch (NumberFormatException e) {
            throw error(key, "'" + s.text() + "' is not a number", "expected a positive number (the unit is in the field name)");
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw error(key, s.text() + " is not positive", "expected a positive number; leave the field out if it is not published");
        }
        return OptionalDouble.of(value);
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        String t = scalar(key).text().trim();
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw error(key, "'" + t + "' is not a boolean", "expected true or false");
    }

    /** Reads a positive quantity with a unit in the string, e.g. "3.35 TB/s"; returns it in SI base units. */
    OptionalDouble quantity(String key, Quantity kind) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        Node.Scalar s = scalar(key);
        double value;
        try {
            value = Units.parse(s.text(), kind);
        } catch (UnitException e) {
            throw error(key, e.getMessage(), e.expected());
        }
        if (!(value > 0)) {
            throw error(key, "'" + s.text() + "' is not positive",
                    "expected " + kind.article() + " above zero; leave the field out if it is not published");
        }
        return OptionalDouble.of(value);
    }

    double requireQuantity(String key, Quantity kind) {
        return quantity(key, kind).orElseThrow(() -> missing(key, "expected " + kind.article() + ", e.g. " + kind.example()));
    }

    /** Reads one of a fixed set of words (case-insensitive); returns it lower-cased. */
    Optional<String> choice(String key, List<String> allowed) {
        Optional<String> v = string(key);
        if (v.isPresent() && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(v.get()))) {
            throw error(key, "'" + v.get() + "' is not allowed", "expected one of " + String.join(", ", allowed));
        }
        return v.map(String::toLowerCase);
    }

    Optional<Fields> mapping(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Node n = map.entries().get(key);
        if (n instanceof Node.Mapping m) {
            return Optional.of(new Fields(m, prefix + key + "."));
        }
        throw error(key, "is not a mapping", "expected 'key: value' pairs under " + key);
    }

    /** Returns the keys of this mapping (all are taken as known, for free-form maps such as 'peak'). */
    List<String> keysAsKnown() {
        known.addAll(map.entries().keySet());
        return new ArrayList<>(map.entries().keySet());
    }

    /** Rejects keys that no getter asked for. */
    void finish() {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                throw error(key, "unknown field", "expected one of " + String.join(", ", known));
            }
        }
    }
}
