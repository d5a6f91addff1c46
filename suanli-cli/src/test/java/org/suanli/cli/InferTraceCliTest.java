package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.report.Json;

/** {@code suanli infer --trace}: the serving simulation's timeline as a Chrome trace. */
class InferTraceCliTest {
    private static final String[] RUN = {"infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "3", "--input-len", "512",
            "--output-len", "64", "--rate", "20", "--requests", "200", "--disaggregate", "1"};

    private static String[] with(String... more) {
        return Stream.concat(Stream.of(RUN), Stream.of(more)).toArray(String[]::new);
    }

    private static List<String> processNames(JsonNode root) {
        List<String> names = new ArrayList<>();
        for (JsonNode e : root.get("traceEvents")) {
            if (e.get("name").asText().equals("process_name")) {
                names.add(e.get("args").get("name").asText());
            }
        }
        return names;
    }

    @Test
    void traceIsWrittenAsJsonNamingEachReplicaByRole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("serve.json");
        CliTest.Result r = CliTest.run(with("--trace", file.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trace written to " + file);
        JsonNode root = Json.mapper().readTree(file.toFile());
        assertThat(processNames(root)).containsExactly("prefill replica 0", "decode replica 1", "decode replica 2", "requests");
        assertThat(root.get("otherData").get("truncated").asBoolean()).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("serve.json");
        }
    }

    @Test
    void tracingDoesNotChangeTheReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        JsonNode plain = CliTest.run(with("--json")).json();
        JsonNode traced = CliTest.run(with("--json", "--trace", file.toString(), "--max-trace-events", "100")).json();
        assertThat(traced).isEqualTo(plain);
        assertThat(Json.mapper().readTree(file.toFile()).get("otherData").get("truncated").asBoolean()).isTrue();
    }

    @Test
    void aTraceInAMissingFolderIsOneErrorLineAndExit3(@TempDir Path dir) {
        Path file = dir.resolve("no-such-folder").resolve("t.json");
        CliTest.Result r = CliTest.run(with("--trace", file.toString()));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: --trace " + file + ": the folder ");
    }

    @Test
    void aDirectoryNamedAsTheTraceIsOneErrorLineAndLeftAlone(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("t.json"));
        CliTest.Result r = CliTest.run(with("--trace", sub.toString()));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--trace " + sub + ": exists and is not a regular file");
        assertThat(Files.isDirectory(sub)).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t.json");
        }
    }

    @Test
    void aFifoNamedAsTheTraceIsOneErrorLineAndLeftAFifo(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("t.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliTest.Result r = CliTest.run(with("--trace", fifo.toString()));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).isEqualTo("error: --trace " + fifo
                + ": exists and is not a regular file; expected a new file or a regular file to replace" + System.lineSeparator());
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void traceWithAStaticBatchIsAUsageError(@TempDir Path dir) {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "512",
                "--output-len", "64", "--batch", "8", "--trace", dir.resolve("t.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--trace needs a simulation");
    }

    @Test
    void aTraceEventCeilingOutOfRangeIsBadInput(@TempDir Path dir) {
        CliTest.Result r = CliTest.run(with("--trace", dir.resolve("t.json").toString(), "--max-trace-events", "0"));
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--max-trace-events");
    }
}
