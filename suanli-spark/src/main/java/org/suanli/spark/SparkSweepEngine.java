package org.suanli.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.Row;
import org.suanli.sweep.SweepSpec;
import org.suanli.sweep.run.ResultFormat;
import org.suanli.sweep.run.ResultStore;
import org.suanli.sweep.run.SweepEngine;
import org.suanli.sweep.run.SweepRunner;

/**
 * {@code --engine spark}: the sweep as one Spark job. The driver opens the results as the in-process engine does (manifest,
 * spec, completed partitions); the partitions still missing become an RDD of partition indices, one Spark task each; every
 * executor JVM builds one {@link PointEvaluator} (core) and each task evaluates its partition's points and writes them as the
 * same {@code part-NNNNN.parquet} file, typed by the same {@link org.suanli.sweep.run.Columns}, that {@link SweepRunner}
 * writes. So the two engines' rows are identical, {@code sweep query} reads either, and a killed Spark run resumes like any
 * other (a part file appears whole or not at all). On a cluster {@code --out} must be a file system every executor shares.
 */
public final class SparkSweepEngine implements SweepEngine {
    /** Most Spark tasks of one job; beyond it a task evaluates several partitions. */
    static final int MAX_TASKS = 100_000;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepRunner.Summary run(Request r) {
        long start = System.nanoTime();
        SweepSpec spec = r.spec();
        Path out = r.out().toAbsolutePath();
        ResultFormat format = ResultFormat.of(out);
        if (format == ResultFormat.DUCKDB) {
            throw new BadInputException("--out " + r.out(), "a DuckDB file with --engine spark",
                    "expected DIR.parquet (or DIR.csv): Spark's tasks write part files side by side");
        }
        List<Long> todo = new ArrayList<>();
        long held = 0;
        try (ResultStore store = format.open(out, spec, r.version())) {
            Set<Long> done = store.completed();
            for (long p = 0; p < spec.partitions(); p++) {
                if (done.contains(p)) {
                    held += partitionSize(spec, p);
                } else {
                    todo.add(p);
                }
            }
        }
        long[] totals = new long[3];
        if (!todo.isEmpty()) {
            quietLogs();
            SparkSession spark = SparkSession.builder().config(conf(r)).getOrCreate();
            try {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                Evaluate task = new Evaluate(spec.file(), spec.text(), r.catalogPaths().stream().map(Path::toString).toList(),
                        out.toString(), r.version());
                for (long[] t : jsc.parallelize(todo, Math.min(todo.size(), MAX_TASKS)).mapPartitions(task).collect()) {
                    for (int i = 0; i < 3; i++) {
                        totals[i] += t[i];
                    }
                }
            } finally {
                spark.stop();
            }
        }
        long evaluated = totals[0];
        return new SweepRunner.Summary(held + evaluated, spec.points(), evaluated, totals[1], totals[2],
                (System.nanoTime() - start) / 1e9, held + evaluated < spec.points());
    }

    /**
     * Spark logs INFO on every stage; the CLI's jar binds SLF4J to slf4j-simple (this jar's log4j2.properties serves the other
     * binding), so its Spark, Hadoop and Parquet loggers are set to warn unless the user set them.
     */
    static void quietLogs() {
        for (String logger : List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop", "org.apache.parquet")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    /** Returns the Spark configuration: {@code spark.*} system properties win over these defaults. */
    static SparkConf conf(Request r) {
        String master = r.master() == null || r.master().isBlank() ? "local[*]" : r.master();
        SparkConf conf = new SparkConf(true).setAppName("suanli sweep " + r.spec().file()).setMaster(master)
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.sql.shuffle.partitions", "4");
        if (master.startsWith("local")) {
            // SPARK_LOCAL_IP=127.0.0.1: a laptop's or container's host name need not resolve
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setIfMissing("spark.jars", String.join(",", jars()));
        }
        return conf;
    }

    /** Returns the jars executors need: this module's, the CLI's (core and sweep) and DuckDB's, as this JVM loaded them. */
    static List<String> jars() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> c : List.of(SparkSweepEngine.class, PointEvaluator.class, SweepRunner.class, org.duckdb.DuckDBConnection.class)) {
            var src = c.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation().getPath().endsWith(".jar")) {
                jars.add(src.getLocation().toString());
            }
        }
        return List.copyOf(jars);
    }

    static long partitionSize(SweepSpec spec, long p) {
        return Math.min(spec.partitionPoints(), spec.points() - p * spec.partitionPoints());
    }

    /** One Spark task: its partitions evaluated and written; returns {evaluated points, infeasible points, partitions}. */
    record Evaluate(String specFile, String specText, List<String> catalogPaths, String out, String version)
            implements FlatMapFunction<Iterator<Long>, long[]>, Serializable {
        /** One evaluator per executor JVM and spec (it is thread-safe and caches what-if catalogs). */
        private static final Map<String, PointEvaluator> EVALUATORS = new ConcurrentHashMap<>();

        @Override
        public Iterator<long[]> call(Iterator<Long> partitions) {
            SweepSpec spec = SweepSpec.parse(specFile, specText);
            PointEvaluator evaluator = EVALUATORS.computeIfAbsent(spec.sha256() + catalogPaths, k -> new PointEvaluator(spec,
                    catalogPaths.isEmpty() ? Catalog.builtIn() : CatalogLoader.load(catalogPaths.stream().map(Path::of).toList())));
            long[] stats = new long[3];
            Path dir = Path.of(out);
            try (ResultStore store = ResultFormat.of(dir).parts(dir, spec, version)) {
                while (partitions.hasNext()) {
                    long p = partitions.next();
                    long first = p * spec.partitionPoints();
                    long n = partitionSize(spec, p);
                    List<Row> rows = new ArrayList<>((int) n);
                    for (long k = 0; k < n; k++) {
                        Row row = evaluator.evaluate(first + k);
                        stats[1] += row.error() == null ? 0 : 1;
                        rows.add(row);
                    }
                    store.write(p, evaluator.scenarioColumns(), rows);
                    stats[0] += n;
                    stats[2]++;
                }
            }
            return List.of(stats).iterator();
        }
    }
}
