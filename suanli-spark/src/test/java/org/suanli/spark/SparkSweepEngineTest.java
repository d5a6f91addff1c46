package org.suanli.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.SweepSpec;
import org.suanli.sweep.run.ResultFormat;
import org.suanli.sweep.run.ResultStore;
import org.suanli.sweep.run.SweepEngine;
import org.suanli.sweep.run.SweepQuery;
import org.suanli.sweep.run.SweepRunner;

/** The Spark engine against the in-process one: same spec, same rows; found by name; resumes like it. */
class SparkSweepEngineTest {
    @TempDir
    Path tmp;

    /** 100 memory-bandwidth what-ifs x 5 tp x 20 micro-batches = 10^4 points (tp 3 infeasible on 8 GPUs), 20 partitions. */
    static final String SPEC = """
            command: train
            base: {model: llama3-8b, server: dgx-h100, gpus: 8}
            vary:
              hw.memory_bytes_per_s_x: {from: 0.5, to: 2, count: 100}
              tp: [1, 2, 3, 4, 8]
              micro_batch: {from: 1, to: 20}
            partition_points: 500
            """;

    static final String ALL = "SELECT * FROM results ORDER BY point";

    private static SweepRunner.Summary inProcess(SweepSpec spec, Path out) {
        try (ResultStore store = ResultFormat.PARQUET.open(out, spec, "test")) {
            return SweepRunner.run(spec, new PointEvaluator(spec, Catalog.builtIn()), store, Runtime.getRuntime().availableProcessors(),
                    n -> { }, new AtomicBoolean());
        }
    }

    private static SweepRunner.Summary spark(SweepSpec spec, Path out) {
        return SweepEngine.named("spark").orElseThrow().run(new SweepEngine.Request(spec, List.of(), out, "local[*]", "test"));
    }

    @Test
    void tenThousandPointsOnSparkLocalAreTheInProcessEnginesRowsAndAResumeWritesOnlyTheMissingPartitions() throws IOException {
        SweepSpec spec = SweepSpec.parse("spark.yaml", SPEC);
        assertThat(spec.points()).isEqualTo(10_000);
        Path local = tmp.resolve("local.parquet");
        Path sparkOut = tmp.resolve("spark.parquet");
        SweepRunner.Summary a = inProcess(spec, local);
        SweepRunner.Summary b = spark(spec, sparkOut);
        System.out.printf(Locale.ROOT, "in-process %.2f s, Spark local %.2f s: Spark's overhead %.1f us per point over %d points%n",
                a.seconds(), b.seconds(), (b.seconds() - a.seconds()) / spec.points() * 1e6, spec.points());
        assertThat(b.pointsDone()).isEqualTo(10_000);
        assertThat(b.partitionsWritten()).isEqualTo(20);
        assertThat(b.errors()).isEqualTo(a.errors()).isEqualTo(2_000);
        var expected = SweepQuery.run(local, ALL);
        var actual = SweepQuery.run(sparkOut, ALL);
        assertThat(actual.columns()).isEqualTo(expected.columns()).contains("hw_memory_bytes_per_s_x", "tp", "step_time_s");
        assertThat(actual.rows()).hasSize(10_000).isEqualTo(expected.rows());

        // a killed run lost three partitions: the rerun evaluates exactly those and the rows are the same again
        for (String p : List.of("part-00003.parquet", "part-00010.parquet", "part-00019.parquet")) {
            Files.delete(sparkOut.resolve(p));
        }
        SweepRunner.Summary resumed = spark(spec, sparkOut);
        assertThat(resumed.evaluated()).isEqualTo(1_500);
        assertThat(resumed.partitionsWritten()).isEqualTo(3);
        assertThat(SweepQuery.run(sparkOut, ALL).rows()).isEqualTo(expected.rows());
    }

    @Test
    void aDuckDbFileIsRefusedBeforeSparkStarts() {
        SweepSpec spec = SweepSpec.parse("spark.yaml", SPEC);
        assertThatThrownBy(() -> spark(spec, tmp.resolve("r.duckdb"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--engine spark").hasMessageContaining("expected DIR.parquet");
    }

    @Test
    void aLocalMasterBindsTheDriverToLoopbackWithoutTheUi() {
        var conf = SparkSweepEngine.conf(new SweepEngine.Request(SweepSpec.parse("spark.yaml", SPEC), List.of(), tmp, "", "test"));
        assertThat(conf.get("spark.master")).isEqualTo("local[*]");
        assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
    }
}
