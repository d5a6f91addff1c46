package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code suanli infer} and {@code suanli plan serve} as a user runs them. */
class InferCliTest {

    @Test
    void staticBatchGivesTheContractFields() throws Exception {
        CliTest.Result r = CliTest.run("infer", "--model", "llama2-70b", "--server", "dgx-h100", "--gpus", "8", "--tp", "8",
                "--input-len", "1024", "--output-len", "256", "--batch", "32", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        for (String f : List.of("ttft_s", "tpot_s", "output_tokens_per_s", "total_tokens_per_s", "max_batch",
                "kv_cache_bytes_per_token", "fits")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        assertThat(j.get("kv_cache_bytes_per_token").asDouble()).isEqualTo(163_840);   // fp8 KV, GQA 8 heads
        assertThat(j.get("fits").asBoolean()).isTrue();
        assertThat(j.get("tpot_s").asDouble()).isLessThan(j.get("ttft_s").asDouble());
    }

    @Test
    void batchMaxTakesTheLargestThatFits() throws Exception {
        JsonNode j = CliTest.run("infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "512",
                "--output-len", "512", "--batch", "max", "--json").json();
        assertThat(j.get("batch").asInt()).isEqualTo(j.get("max_batch").asInt());
        assertThat(j.get("fits").asBoolean()).isTrue();
    }

    @Test
    void rateRunsTheServingSimulationWithPercentiles() throws Exception {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "2", "--input-len", "512",
                "--output-len", "128", "--rate", "10", "--requests", "500", "--lengths", "lognormal", "--ttft-slo", "1",
                "--tpot-slo", "0.05", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("requests").asInt()).isEqualTo(500);
        assertThat(j.get("replicas").asInt()).isEqualTo(2);
        assertThat(j.get("ttft_p99_s").asDouble()).isGreaterThanOrEqualTo(j.get("ttft_p50_s").asDouble());
        assertThat(j.get("goodput_requests_per_s").asDouble()).isLessThanOrEqualTo(j.get("requests_per_s").asDouble() + 1e-9);
    }

    @Test
    void aPromptFillingTheWholeContextStillGetsItsFirstToken() {
        // TensorRT-LLM's low-latency table measures GPT-J (2,048 positions) at 2,048 prompt tokens: the first token comes
        // from the prefill and is never fed back, so input + output - 1 positions are used; one more token is too many
        CliTest.Result fits = CliTest.run("infer", "--model", "gpt-j-6b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "2048",
                "--output-len", "1", "--batch", "1");
        assertThat(fits.code()).as(fits.err()).isZero();
        CliTest.Result over = CliTest.run("infer", "--model", "gpt-j-6b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "2048",
                "--output-len", "2", "--batch", "1");
        assertThat(over.code()).isEqualTo(3);
        assertThat(over.err()).contains("max_seq_len 2048");
    }

    @Test
    void offlineQueuesEveryRequestAtOnceAndOutrunsATrickle() throws Exception {
        String[] common = {"infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "512",
                "--output-len", "128", "--requests", "400", "--lengths", "lognormal", "--json"};
        JsonNode offline = CliTest.run(concat(common, "--offline")).json();
        assertThat(offline.get("offline").asBoolean()).isTrue();
        assertThat(offline.get("rate_per_s").isNull()).isTrue();
        assertThat(offline.get("requests").asInt()).isEqualTo(400);
        // the queue is full from the start: every request waits for a batch slot, none for its arrival
        assertThat(offline.get("queue_p99_s").asDouble()).isPositive();
        JsonNode trickle = CliTest.run(concat(common, "--rate", "1")).json();
        assertThat(offline.get("output_tokens_per_s").asDouble()).isGreaterThan(5 * trickle.get("output_tokens_per_s").asDouble());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aModelThatDoesNotFitIsOneLine() {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-405b", "--server", "dgx-h100", "--gpus", "1", "--input-len", "512",
                "--output-len", "128", "--batch", "max", "--precision", "bf16");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void badSizesAndContextsAreOneLineErrors() {
        for (String[] args : List.of(
                new String[] {"--tp", "0"},
                new String[] {"--input-len", "100000"},
                new String[] {"--gpus", "3", "--tp", "2"},
                new String[] {"--runtime", "vllm-9"})) {
            List<String> all = new java.util.ArrayList<>(List.of("infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8",
                    "--input-len", "512", "--output-len", "64", "--batch", "1"));
            for (int i = 0; i < args.length; i += 2) {
                int at = all.indexOf(args[i]);
                if (at >= 0) {
                    all.set(at + 1, args[i + 1]);
                } else {
                    all.add(args[i]);
                    all.add(args[i + 1]);
                }
            }
            CliTest.Result r = CliTest.run(all.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", all)).isEqualTo(3);
            assertThat(r.err()).startsWith("error: ").doesNotContain("internal");
        }
    }

    @Test
    void theOlderRuntimeDecodesGqaModelsSlower() throws Exception {
        // TensorRT-LLM 0.5's pre-XQA kernel reads Llama 2 70B's KV heads once per query head (8x); prefill differs only by
        // the newer runtime's GPU time per layer beyond the listed kernels (80 layers; 0.5's host time hides under a prefill)
        String[] base = {"infer", "--model", "llama2-70b", "--server", "hgx-h200", "--gpus", "1", "--input-len", "128",
                "--output-len", "2048", "--batch", "128", "--json"};
        JsonNode now = CliTest.run(base).json();
        List<String> old = new java.util.ArrayList<>(List.of(base));
        old.addAll(List.of("--runtime", "tensorrt-llm-0.5"));
        JsonNode then = CliTest.run(old.toArray(String[]::new)).json();
        assertThat(then.get("tpot_s").asDouble()).isGreaterThan(2 * now.get("tpot_s").asDouble());
        double perLayer = ((org.suanli.perf.Efficiency) org.suanli.catalog.Catalog.builtIn().get(org.suanli.catalog.Kind.EFFICIENCY,
                "nvidia-hopper-h200")).layerOverheadS("tensorrt-llm-0.8");
        assertThat(perLayer).isPositive();
        assertThat(now.get("ttft_s").asDouble() - then.get("ttft_s").asDouble()).isCloseTo(80 * perLayer, within(1e-9));
    }

    @Test
    void planServeListsFleetsMeetingTheTargets() throws Exception {
        CliTest.Result r = CliTest.run("plan", "serve", "--model", "llama3-8b", "--rate", "5", "--ttft-p99", "1", "--tpot-p99", "0.05",
                "--server", "dgx-h100", "--requests", "400", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode fleets = r.json().get("fleets");
        assertThat(fleets.size()).isPositive();
        for (JsonNode f : fleets) {
            assertThat(f.get("ttft_p99_s").asDouble()).isLessThanOrEqualTo(1.0);
            assertThat(f.get("tpot_p99_s").asDouble()).isLessThanOrEqualTo(0.05);
        }
        assertThat(fleets.get(0).get("usd_per_million_tokens").asDouble()).isPositive();
        assertThat(r.json().get("runtime").asText()).isEqualTo("tensorrt-llm-0.8");
    }
}
