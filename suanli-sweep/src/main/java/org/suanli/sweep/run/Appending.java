package org.suanli.sweep.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.suanli.sweep.Row;

/** Loads one partition's rows into a DuckDB table through the Appender (DuckDB's bulk path, far faster than INSERTs). */
final class Appending {
    private Appending() {
    }

    /** Creates temporary table {@code table} with {@code cols} and appends {@code rows} to it. */
    static void load(Connection c, String table, Columns cols, List<String> scenario, List<Row> rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE " + table + " (" + cols.ddl() + ")");
        }
        try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("temp", "main", table)) {
            for (Row r : rows) {
                a.beginRow();
                for (int i = 0; i < cols.names.size(); i++) {
                    String name = cols.names.get(i);
                    Object v = name.equals("point") ? (Object) r.point() : name.equals("error") ? r.error()
                            : r.scenario().containsKey(name) ? r.scenario().get(name) : resultValue(r, name, scenario);
                    append(a, cols.types.get(i), v);
                }
                a.endRow();
            }
        }
    }

    private static Object resultValue(Row r, String column, List<String> scenario) {
        if (column.startsWith("result_")) {
            String k = column.substring(7);
            if (Columns.resultName(k, scenario).equals(column)) {
                return r.result().get(k);
            }
        }
        return r.result().get(column);
    }

    private static void append(DuckDBAppender a, String type, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
            return;
        }
        switch (type) {
            case "BIGINT" -> a.append(((Number) v).longValue());
            case "DOUBLE" -> a.append(((Number) v).doubleValue());
            case "BOOLEAN" -> a.append((boolean) (Boolean) v);
            default -> a.append(String.valueOf(v));
        }
    }
}
