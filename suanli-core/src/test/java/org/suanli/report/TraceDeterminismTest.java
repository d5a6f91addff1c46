package org.suanli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.catalog.Catalog;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutOptions;
import org.suanli.training.TrainingJob;

/**
 * Two JVMs tracing the same run write the same bytes: immutable maps iterate in an order salted per
 * JVM, so one JVM writing twice would not catch a trace that depends on it.
 */
class TraceDeterminismTest {

    @Test
    void twoJvmsWriteByteIdenticalTracesOfOneRun(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Process pa = start(a);
        Process pb = start(b);
        assertThat(pa.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(pb.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(pa.exitValue()).as(new String(pa.getInputStream().readAllBytes())).isZero();
        assertThat(pb.exitValue()).as(new String(pb.getInputStream().readAllBytes())).isZero();
        byte[] first = Files.readAllBytes(a);
        assertThat(first.length).isGreaterThan(10_000);
        assertThat(Arrays.mismatch(first, Files.readAllBytes(b))).as("offset of the first differing byte").isEqualTo(-1);
    }

    private static Process start(Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WriteTrace.class.getName(), out.toString())
                .redirectErrorStream(true).start();
    }

    /** Writes the Chrome trace of one small pipelined step. */
    public static final class WriteTrace {
        public static void main(String[] args) {
            Catalog c = Catalog.builtIn();
            TrainingJob job = LayoutOptions.job(c.model("llama2-7b"), c.server("dgx-h100"), 16,
                    Map.of("tp", 2, "pp", 4, "vpp", 2, "global_batch", 16, "seq_len", 2048), OptionalDouble.empty());
            try (ChromeTrace t = ChromeTrace.open(Path.of(args[0]), EventTrainingModel.processNames(job))) {
                EventTrainingModel.simulate(job, t);
                t.commit();
            }
        }
    }
}
