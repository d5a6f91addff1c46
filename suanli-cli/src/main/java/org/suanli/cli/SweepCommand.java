package org.suanli.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.SweepSpec;
import org.suanli.sweep.run.ResultFormat;
import org.suanli.sweep.run.ResultStore;
import org.suanli.sweep.run.SweepEngine;
import org.suanli.sweep.run.SweepPlot;
import org.suanli.sweep.run.SweepQuery;
import org.suanli.sweep.run.SweepRunner;
import org.suanli.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code suanli sweep SPEC.yaml}: every point of a spec through its command, on all cores, into partitioned results that a
 * rerun resumes; {@code sweep query} and {@code sweep plot} read them. The spec's schema is {@link SweepSpec}'s.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {SweepCommand.Query.class, SweepCommand.Plot.class},
        description = "Design-space sweep: a grid, random or Latin-hypercube sample over options, model fields (model.*) and hardware "
                + "what-ifs (hw.*), each point run as train, plan-train, infer or plan-serve. Results: one row per point; rerun "
                + "the same command to resume an interrupted sweep.")
final class SweepCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "The sweep spec (see the README's sweep section).")
    Path specFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Results: DIR.parquet (default results.parquet), DIR.csv or FILE.duckdb.")
    Path out = Path.of("results.parquet");

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--engine", paramLabel = "NAME", description = "in-process (default) or spark: the sweep as an Apache Spark "
            + "job (module suanli-spark on the class path; see the README's sweep section).")
    String engine = "in-process";

    @Option(names = "--master", paramLabel = "URL", description = "Spark master with --engine spark (default local[*]).")
    String master;

    @Override
    public void run() {
        common.checkFormat();
        if (specFile == null) {
            throw new UsageException("missing SPEC.yaml; expected 'sweep SPEC.yaml', 'sweep query RESULTS SQL' or 'sweep plot RESULTS ...'");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 4096) {
            throw new org.suanli.BadInputException("--threads", String.valueOf(n), "expected 1 to 4096");
        }
        // catalog -> spec -> evaluator -> store -> run: the spec and the output path are checked before anything is written
        if (!engine.equals("in-process")) {
            runOn(engine);
            return;
        }
        if (master != null) {
            throw new org.suanli.BadInputException("--master " + master, "given without --engine spark", "expected --engine spark --master URL");
        }
        var catalog = common.catalog();
        SweepSpec spec = SweepSpec.read(specFile);
        PointEvaluator evaluator = new PointEvaluator(spec, catalog);
        ResultFormat format = ResultFormat.of(out);
        SweepRunner.Summary s;
        try (ResultStore store = format.open(out, spec, version());
             LongRun run = new LongRun("sweep", " points", spec.points(), common.format() == OutputFormat.TABLE)) {
            s = SweepRunner.run(spec, evaluator, store, n, run.progress(), run.cancel);
            run.endBar();
            report(spec, s);
        }
    }

    /** Runs the sweep on the engine named {@code name}, found on the class path only now: its jars are needed only here. */
    private void runOn(String name) {
        if (!name.equals("spark")) {
            throw new org.suanli.BadInputException("--engine " + name, "unknown engine", "expected in-process or spark");
        }
        if (threads != null) {
            throw new org.suanli.BadInputException("--threads", "given with --engine spark", "expected --master local[N] to set Spark's cores");
        }
        SweepEngine e = SweepEngine.named(name).orElseThrow(() -> new org.suanli.BadInputException("--engine spark",
                "the Spark engine is not on the class path", "expected java -cp suanli-cli/target/suanli.jar:suanli-spark/target/"
                + "suanli-spark.jar:'suanli-spark/target/lib/*' org.suanli.cli.Main sweep ... (build it with mvn -pl suanli-spark -am package)"));
        common.catalog(); // checked (and its notices printed) here, loaded again by every executor
        SweepSpec spec = SweepSpec.read(specFile);
        ResultFormat.of(out);
        SweepRunner.Summary s = e.run(new SweepEngine.Request(spec, common.catalogPaths(), out, master, version()));
        report(spec, s);
    }

    private void report(SweepSpec spec, SweepRunner.Summary s) {
        common.render(() -> s, () -> "points_done,points_total,evaluated,errors,seconds\n" + s.pointsDone() + "," + s.pointsTotal() + ","
                + s.evaluated() + "," + s.errors() + "," + s.seconds() + "\n", () -> String.format(Locale.ROOT, "%s: %,d of %,d points held in %s (%,d evaluated now, "
                + "%,d infeasible, in %.1f s, %,.0f points/s)%s%n", spec.file(), s.pointsDone(), s.pointsTotal(), out, s.evaluated(),
                s.errors(), s.seconds(), s.evaluated() / Math.max(1e-9, s.seconds()), s.cancelled()
                ? "; interrupted: rerun the same command to resume" : ""));
    }

    static String version() {
        String v = SweepCommand.class.getPackage().getImplementationVersion();
        return "suanli " + (v == null ? "dev" : v);
    }

    /** {@code sweep query RESULTS SQL}. */
    @Command(name = "query", mixinStandardHelpOptions = true, description = "Runs SQL (DuckDB) on a sweep's results; the rows are "
            + "the table 'results' (point, the varied fields, error, every result field).")
    static final class Query implements Runnable {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "RESULTS", description = "A sweep's DIR.parquet, DIR.csv or FILE.duckdb.")
        Path results;

        @Parameters(index = "1", arity = "0..1", paramLabel = "SQL", description = "One query, e.g. 'SELECT tp, max(mfu) FROM results GROUP BY tp'.")
        String sql;

        @Option(names = "--file", paramLabel = "FILE.sql", description = "Read the query from a file instead.")
        Path file;

        @Override
        public void run() {
            common.checkFormat();
            if ((sql == null) == (file == null)) {
                throw new UsageException("expected exactly one of SQL and --file");
            }
            String q = sql;
            if (file != null) {
                try {
                    q = java.nio.file.Files.readString(file);
                } catch (java.io.IOException e) {
                    throw new org.suanli.BadInputException("--file " + file, "cannot read", "expected a readable SQL file");
                }
            }
            SweepQuery.Answer a = SweepQuery.run(results, q);
            Table t = new Table(a.columns());
            for (List<Object> r : a.rows()) {
                t.add(r.stream().map(v -> v == null ? "" : v instanceof Double d ? org.suanli.units.Units.num(d) : String.valueOf(v)).toList());
            }
            common.render(() -> a, t::toCsv, t::toText);
        }
    }

    /** {@code sweep plot RESULTS --x F --y F [--color F] --out FILE}. */
    @Command(name = "plot", mixinStandardHelpOptions = true, description = "Scatter plot of one result column against another, "
            + "one colour per value of --color, as PNG or SVG (infeasible points left out).")
    static final class Plot implements Runnable {
        @Parameters(index = "0", paramLabel = "RESULTS", description = "A sweep's DIR.parquet, DIR.csv or FILE.duckdb.")
        Path results;

        @Option(names = "--x", required = true, paramLabel = "FIELD", description = "Column on the x axis.")
        String x;

        @Option(names = "--y", required = true, paramLabel = "FIELD", description = "Column on the y axis.")
        String y;

        @Option(names = "--color", paramLabel = "FIELD", description = "Column whose values colour the points.")
        String color;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.png or FILE.svg.")
        Path out;

        @Option(names = "--debug", description = "Print stack traces for errors.")
        boolean debug;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec cmd;

        @Override
        public void run() {
            int n = SweepPlot.write(results, x, y, color, out);
            cmd.commandLine().getOut().printf(Locale.ROOT, "%s: %,d points drawn%n", out, n);
            cmd.commandLine().getOut().flush();
        }
    }
}
