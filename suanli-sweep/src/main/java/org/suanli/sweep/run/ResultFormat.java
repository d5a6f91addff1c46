package org.suanli.sweep.run;

import java.nio.file.Path;
import java.util.Locale;
import org.suanli.BadInputException;
import org.suanli.sweep.SweepSpec;

/**
 * The three result formats, each with its store. Parquet and CSV are directories of {@code part-NNNNN} files plus
 * {@code manifest.json} and {@code spec.yaml} (as Spark writes Parquet); DuckDB is one database file holding a table per
 * partition, the view {@code results} over all of them, and the tables {@code sweep_meta} and {@code sweep_partitions}.
 */
public enum ResultFormat {
    PARQUET("parquet"), CSV("csv"), DUCKDB("duckdb");

    private final String suffix;

    ResultFormat(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** Returns the format a path's suffix names ({@code results.parquet}, {@code .csv}, {@code .duckdb}/{@code .db}). */
    public static ResultFormat of(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) {
            return PARQUET;
        }
        if (n.endsWith(".csv")) {
            return CSV;
        }
        if (n.endsWith(".duckdb") || n.endsWith(".db")) {
            return DUCKDB;
        }
        throw new BadInputException("--out " + out, "unknown result format", "expected a name ending in .parquet, .csv or .duckdb");
    }

    /** Opens (creating, or reopening to resume) the store at {@code out} for {@code spec}. */
    public ResultStore open(Path out, SweepSpec spec, String version) {
        return this == DUCKDB ? new DuckDbStore(out, spec, version) : new DirectoryStore(out, this, spec, version);
    }

    /**
     * Returns a writer of part files into results that {@link #open} already created, for the tasks of a distributed engine:
     * it neither checks the manifest nor clears half-written files (other tasks may be writing theirs), and
     * {@link ResultStore#completed()} is the driver's business. Parquet and CSV only: a DuckDB file has one writer.
     */
    public ResultStore parts(Path out, SweepSpec spec, String version) {
        if (this == DUCKDB) {
            throw new BadInputException("--out " + out, "a DuckDB file cannot be written by several tasks", "expected DIR.parquet or DIR.csv");
        }
        return new DirectoryStore(out, this, spec, version, false);
    }
}
