package org.suanli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.inference.RequestLoad;
import org.suanli.inference.ServingSimulation;
import org.suanli.io.SpecialFiles;

/** The serving timeline: steps, KV counters, preemptions and hand-overs as Chrome trace events, bounded and reproducible. */
class ServingTraceTest {
    private static final Catalog C = Catalog.builtIn();
    private static final long NO_CAP = Long.MAX_VALUE;

    private static InferenceModel model(String model, int tp, Precision w) {
        return new InferenceModel(new Replica(C.model(model), C.server("dgx-h100"), tp, 1, w, w));
    }

    private static RequestLoad load(double rate, int in, int out, long seed) {
        return new RequestLoad(rate, 1, RequestLoad.Lengths.fixed(in), RequestLoad.Lengths.fixed(out), seed);
    }

    /** Runs with a trace written to {@code file}; returns the report. */
    private static ServingSimulation.Report traced(Path file, InferenceModel m, int replicas, RequestLoad w, int requests,
                                                   ServingSimulation.Config cfg, long maxEvents, long tracedRequests) {
        try (ServingTrace t = ServingTrace.open(file, replicas, cfg.prefillReplicas(), maxEvents, tracedRequests)) {
            ServingSimulation.Report r = ServingSimulation.run(m, replicas, w, requests, cfg, OptionalDouble.empty(), OptionalDouble.empty(), t);
            t.commit();
            return r;
        }
    }

