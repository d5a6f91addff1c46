package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.catalog.Catalog;
import org.suanli.report.ChromeTrace;
import org.suanli.report.Json;

/** The Chrome trace of a simulated step follows the Trace Event Format and is reproducible byte for byte. */
class EventTraceTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob job() {
        return LayoutOptions.job(C.model("llama2-7b"), C.server("dgx-h100"), 16,
                Map.of("tp", 2, "pp", 4, "vpp", 2, "global_batch", 16, "seq_len", 2048), OptionalDouble.empty());
    }

    private static Path trace(Path dir, String name) {
        Path file = dir.resolve(name);
        TrainingJob job = job();
        try (ChromeTrace t = ChromeTrace.open(file, EventTrainingModel.processNames(job))) {
            EventTrainingModel.simulate(job, t);
            t.commit();
        }
        return file;
    }

    @Test
    void everyEventHasTheRequiredFieldsAndNonNegativeDuration(@TempDir Path dir) throws Exception {
        JsonNode root = Json.mapper().readTree(trace(dir, "t.json").toFile());
        JsonNode events = root.get("traceEvents");
        assertThat(events.size()).isGreaterThan(100);
        Map<String, Integer> balance = new HashMap<>();
        int complete = 0;
        for (JsonNode e : events) {
            assertThat(e.has("ph") && e.has("pid") && e.has("tid")).as(e.toString()).isTrue();
            String ph = e.get("ph").asText();
            if (!ph.equals("M")) {
                assertThat(e.has("ts")).as(e.toString()).isTrue();
                assertThat(e.get("ts").asDouble()).isGreaterThanOrEqualTo(0);
            }
            if (ph.equals("X")) {
                complete++;
                assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(e.get("name").asText()).isNotBlank();
            }
            if (ph.equals("B") || ph.equals("E")) {
                balance.merge(e.get("pid") + "/" + e.get("tid"), ph.equals("B") ? 1 : -1, Integer::sum);
            }
        }
        assertThat(complete).isGreaterThan(100);
        assertThat(balance.values()).allMatch(v -> v == 0);
    }

    @Test
    void eventsNameTheOperatorMicroBatchAndSize(@TempDir Path dir) throws Exception {
        JsonNode events = Json.mapper().readTree(trace(dir, "t.json").toFile()).get("traceEvents");
        boolean gemmWithFlops = false;
        boolean sendWithBytes = false;
        for (JsonNode e : events) {
            JsonNode args = e.get("args");
            if (e.get("name").asText().equals("qkv") && args.has("flops") && args.has("micro_batch") && args.has("chunk")) {
                gemmWithFlops = true;
            }
            if (e.get("name").asText().equals("send_activation") && args.has("bytes")) {
                sendWithBytes = true;
            }
        }
        assertThat(gemmWithFlops).isTrue();
        assertThat(sendWithBytes).isTrue();
    }

    @Test
    void oneProcessPerStageAndOneThreadPerStream(@TempDir Path dir) throws Exception {
        JsonNode events = Json.mapper().readTree(trace(dir, "t.json").toFile()).get("traceEvents");
        long processes = 0;
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("process_name")) {
                processes++;
            }
        }
        assertThat(processes).isEqualTo(5);   // 4 stages + the pipeline links
    }

    @Test
    void theSameInputGivesTheSameTraceByteForByte(@TempDir Path dir) throws Exception {
        byte[] a = Files.readAllBytes(trace(dir, "a.json"));
        byte[] b = Files.readAllBytes(trace(dir, "b.json"));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void llama3On16kGpusSimulatesWithoutHoldingTheWholeGraph() {
        // Llama 3 paper §3.3: 405B on 16,384 H100s with tp 8, pp 16, dp 128, 8K sequences, 16M-token batches
        TrainingJob job = LayoutOptions.job(C.model("llama3-405b"), C.server("dgx-h100"), 16384,
                Map.of("tp", 8, "pp", 16, "global_batch", 2048, "seq_len", 8192), OptionalDouble.empty());
        EventTrainingModel.Run run = EventTrainingModel.simulate(job);
        assertThat(run.result().stepTimeS()).isPositive();
        assertThat(run.tasks()).isGreaterThan(50_000);
        double analytic = AnalyticTrainingModel.evaluate(job).stepTimeS();
        assertThat(run.result().stepTimeS() / analytic).isBetween(0.97, 1.03);
    }
}
