package org.suanli.sweep.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.suanli.BadInputException;
import org.suanli.report.Json;
import org.suanli.sweep.Row;
import org.suanli.sweep.SweepSpec;

/**
 * Parquet or CSV results: a directory of {@code part-NNNNN.parquet} (or {@code .csv}) files, one per partition, each written by
 * DuckDB's {@code COPY ... TO} to a temporary name and moved into place atomically; {@code manifest.json} and {@code spec.yaml}
 * beside them, and in Parquet the version and spec also as key-value metadata of every file.
 */
final class DirectoryStore implements ResultStore {
    private static final Pattern PART = Pattern.compile("part-(\\d{5,})\\.(parquet|csv)");

    private final Path dir;
    private final ResultFormat format;
    private final SweepSpec spec;
    private final String version;
    private final Connection db;

    DirectoryStore(Path dir, ResultFormat format, SweepSpec spec, String version) {
        this(dir, format, spec, version, true);
    }

    /** {@code opening}: create or check the directory and clear half-written parts (the driver); else only write parts (a task). */
    DirectoryStore(Path dir, ResultFormat format, SweepSpec spec, String version, boolean opening) {
        this.dir = dir;
        this.format = format;
        this.spec = spec;
        this.version = version;
        Path manifest = dir.resolve("manifest.json");
        try {
            if (!opening) {
                if (!Files.isRegularFile(manifest)) {
                    throw new BadInputException("--out " + dir, "has no manifest.json", "expected results opened by the driver on a "
                            + "file system every executor shares");
                }
            } else if (Files.exists(dir)) {
                if (!Files.isDirectory(dir) || !Files.isRegularFile(manifest)) {
                    throw new BadInputException("--out " + dir, "exists and is not a sweep's results", "expected a new path, or the "
                            + "results directory of an earlier run of the same spec to resume");
                }
                Manifest.requireSame(Json.mapper().readTree(manifest.toFile()), spec, "--out " + dir);
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                        Files.delete(p); // a partition a killed run left half-written
                    }
                }
            } else {
                Files.createDirectories(dir);
                Manifest.writeAtomically(dir.resolve("spec.yaml"), spec.text().getBytes(StandardCharsets.UTF_8));
                Manifest.writeAtomically(manifest, Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(Manifest.of(spec, version, format.suffix())));
            }
            db = DriverManager.getConnection("jdbc:duckdb:");
        } catch (IOException | SQLException e) {
            throw new BadInputException("--out " + dir, "cannot write (" + e.getMessage() + ")", "expected a writable path");
        }
    }

    @Override
    public Set<Long> completed() {
        Set<Long> done = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = PART.matcher(p.getFileName().toString());
                if (m.matches() && m.group(2).equals(format.suffix())) {
                    done.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot list (" + e.getMessage() + ")", "expected a readable directory");
        }
        return done;
    }

    static String partName(long partition, String suffix) {
        return String.format(Locale.ROOT, "part-%05d.%s", partition, suffix);
    }

    @Override
    public synchronized void write(long partition, List<String> scenario, List<Row> rows) {
        Path file = dir.resolve(partName(partition, format.suffix()));
        // unique per writer: two attempts at one partition (a retried or speculative Spark task) never share a temporary file
        Path tmp = dir.resolve(file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            Appending.load(db, "part", Columns.of(scenario, rows), scenario, rows);
            String options = format == ResultFormat.PARQUET
                    ? "FORMAT parquet, COMPRESSION zstd, KV_METADATA {suanli_version: " + Columns.literal(version) + ", suanli_spec_sha256: "
                    + Columns.literal(spec.sha256()) + ", suanli_spec: " + Columns.literal(spec.text()) + "}"
                    : "FORMAT csv, HEADER true";
            try (Statement s = db.createStatement()) {
                s.execute("COPY part TO " + Columns.literal(tmp.toString()) + " (" + options + ")");
                s.execute("DROP TABLE part");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // an in-memory database: nothing of the results lives in it
        }
    }
}
