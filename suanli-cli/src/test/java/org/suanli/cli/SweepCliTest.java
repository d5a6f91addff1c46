package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suanli sweep} as a user runs it: a bad spec is one error line, exit 3, and no output is left behind. */
class SweepCliTest {
    @TempDir
    Path tmp;

    private CliTest.Result sweep(String spec, Path out) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, spec);
        return CliTest.run("sweep", file.toString(), "--out", out.toString());
    }

    private static void assertRefused(CliTest.Result r, String text, Path out) {
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(text).doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void malformedYamlNamesTheLine() throws Exception {
        Path out = tmp.resolve("r.parquet");
        assertRefused(sweep("command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8}\nvary:\n  tp: [1, 2\n", out),
                "s.yaml:4: malformed YAML", out);
    }

    @Test
    void anUnknownCommandIsRefusedWithTheOnesThereAre() throws Exception {
        Path out = tmp.resolve("r.parquet");
        assertRefused(sweep("command: trian\nbase: {model: llama3-8b}\n", out), "expected train, plan-train, infer or plan-serve", out);
    }

    @Test
    void anEmptyRangeIsRefusedBeforeAnyPointRuns() throws Exception {
        Path out = tmp.resolve("r.csv");
        assertRefused(sweep("command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8}\nvary:\n  tp: {from: 8, to: 1, scale: log2}\n", out),
                "vary.tp: range from 8 to 1", out);
    }

    @Test
    void anUnknownOptionStopsTheSweepInsteadOfFailingEveryPoint() throws Exception {
        Path out = tmp.resolve("r.parquet");
        assertRefused(sweep("command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8, tpp: 2}\nvary: {tp: [1, 2]}\n", out),
                "tpp: unknown field", out);
    }

    @Test
    void aSmallGridWritesOneRowPerPointAndSqlReadsIt() throws Exception {
        Path out = tmp.resolve("r.parquet");
        CliTest.Result r = sweep("command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8}\nvary: {tp: [1, 2, 4, 8]}\n", out);
        assertThat(r.code()).as(r.err()).isZero();
        CliTest.Result q = CliTest.run("sweep", "query", out.toString(), "select count(*) as n, count(distinct tp) as t from results", "--csv");
        assertThat(q.code()).as(q.err()).isZero();
        assertThat(q.out()).contains("4,4");
    }
}
