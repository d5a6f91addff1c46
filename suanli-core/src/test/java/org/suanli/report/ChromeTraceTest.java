package org.suanli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.io.SpecialFiles;
import org.suanli.sim.SerialResource;
import org.suanli.sim.Simulation;
import org.suanli.sim.Task;

/** A trace never replaces a special file, and its bytes do not depend on map iteration order. */
class ChromeTraceTest {
    private static final String REFUSAL = "exists and is not a regular file; expected a new file or a regular file to replace";

    @Test
    void aFifoNamedAsTheTraceIsRefusedBeforeAnyWorkAndLeftAFifo(@TempDir Path dir) throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "trace.json");
        assertThatThrownBy(() -> ChromeTrace.open(fifo, Map.of(0, "stage 0")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--trace " + fifo + ": " + REFUSAL);
        assertThat(SpecialFiles.isFifoLike(fifo)).isTrue();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void aSymbolicLinkNamedAsTheTraceIsRefusedAndItsTargetKept(@TempDir Path dir) throws Exception {
        Path real = Files.writeString(dir.resolve("real.json"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("trace.json"), real);
        assertThatThrownBy(() -> ChromeTrace.open(link, Map.of(0, "stage 0")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--trace " + link + ": " + REFUSAL);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("keep");
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void aDirectoryNamedAsTheTraceIsRefused(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("trace.json"));
        assertThatThrownBy(() -> ChromeTrace.open(sub, Map.of(0, "stage 0")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--trace " + sub + ": " + REFUSAL);
        assertThat(Files.isDirectory(sub)).isTrue();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void aTraceInAMissingFolderIsOneClearError(@TempDir Path dir) {
        Path out = dir.resolve("no-such-folder").resolve("trace.json");
        assertThatThrownBy(() -> ChromeTrace.open(out, Map.of(0, "stage 0")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--trace " + out + ": the folder ")
                .hasMessageEndingWith("does not exist; expected a file in an existing folder");
    }

    @Test
    void aTraceClosedWithoutCommitLeavesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trace.json");
        try (ChromeTrace t = ChromeTrace.open(out, Map.of(0, "stage 0"))) {
            run(t, Map.of("a", 1));
        }
        assertThat(out).doesNotExist();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void argsAndProcessesAreWrittenInSortedOrderWhateverTheMapOrder(@TempDir Path dir) throws Exception {
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("micro_batch", 3);
        forward.put("bytes", 1024.0);
        forward.put("chunk", 1);
        Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("chunk", 1);
        backward.put("bytes", 1024.0);
        backward.put("micro_batch", 3);
        Map<Integer, String> p1 = new LinkedHashMap<>();
        p1.put(0, "stage 0");
        p1.put(1, "stage 1");
        Map<Integer, String> p2 = new LinkedHashMap<>();
        p2.put(1, "stage 1");
        p2.put(0, "stage 0");

        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        try (ChromeTrace t = ChromeTrace.open(a, p1)) {
            run(t, forward);
            t.commit();
        }
        try (ChromeTrace t = ChromeTrace.open(b, p2)) {
            run(t, backward);
            t.commit();
        }
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readString(a)).contains("\"args\":{\"bytes\":1024.0,\"chunk\":1,\"micro_batch\":3}");
    }

    private static void run(ChromeTrace trace, Map<String, Object> args) {
        Simulation sim = new Simulation().observe(trace);
        SerialResource r = new SerialResource("compute", 0);
        sim.submit(new Task("gemm", "compute", r, 0.5, args));
        sim.run();
    }
}