    private static List<JsonNode> events(Path file, Predicate<JsonNode> which) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : Json.mapper().readTree(file.toFile()).get("traceEvents")) {
            if (which.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Predicate<JsonNode> named(String name, int pid) {
        return e -> e.get("name").asText().equals(name) && e.get("pid").asInt() == pid;
    }

    @Test
    void oneRequestAloneIsOnePrefillStepThenOneDecodeStepPerFurtherToken(@TempDir Path dir) throws Exception {
        // 512 prompt tokens fit one 2,048-token step, which emits the first token; each of the other 31 tokens is one decode step
        Path file = dir.resolve("t.json");
        ServingSimulation.Report r = traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(1, 512, 32, 1), 1,
                ServingSimulation.Config.defaults(), NO_CAP, 10);
        List<JsonNode> steps = events(file, named("step", 0));
        assertThat(steps).hasSize(32);
        assertThat(r.steps()).isEqualTo(32);
        assertThat(steps.get(0).get("args").get("prefill_tokens").asInt()).isEqualTo(512);
        assertThat(steps.get(0).get("args").get("decode_tokens").asInt()).isZero();
        for (JsonNode s : steps.subList(1, 32)) {
            assertThat(s.get("args").get("prefill_tokens").asInt()).isZero();
            assertThat(s.get("args").get("decode_tokens").asInt()).isEqualTo(1);
            assertThat(s.get("args").get("sequences").asInt()).isEqualTo(1);
            assertThat(s.get("dur").asDouble()).isCloseTo(s.get("args").get("step_s").asDouble() * 1e6, within(1e-6));
        }
    }

    @Test
    void aChunkedPromptIsSplitOverStepsOfTheTokenBudget(@TempDir Path dir) throws Exception {
        // a 256-token budget takes a 512-token prompt in two chunks of 256
        Path file = dir.resolve("t.json");
        traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(1, 512, 4, 1), 1, new ServingSimulation.Config(256, 256, 16), NO_CAP, 0);
        List<JsonNode> steps = events(file, named("step", 0));
        assertThat(steps).extracting(s -> s.get("args").get("prefill_tokens").asInt()).containsExactly(256, 256, 0, 0, 0);
        assertThat(steps).extracting(s -> s.get("args").get("decode_tokens").asInt()).containsExactly(0, 0, 1, 1, 1);
    }

    @Test
    void theKvCountersFollowTheBlocksAStepHolds(@TempDir Path dir) throws Exception {
        // the prompt step holds ceil(512 / 16) = 32 blocks; the replica ends idle with none
        Path file = dir.resolve("t.json");
        ServingSimulation.Report r = traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(1, 512, 32, 1), 1,
                ServingSimulation.Config.defaults(), NO_CAP, 0);
        List<JsonNode> blocks = events(file, named("KV blocks used", 0));
        List<JsonNode> fraction = events(file, named("KV cache used", 0));
        assertThat(blocks).hasSize(33).allMatch(e -> e.get("ph").asText().equals("C"));
        assertThat(blocks.get(0).get("args").get("blocks").asLong()).isEqualTo(32);
        assertThat(fraction.get(0).get("args").get("fraction").asDouble()).isCloseTo(32.0 / r.kvBlocksPerReplica(), within(1e-12));
        assertThat(blocks.get(32).get("args").get("blocks").asLong()).isZero();
        // the queue is empty at the end of every step: one counter event, as it never changes
        assertThat(events(file, named("requests waiting", 0))).singleElement().satisfies(e -> assertThat(e.get("args").get("waiting").asInt()).isZero());
    }

    @Test
    void aFullKvCacheShowsEachPreemptionAsAnInstant(@TempDir Path dir) throws Exception {
        // Llama 2 70B in bf16 on two H100s: long outputs at a high rate overflow the KV cache (as in ServingSimulationTest)
        Path file = dir.resolve("t.json");
        ServingSimulation.Report r = traced(file, model("llama2-70b", 2, Precision.BF16), 1, load(50, 1024, 1024, 3), 400,
                new ServingSimulation.Config(256, 4096, 16), NO_CAP, 0);
        List<JsonNode> preemptions = events(file, named("preempt (recompute)", 0));
        assertThat(r.preemptions()).isPositive();
        assertThat(preemptions).hasSize((int) r.preemptions()).allMatch(e -> e.get("ph").asText().equals("i"));
        assertThat(events(file, named("step", 0))).hasSize((int) r.steps());
    }

    @Test
    void tracingLeavesTheResultsUnchanged(@TempDir Path dir) {
        InferenceModel m = model("llama2-70b", 2, Precision.BF16);
        ServingSimulation.Config cfg = new ServingSimulation.Config(256, 4096, 16, 0, true);
        ServingSimulation.Report plain = ServingSimulation.run(m, 2, load(80, 1024, 512, 5), 300, cfg, OptionalDouble.empty(), OptionalDouble.empty());
        ServingSimulation.Report withTrace = traced(dir.resolve("t.json"), m, 2, load(80, 1024, 512, 5), 300, cfg, 1000, 50);
        assertThat(withTrace).isEqualTo(plain);
    }

    @Test
    void twoRunsOfOneSeedWriteTheSameBytes(@TempDir Path dir) throws Exception {
        InferenceModel m = model("llama3-8b", 1, Precision.FP8);
        ServingSimulation.Config cfg = new ServingSimulation.Config(256, 2048, 16, 1);
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        traced(a, m, 3, load(20, 512, 64, 7), 200, cfg, NO_CAP, 20);
        traced(b, m, 3, load(20, 512, 64, 7), 200, cfg, NO_CAP, 20);
        assertThat(Files.size(a)).isGreaterThan(10_000);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void disaggregatedReplicasAreNamedAndEachHandOverIsSentAndReceived(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        traced(file, model("llama3-8b", 1, Precision.FP8), 3, load(20, 512, 64, 7), 200, new ServingSimulation.Config(256, 2048, 16, 1),
                NO_CAP, 0);
        List<String> names = new ArrayList<>();
        for (JsonNode e : events(file, e -> e.get("name").asText().equals("process_name"))) {
            names.add(e.get("args").get("name").asText());
        }
        assertThat(names).containsExactly("prefill replica 0", "decode replica 1", "decode replica 2", "requests");
        // every request of more than one output token moves its KV cache once, from replica 0
        assertThat(events(file, named("kv sent", 0))).hasSize(200);
        List<JsonNode> received = events(file, e -> e.get("name").asText().equals("kv received"));
        assertThat(received).hasSize(200).allMatch(e -> e.get("pid").asInt() >= 1 && e.get("args").get("from_replica").asInt() == 0);
    }

    @Test
    void onlyTheFirstRequestsGetLifetimes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(20, 512, 64, 7), 100, ServingSimulation.Config.defaults(), NO_CAP, 5);
        List<JsonNode> begins = events(file, e -> e.get("ph").asText().equals("b"));
        assertThat(begins).hasSize(5).allMatch(e -> e.get("pid").asInt() == 1);
        assertThat(events(file, e -> e.get("ph").asText().equals("e"))).hasSize(5);
        assertThat(events(file, e -> e.get("ph").asText().equals("n"))).hasSize(10);
    }

    @Test
    void aCappedTraceStopsAtTheCapAndSaysSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(20, 512, 64, 7), 100, ServingSimulation.Config.defaults(), 50, 100);
        JsonNode root = Json.mapper().readTree(file.toFile());
        long written = 0;
        for (JsonNode e : root.get("traceEvents")) {
            written += e.get("ph").asText().equals("M") ? 0 : 1;
        }
        assertThat(written).isEqualTo(50);
        JsonNode other = root.get("otherData");
        assertThat(other.get("truncated").asBoolean()).isTrue();
        assertThat(other.get("max_events").asLong()).isEqualTo(50);
        assertThat(other.get("events_left_out").asLong()).isPositive();
    }

    @Test
    void anUncappedTraceSaysItIsWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.json");
        traced(file, model("llama3-8b", 1, Precision.FP8), 1, load(1, 512, 4, 1), 1, ServingSimulation.Config.defaults(), NO_CAP, 1);
        assertThat(Json.mapper().readTree(file.toFile()).get("otherData").get("truncated").asBoolean()).isFalse();
    }

    @Test
    void aFifoNamedAsTheTraceIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "trace.json");
        assertThatThrownBy(() -> ServingTrace.open(fifo, 1, 0, NO_CAP, 0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--trace " + fifo + ": exists and is not a regular file; expected a new file or a regular file to replace");
        assertThat(SpecialFiles.isFifoLike(fifo)).isTrue();
    }
}
