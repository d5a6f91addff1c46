package org.suanli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.suanli.catalog.Catalog;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.Row;
import org.suanli.sweep.SweepSpec;
import org.suanli.sweep.run.ResultFormat;
import org.suanli.sweep.run.ResultStore;
import org.suanli.sweep.run.SweepRunner;

/**
 * Points per second per core of an analytic {@code train} sweep (Llama 3 8B on 64 H100s over tp, micro-batch and two hardware
 * what-ifs): {@link #evaluatePoint} is one point through the job layer on one thread, output excluded; {@link #parquetSweep} is
 * a whole 4,096-point sweep on one worker thread into Parquet partitions, so its rate includes the writing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SweepBenchmark {
    static final String SPEC = """
            command: train
            base: {model: llama3-8b, server: dgx-h100, gpus: 64, tokens: 1T}
            vary:
              tp: [1, 2, 4, 8]
              micro_batch: {from: 1, to: 16, scale: log2}
              hw.memory_bytes_per_s_x: {from: 0.5, to: 2, count: 16}
              hw.peak_x: {from: 0.5, to: 2, count: 16}
            partition_points: 1024
            """;
    /** 4 x 4 x 16 x 16 = 4,096 points in 4 partitions. */
    static final String SPEC_4096 = SPEC.replace("to: 16, scale: log2", "to: 8, scale: log2");

    SweepSpec spec;
    PointEvaluator evaluator;
    long next;
    Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        spec = SweepSpec.parse("bench.yaml", SPEC);
        evaluator = new PointEvaluator(spec, Catalog.builtIn());
        dir = Files.createTempDirectory("suanli-sweep-bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One point, evaluated and flattened to columns (no output). */
    @Benchmark
    public Row evaluatePoint() {
        Row r = evaluator.evaluate(next);
        next = (next + 1) % spec.points();
        return r;
    }

    /** The first 4,096 points (4 partitions) into a fresh Parquet directory on one worker thread. */
    @Benchmark
    @OperationsPerInvocation(4096)
    public long parquetSweep() {
        SweepSpec first = SweepSpec.parse("bench.yaml", SPEC_4096);
        Path out = dir.resolve("r" + System.nanoTime() + ".parquet");
        try (ResultStore store = ResultFormat.PARQUET.open(out, first, "bench")) {
            return SweepRunner.run(first, new PointEvaluator(first, Catalog.builtIn()), store, 1, n -> { }, new AtomicBoolean()).pointsDone();
        }
    }
}
