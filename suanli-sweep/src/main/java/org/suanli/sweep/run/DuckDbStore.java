package org.suanli.sweep.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.suanli.BadInputException;
import org.suanli.sweep.Row;
import org.suanli.sweep.SweepSpec;

/**
 * DuckDB results: one database file with a table {@code part_NNNNN} per partition, the view {@code results} over all of them
 * (UNION ALL BY NAME), {@code sweep_partitions} (which are complete) and {@code sweep_meta} (key, value: the manifest's fields
 * and the spec's text). A partition's table, its row in {@code sweep_partitions} and the new view commit in one transaction.
 */
final class DuckDbStore implements ResultStore {
    private final Connection db;
    private final Path file;

    DuckDbStore(Path file, SweepSpec spec, String version) {
        this.file = file;
        boolean existed = Files.exists(file);
        try {
            db = DriverManager.getConnection("jdbc:duckdb:" + file);
            try (Statement s = db.createStatement()) {
                if (existed) {
                    ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'sweep_meta'");
                    r.next();
                    if (r.getLong(1) == 0) {
                        throw new BadInputException("--out " + file, "exists and is not a sweep's results", "expected a new path");
                    }
                    var m = org.suanli.report.Json.mapper().createObjectNode();
                    ResultSet kv = s.executeQuery("SELECT key, value FROM sweep_meta");
                    while (kv.next()) {
                        m.put(kv.getString(1), kv.getString(2));
                    }
                    Manifest.requireSame(m, spec, "--out " + file);
                } else {
                    s.execute("BEGIN");
                    s.execute("CREATE TABLE sweep_meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
                    s.execute("CREATE TABLE sweep_partitions (partition BIGINT PRIMARY KEY, rows BIGINT)");
                    var fields = Manifest.of(spec, version, "duckdb").fields();
                    while (fields.hasNext()) {
                        var e = fields.next();
                        s.execute("INSERT INTO sweep_meta VALUES (" + Columns.literal(e.getKey()) + ", " + Columns.literal(e.getValue().asText()) + ")");
                    }
                    s.execute("INSERT INTO sweep_meta VALUES ('spec', " + Columns.literal(spec.text()) + ")");
                    s.execute("COMMIT");
                }
            }
        } catch (SQLException e) {
            throw new BadInputException("--out " + file, "cannot open as DuckDB (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "expected a new path or a sweep's .duckdb file");
        }
    }

    @Override
    public Set<Long> completed() {
        Set<Long> done = new TreeSet<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT partition FROM sweep_partitions")) {
            while (r.next()) {
                done.add(r.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    @Override
    public synchronized void write(long partition, List<String> scenario, List<Row> rows) {
        String table = String.format(Locale.ROOT, "part_%05d", partition);
        try (Statement s = db.createStatement()) {
            Appending.load(db, "incoming", Columns.of(scenario, rows), scenario, rows);
            s.execute("BEGIN");
            s.execute("CREATE TABLE " + table + " AS SELECT * FROM incoming");
            s.execute("INSERT INTO sweep_partitions VALUES (" + partition + ", " + rows.size() + ")");
            List<String> parts = new ArrayList<>();
            completed().forEach(p -> parts.add(String.format(Locale.ROOT, "SELECT * FROM part_%05d", p)));
            s.execute("CREATE OR REPLACE VIEW results AS " + String.join(" UNION ALL BY NAME ", parts));
            s.execute("COMMIT");
            s.execute("DROP TABLE incoming");
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // committed partitions are already durable
        }
    }
}
