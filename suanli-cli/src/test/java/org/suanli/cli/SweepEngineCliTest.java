package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep --engine}: Spark is optional, so without suanli-spark on the class path the answer is one error line, exit 3. */
class SweepEngineCliTest {
    @TempDir
    Path tmp;

    private Path spec() throws Exception {
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, "command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8}\nvary: {tp: [1, 2]}\n");
        return spec;
    }

    private static void assertOneLineError(CliTest.Result r, String text) {
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(text).doesNotContain("Exception");
    }

    @Test
    void sparkWithoutItsModuleOnTheClassPathSaysHowToGetIt() throws Exception {
        Path out = tmp.resolve("r.parquet");
        var r = CliTest.run("sweep", spec().toString(), "--engine", "spark", "--out", out.toString());
        assertOneLineError(r, "error: --engine spark: the Spark engine is not on the class path; expected java -cp");
        assertThat(r.err()).contains("suanli-spark/target/lib/*");
        assertThat(out).doesNotExist();
    }

    @Test
    void anUnknownEngineIsRefused() throws Exception {
        assertOneLineError(CliTest.run("sweep", spec().toString(), "--engine", "ray"), "error: --engine ray: unknown engine; expected in-process or spark");
    }

    @Test
    void aMasterWithoutSparkIsRefused() throws Exception {
        assertOneLineError(CliTest.run("sweep", spec().toString(), "--master", "local[2]"), "error: --master local[2]: given without --engine spark");
    }
}
