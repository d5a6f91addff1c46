package org.suanli.sweep.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.suanli.BadInputException;

/**
 * SQL over a sweep's results through embedded DuckDB. Whatever the format, the rows are the view {@code results} (one row per
 * point: {@code point}, the scenario columns, {@code error}, the result columns); Parquet and CSV directories are read with
 * {@code union_by_name}, so partitions with different result columns line up by name.
 */
public final class SweepQuery {
    private SweepQuery() {
    }

    /** A query's answer: column names and rows of values as JDBC returns them. */
    public record Answer(List<String> columns, List<List<Object>> rows) {
    }

    /** Opens {@code results} read-only with the view {@code results} defined. */
    public static Connection open(Path results) {
        if (!Files.exists(results)) {
            throw new BadInputException(results.toString(), "no such results", "expected a sweep's .parquet or .csv directory or .duckdb file");
        }
        try {
            ResultFormat f = ResultFormat.of(results);
            if (f == ResultFormat.DUCKDB) {
                Properties ro = new Properties();
                ro.setProperty("duckdb.read_only", "true");
                return DriverManager.getConnection("jdbc:duckdb:" + results.toAbsolutePath(), ro);
            }
            if (!Files.isRegularFile(results.resolve("manifest.json"))) {
                throw new BadInputException(results.toString(), "is not a sweep's results (no manifest.json)", "expected the --out of a sweep");
            }
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            String glob = Columns.literal(results.toAbsolutePath().resolve("part-*." + f.suffix()).toString());
            boolean any;
            try (var s = Files.list(results)) {
                any = s.anyMatch(p -> p.getFileName().toString().matches("part-\\d+\\." + f.suffix()));
            }
            try (Statement s = c.createStatement()) {
                s.execute(!any ? "CREATE VIEW results AS SELECT NULL::BIGINT AS point, NULL::VARCHAR AS error WHERE false"
                        : f == ResultFormat.PARQUET ? "CREATE VIEW results AS SELECT * FROM read_parquet(" + glob + ", union_by_name = true)"
                        : "CREATE VIEW results AS SELECT * FROM read_csv(" + glob + ", union_by_name = true, header = true)");
            }
            return c;
        } catch (SQLException | java.io.IOException e) {
            throw new BadInputException(results.toString(), "cannot open (" + firstLine(e) + ")", "expected a sweep's results");
        }
    }

    /** Runs {@code sql} on {@code results} and returns its answer; bad SQL is a one-line error naming DuckDB's complaint. */
    public static Answer run(Path results, String sql) {
        try (Connection c = open(results); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData md = r.getMetaData();
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= cols.size(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return new Answer(cols, rows);
        } catch (SQLException e) {
            throw new BadInputException("SQL", firstLine(e), "expected a query over the table 'results'");
        }
    }

    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).strip();
    }
}
