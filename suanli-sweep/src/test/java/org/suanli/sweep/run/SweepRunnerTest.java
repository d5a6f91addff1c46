package org.suanli.sweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.SweepSpec;

/** The in-process engine and its stores: each point once, errors as rows, resumption after a kill. */
class SweepRunnerTest {
    @TempDir
    Path tmp;

    static final String GRID = """
            command: train
            base: {model: llama3-8b, server: dgx-h100, gpus: 8}
            vary:
              tp: [1, 2, 3, 4]
              micro_batch: {from: 1, to: 4, scale: log2}
            partition_points: 5
            """;

    private SweepRunner.Summary run(String yaml, Path out) {
        SweepSpec spec = SweepSpec.parse("spec.yaml", yaml);
        try (ResultStore store = ResultFormat.of(out).open(out, spec, "test")) {
            return SweepRunner.run(spec, new PointEvaluator(spec, Catalog.builtIn()), store, 2, n -> { }, new AtomicBoolean());
        }
    }

    private static long one(Path results, String sql) {
        return ((Number) SweepQuery.run(results, sql).rows().get(0).get(0)).longValue();
    }

    @Test
    void aGridOfFourByThreeValuesIsTwelveRowsEachPointOnce() {
        Path out = tmp.resolve("r.parquet");
        var s = run(GRID, out);
        // tp 1,2,3,4 x micro_batch 1,2,4 = 12 points in partitions of 5: 5 + 5 + 2
        assertThat(s.pointsDone()).isEqualTo(12);
        assertThat(s.partitionsWritten()).isEqualTo(3);
        assertThat(one(out, "SELECT count(DISTINCT point) FROM results")).isEqualTo(12);
        assertThat(one(out, "SELECT count(*) FROM results WHERE tp = 4 AND micro_batch = 2")).isEqualTo(1);
    }

    @Test
    void anInfeasiblePointIsARowWithItsErrorNotACrash() {
        Path out = tmp.resolve("r.parquet");
        run(GRID, out);
        // tp 3 does not divide 8 GPUs: the three tp=3 points carry an error and no step time
        assertThat(one(out, "SELECT count(*) FROM results WHERE error IS NOT NULL")).isEqualTo(3);
        assertThat(one(out, "SELECT count(*) FROM results WHERE tp = 3 AND step_time_s IS NULL")).isEqualTo(3);
        assertThat(one(out, "SELECT count(*) FROM results WHERE error IS NULL AND step_time_s > 0")).isEqualTo(9);
    }

    @Test
    void csvAndDuckDbHoldTheSameRowsAsParquet() {
        Path pq = tmp.resolve("r.parquet");
        Path csv = tmp.resolve("r.csv");
        Path db = tmp.resolve("r.duckdb");
        run(GRID, pq);
        run(GRID, csv);
        run(GRID, db);
        String q = "SELECT point, tp, micro_batch, round(step_time_s, 9) FROM results ORDER BY point";
        var expected = SweepQuery.run(pq, q).rows().toString();
        assertThat(SweepQuery.run(csv, q).rows().toString()).isEqualTo(expected);
        assertThat(SweepQuery.run(db, q).rows().toString()).isEqualTo(expected);
    }

    @Test
    void parquetFilesCarryTheSpecAndVersionAsKeyValueMetadata() {
        Path out = tmp.resolve("r.parquet");
        run(GRID, out);
        var a = SweepQuery.run(out, "SELECT count(*) FROM parquet_kv_metadata('" + out.resolve("part-00000.parquet")
                + "') WHERE decode(key) = 'suanli_spec' AND decode(value) LIKE '%micro_batch%'");
        assertThat(((Number) a.rows().get(0).get(0)).longValue()).isEqualTo(1);
        assertThat(out.resolve("manifest.json")).content().contains("\"suanli_version\" : \"test\"");
    }

    @Test
    void aRerunOfACompleteSweepEvaluatesNothing() {
        Path out = tmp.resolve("r.parquet");
        run(GRID, out);
        assertThat(run(GRID, out).evaluated()).isZero();
        assertThat(one(out, "SELECT count(*) FROM results")).isEqualTo(12);
    }

    @Test
    void resultsOfAnotherSpecAreNotResumedInto() {
        Path out = tmp.resolve("r.parquet");
        run(GRID, out);
        assertThatThrownBy(() -> run(GRID.replace("[1, 2, 3, 4]", "[1, 2]"), out)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("holds results of another spec");
    }

    @Test
    void aKilledSweepResumesWithEveryPointExactlyOnce() throws Exception {
        // 400 points in partitions of 20, written by a child JVM that this test kills once some partitions are complete
        String yaml = """
                command: train
                base: {model: llama3-8b, server: dgx-h100, gpus: 64}
                vary:
                  tp: [1, 2, 4, 8]
                  micro_batch: [1, 2, 4, 8, 16]
                  global_batch: {from: 64, to: 1216, step: 64}
                  seq_len: [2048, 4096, 8192, 16384, 32768]
                sample: {method: random, points: 400, seed: 7}
                partition_points: 20
                """;
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, yaml);
        Path out = tmp.resolve("killed.parquet");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SweepChild.class.getName(), spec.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partsIn(out) < 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        long before = partsIn(out);
        assertThat(before).as(Files.readString(tmp.resolve("child.log"))).isBetween(2L, 19L);
        var s = run(yaml, out);
        assertThat(s.evaluated()).isEqualTo(400 - 20 * before);
        assertThat(one(out, "SELECT count(*) FROM results")).isEqualTo(400);
        assertThat(one(out, "SELECT count(DISTINCT point) FROM results")).isEqualTo(400);
        assertThat(one(out, "SELECT min(point) FROM results") + one(out, "SELECT max(point) FROM results")).isEqualTo(399);
    }

    private static long partsIn(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d+\\.parquet")).count();
        }
    }

    @Test
    void tenThousandPointsOfAnAnalyticTrainSweepAreAllHeld() {
        // the test-sized sweep: 10^4 points of the analytic engine, Parquet output
        String yaml = """
                command: train
                base: {model: llama3-8b, server: dgx-h100, gpus: 64}
                vary:
                  tp: [1, 2, 4, 8]
                  micro_batch: {from: 1, to: 16, scale: log2}
                  hw.memory_bytes_per_s_x: {from: 0.5, to: 2, count: 25}
                  hw.peak_x: {from: 0.5, to: 2, count: 20}
                """;
        Path out = tmp.resolve("big.parquet");
        var s = run(yaml, out);
        assertThat(s.pointsDone()).isEqualTo(10_000);
        assertThat(one(out, "SELECT count(DISTINCT point) FROM results")).isEqualTo(10_000);
        assertThat(one(out, "SELECT count(*) FROM results WHERE error IS NULL")).isGreaterThan(0);
    }

    @Test
    void aPlotIsWrittenAsPngAndSvg() {
        Path out = tmp.resolve("r.parquet");
        run(GRID, out);
        assertThat(SweepPlot.write(out, "micro_batch", "step_time_s", "tp", tmp.resolve("p.png"))).isEqualTo(9);
        SweepPlot.write(out, "micro_batch", "step_time_s", null, tmp.resolve("p.svg"));
        assertThat(tmp.resolve("p.png")).isNotEmptyFile();
        assertThat(tmp.resolve("p.svg")).content().startsWith("<?xml");
    }

    @Test
    void anUnknownOutputSuffixIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> ResultFormat.of(tmp.resolve("r.xlsx"))).hasMessageContaining("unknown result format");
        assertThat(List.of(tmp.toFile().list())).isEmpty();
    }
}
