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
 * Typed, validating access to the fields of one mapping read by {@link TreeReader} (catalog entries,
 * models, demand files, validation suites). Each getter records the key as known; {@link #finish()}
 * then rejects any key nobody asked for, with a "did you mean", so a misspelt field is an error rather
 * than a silently missing figure. Numbers are plain decimal notation and finite (NaN, .nan, Infinity,
 * .inf, hexadecimal and Java's 'd'/'f' suffixes are refused). Every error names file, line and field.
 */
public final class Fields {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d[\\d_]*");
    private static final Pattern NOT_FINITE = Pattern.compile("[-+]?(?:\\.?nan|\\.?inf(?:inity)?)", Pattern.CASE_INSENSITIVE);

    private final Node.Mapping map;
    private final String prefix;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(Node.Mapping map, String prefix) {
        this.map = map;
        this.prefix = prefix;
    }

    /** Wraps a node that must be a mapping; {@code what} names it in the error otherwise. */
    public static Fields of(Node node, String what) {
        if (node instanceof Node.Mapping m) {
            return new Fields(m, "");
        }
        throw new BadInputException(node.where(), what + " is not a mapping", "expected 'key: value' pairs");
    }

    /**
     * Wraps a node that must be a mapping; errors name its fields with {@code prefix} (e.g. "training[0].").
     */
    public static Fields of(Node node, String what, String prefix) {
        if (node instanceof Node.Mapping m) {
            return new Fields(m, prefix);
        }
        throw new BadInputException(node.where(), what + " is not a mapping", "expected 'key: value' pairs");
    }

    public Node.Mapping node() {
        return map;
    }

    public String where() {
        return map.where();
    }

    public boolean has(String key) {
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

    Node.Scalar scalar(String key) {
        Node n = map.entries().get(key);
        if (n instanceof Node.Scalar s) {
            return s;
        }
        throw error(key, "is " + describe(n), "expected a single value");
    }

    private BadInputException missing(String key, String expected) {
        return new BadInputException(map.where(), prefix + key + ": missing required field", expected);
    }

    public String requireString(String key) {
        return string(key).orElseThrow(() -> missing(key, "expected e.g. '" + key + ": ...'"));
    }

    public Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        String text = scalar(key).text().trim();
        if (text.isEmpty()) {
            throw error(key, "is empty", "expected text, or leave the field out");
        }
        return Optional.of(text);
    }

    public String stringOr(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** Reads an id field: lower-case letters, digits, '.', '_' and '-'. */
    public String requireId(String key) {
        String id = requireString(key);
        if (!ID.matcher(id).matches()) {
            throw error(key, "'" + id + "' is not a valid id", "expected lower-case letters, digits, '.', '-' or '_', e.g. 'h100-sxm'");
        }
        return id;
    }

    public Optional<String> id(String key) {
        return has(key) ? Optional.of(requireId(key)) : Optional.empty();
    }

    public OptionalInt integer(String key, int min) {
        return integer(key, min, Integer.MAX_VALUE, "expected an integer >= " + min + ", e.g. " + Math.max(min, 8));
    }

    /** Reads a whole number in [{@code min}, {@code max}]. */
    public OptionalInt integer(String key, int min, int max) {
        return integer(key, min, max, "expected an integer from " + min + " to " + max);
    }

    private OptionalInt integer(String key, int min, int max, String expected) {
        if (!has(key)) {
            return OptionalInt.empty();
        }
        Node.Scalar s = scalar(key);
        int value = wholeNumber(s, prefix + key, whereOf(key), expected);
        if (value < min) {
            throw error(key, value + " is too small", expected);
        }
        if (value > max) {
            throw error(key, value + " is too large", expected);
        }
        return OptionalInt.of(value);
    }

    public int requireInt(String key, int min) {
        return integer(key, min).orElseThrow(() -> missing(key, "expected an integer >= " + min));
    }

    /** Reads a bare positive number (the unit is in the field's name, e.g. die_area_mm2). */
    public OptionalDouble number(String key) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        Node.Scalar s = scalar(key);
        double value = finiteNumber(s, prefix + key, whereOf(key), "expected a positive number (the unit is in the field name)");
        if (!(value > 0) || !Double.isFinite(value)) {
            throw error(key, s.text() + " is not positive", "expected a positive number; leave the field out if it is not published");
        }
        return OptionalDouble.of(value);
    }

    /** Reads a positive, finite number no larger than {@code max}. */
    public OptionalDouble number(String key, double max, String expected) {
        if (!has(key)) {
            return OptionalDouble.empty();
        }
        Node.Scalar s = scalar(key);
        double value = finiteNumber(s, prefix + key, whereOf(key), expected);
        if (!(value > 0) || value > max) {
            throw error(key, s.text() + " is out of range", expected);
        }
        return OptionalDouble.of(value);
    }

    /** Returns a "missing required field" error for {@code key}. */
    public BadInputException missingField(String key, String expected) {
        return missing(key, expected);
    }

    /** Returns an error about the value of {@code key}, placed at its line. */
    public BadInputException fieldError(String key, String what, String expected) {
        return error(key, what, expected);
    }

    public boolean bool(String key, boolean fallback) {
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
    public OptionalDouble quantity(String key, Quantity kind) {
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

    public double requireQuantity(String key, Quantity kind) {
        return quantity(key, kind).orElseThrow(() -> missing(key, "expected " + kind.article() + ", e.g. " + kind.example()));
    }

    /** Reads one of a fixed set of words (case-insensitive); returns it lower-cased. */
    public Optional<String> choice(String key, List<String> allowed) {
        Optional<String> v = string(key);
        if (v.isPresent() && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(v.get()))) {
            throw error(key, "'" + v.get() + "' is not allowed", "expected one of " + String.join(", ", allowed));
        }
        return v.map(String::toLowerCase);
    }

    public Optional<Fields> mapping(String key) {
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
    public List<String> keysAsKnown() {
        known.addAll(map.entries().keySet());
        return new ArrayList<>(map.entries().keySet());
    }

    /** Returns the value of {@code key}: absent, or a list (possibly empty; a lone null is an empty list). */
    public Optional<List<Node>> list(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        Node n = map.entries().get(key);
        if (n instanceof Node.Sequence seq) {
            return Optional.of(seq.items());
        }
        throw error(key, "is " + describe(n), "expected a list under " + key);
    }

    /** Returns the raw node of {@code key} (taken as known), or empty when absent or null. */
    public Optional<Node> raw(String key) {
        return has(key) ? Optional.of(map.entries().get(key)) : Optional.empty();
    }

    /** Rejects keys that no getter asked for, suggesting the nearest known key. */
    public void finish() {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                throw error(key, "unknown field" + didYouMean(key, known), "expected one of " + String.join(", ", known));
            }
        }
    }

    /** Returns " (did you mean 'x'?)" for the known key nearest to {@code key}, or "" when none is near. */
    public static String didYouMean(String key, java.util.Collection<String> known) {
        List<String> near = Suggest.closest(key, known);
        if (near.isEmpty()) {
            return "";
        }
        String best = near.get(0);
        boolean close = Suggest.distance(key.toLowerCase(), best) <= Math.max(2, best.length() / 3)
                || key.toLowerCase().contains(best) || best.contains(key.toLowerCase());
        return close ? " (did you mean '" + best + "'?)" : "";
    }

    /**
     * Parses a scalar as a finite decimal number; {@code field} and {@code where} name it in errors. Refuses
     * NaN, infinities, numbers too large for a double, and text that is not plain decimal notation.
     */
    public static double finiteNumber(Node.Scalar s, String field, String where, String expected) {
        String t = s.isNull() ? "" : s.text().trim();
        if (NOT_FINITE.matcher(t).matches()) {
            throw new BadInputException(where, field + ": '" + t + "' is not a finite number", expected);
        }
        if (s.type() == Node.Type.BOOLEAN || !DECIMAL.matcher(t).matches()) {
            throw new BadInputException(where, field + ": '" + t + "' is not a number"
                    + (s.type() == Node.Type.STRING || s.type() == Node.Type.DECIMAL ? "" : " (it is " + s.type().shown() + ")"), expected);
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new BadInputException(where, field + ": '" + t + "' is not a finite number (too large)", expected);
        }
        return v;
    }

    /** Parses a scalar as a whole number that fits an int (digits may be grouped with '_'). */
    public static int wholeNumber(Node.Scalar s, String field, String where, String expected) {
        String t = s.isNull() ? "" : s.text().trim();
        if (!WHOLE.matcher(t).matches()) {
            String kind = NOT_FINITE.matcher(t).matches() ? "is not a finite number" : "is not a whole number";
            throw new BadInputException(where, field + ": '" + t + "' " + kind
                    + (s.type() == Node.Type.BOOLEAN || s.type() == Node.Type.NULL ? " (it is " + s.type().shown() + ")" : ""), expected);
        }
        try {
            return Integer.parseInt(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadInputException(where, field + ": '" + t + "' is too large", expected);
        }
    }

    private static String describe(Node n) {
        return n instanceof Node.Mapping ? "a mapping" : n instanceof Node.Sequence ? "a list" : ((Node.Scalar) n).type().shown();
    }
}
