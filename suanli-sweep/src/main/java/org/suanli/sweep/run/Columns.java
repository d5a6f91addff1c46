package org.suanli.sweep.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.sweep.Row;

/**
 * The columns of one partition and their SQL types, in order: {@code point}, the scenario columns, {@code error}, then the result
 * columns as first seen. A whole number is BIGINT, a fraction DOUBLE (a column with both is DOUBLE), true/false BOOLEAN, any
 * other mix VARCHAR. A result column named like a scenario column is prefixed {@code result_}. Partitions may differ in their
 * result columns (an infeasible point has none); readers union them by name. Public so that every engine (threads here, Spark
 * in suanli-spark) types its rows the same way.
 */
public final class Columns {
    final List<String> names = new ArrayList<>();
    final List<String> types = new ArrayList<>();

    /** Returns the column names in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Returns the SQL types (BIGINT, DOUBLE, BOOLEAN, VARCHAR) of {@link #names()}, in the same order. */
    public List<String> types() {
        return List.copyOf(types);
    }

    /** Returns the columns and types of {@code rows}, whose scenario columns are {@code scenario}. */
    public static Columns of(List<String> scenario, List<Row> rows) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("point", "BIGINT");
        scenario.forEach(c -> t.put(c, null));
        t.put("error", "VARCHAR");
        for (Row r : rows) {
            r.scenario().forEach((k, v) -> t.merge(k, type(v), Columns::widen));
            r.result().forEach((k, v) -> t.merge(resultName(k, scenario), type(v), Columns::widen));
        }
        Columns c = new Columns();
        t.forEach((k, v) -> {
            c.names.add(k);
            c.types.add(v == null ? "VARCHAR" : v);
        });
        return c;
    }

    /** Returns the column of result field {@code k}: prefixed {@code result_} when it would clash with a scenario column. */
    public static String resultName(String k, List<String> scenario) {
        return scenario.contains(k) || k.equals("point") || k.equals("error") ? "result_" + k : k;
    }

    private static String type(Object v) {
        return v instanceof Long ? "BIGINT" : v instanceof Double ? "DOUBLE" : v instanceof Boolean ? "BOOLEAN" : "VARCHAR";
    }

    private static String widen(String a, String b) {
        if (a == null || a.equals(b)) {
            return b;
        }
        if ((a.equals("BIGINT") || a.equals("DOUBLE")) && (b.equals("BIGINT") || b.equals("DOUBLE"))) {
            return "DOUBLE";
        }
        return "VARCHAR";
    }

    /** Returns the CREATE TABLE column list. */
    String ddl() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(names.get(i))).append(' ').append(types.get(i));
        }
        return sb.toString();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
