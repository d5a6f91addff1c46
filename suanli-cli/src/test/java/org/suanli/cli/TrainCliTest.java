package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code suanli train}, {@code validate} and {@code calibrate} as a user runs them. */
class TrainCliTest {

    @Test
    void llama3On8DgxH100GivesTheContractFields() throws Exception {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-70b", "--server", "dgx-h100", "--servers", "8", "--tp", "8",
                "--pp", "2", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        for (String f : List.of("step_time_s", "tokens_per_s", "tokens_per_s_per_gpu", "model_tflops_per_gpu",
                "hardware_tflops_per_gpu", "mfu", "hfu", "memory_per_gpu_bytes", "memory_breakdown", "fits", "breakdown")) {
            assertThat(j.has(f)).as(f).isTrue();
        }
        for (String cause : List.of("compute", "recompute", "tp_comm", "pp_bubble", "pp_comm", "dp_comm", "ep_comm", "optimizer", "other")) {
            assertThat(j.get("breakdown").has(cause)).as(cause).isTrue();
        }
        assertThat(j.get("gpus").asInt()).isEqualTo(64);
        assertThat(j.get("layout").get("dp").asInt()).isEqualTo(4);
        assertThat(j.get("mfu").asDouble()).isBetween(0.2, 0.7);
        assertThat(j.get("fits").asBoolean()).isTrue();
        assertThat(j.get("tokens_per_s").asDouble()).isEqualTo(j.get("tokens_per_s_per_gpu").asDouble() * 64,
                org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void tokensAddTimeToTrainAndGpuHours() throws Exception {
        JsonNode j = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "64", "--tokens", "1T", "--json").json();
        assertThat(j.get("time_to_train_days").asDouble()).isPositive();
        assertThat(j.get("gpu_hours").asDouble()).isCloseTo(j.get("time_to_train_days").asDouble() * 24 * 64,
                org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void humanOutputHasBreakdownAndMemoryTables() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("time per step").contains("memory per GPU").contains("MFU").contains("tp_comm");
    }

    @Test
    void impossibleLayoutIsOneLineNamingTheConstraint() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-70b", "--server", "dgx-h100", "--gpus", "48", "--tp", "3");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: layout: tp 3 does not divide heads 64; expected tp to divide the attention heads");
    }

    @Test
    void pipelineLayoutAndFoldedExpertsAppearInTheJsonLayout() throws Exception {
        CliTest.Result r = CliTest.run("train", "--model", "deepseek-v3", "--server", "gb300-nvl72", "--gpus", "256", "--pp", "2", "--vpp", "8",
                "--ep", "32", "--global-batch", "4096", "--seq-len", "4096", "--precision", "fp8", "--pipeline-layout", "Et*4|(t*4|)*14tmL",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("layout").get("pipeline_layout").asText()).isEqualTo("Et*4|(t*4|)*14tmL");
        JsonNode folded = CliTest.run("train", "--model", "qwen3-235b-a22b", "--server", "dgx-h100", "--gpus", "256", "--tp", "2", "--pp", "8",
                "--vpp", "4", "--ep", "32", "--global-batch", "8192", "--seq-len", "4096", "--json").json();
        assertThat(folded.get("layout").get("expert_tp").asInt()).isEqualTo(1);
    }

    @Test
    void malformedPipelineLayoutIsOneLine() {
        CliTest.Result r = CliTest.run("train", "--model", "deepseek-v3", "--server", "gb300-nvl72", "--gpus", "256", "--pp", "2", "--vpp", "8",
                "--ep", "32", "--global-batch", "4096", "--pipeline-layout", "Et*4|(t*4|)*15tmL");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("error: layout: pipeline layout 'Et*4|(t*4|)*15tmL' has 17 stages, pp 2 x vpp 8 = 16; expected")
                .doesNotContain("\n");
    }

    @Test
    void llama3405bRunsWithMetasInterleavedLayout() throws Exception {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-405b", "--server", "dgx-h100", "--gpus", "16384", "--tp", "8",
                "--pp", "16", "--vpp", "4", "--global-batch", "2048", "--seq-len", "8192", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("layout").get("vpp").asInt()).isEqualTo(4);
        assertThat(r.json().get("step_time_s").asDouble()).isPositive();
    }

    @Test
    void monteCarloReportsTheSpreadOfDaysUnderGoodput() throws Exception {
        JsonNode g = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "1024", "--tokens", "15T",
                "--monte-carlo", "500", "--seed", "7", "--json").json().get("goodput");
        JsonNode mc = g.get("monte_carlo");
        assertThat(mc.get("runs").asInt()).isEqualTo(500);
        assertThat(mc.get("seed").asLong()).isEqualTo(7);
        assertThat(mc.get("p10_days").asDouble()).isLessThanOrEqualTo(mc.get("p50_days").asDouble());
        assertThat(mc.get("p50_days").asDouble()).isLessThanOrEqualTo(mc.get("p90_days").asDouble());
        assertThat(mc.get("p10_days").asDouble()).isGreaterThan(g.get("ideal_days").asDouble());
        assertThat(mc.get("mean_interruptions").asDouble()).isPositive();
    }

    @Test
    void monteCarloWithTheSameSeedPrintsTheSameSpread() {
        String[] args = {"train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "1024", "--tokens", "15T", "--monte-carlo", "300"};
        CliTest.Result a = CliTest.run(args);
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("monte-carlo 300 runs (seed 1): p10 ");
        assertThat(CliTest.run(args).out()).isEqualTo(a.out());
    }

    @Test
    void withoutMonteCarloTheGoodputHasNoSpread() throws Exception {
        JsonNode g = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "64", "--tokens", "1T", "--json")
                .json().get("goodput");
        assertThat(g.has("expected_days")).isTrue();
        assertThat(g.has("monte_carlo")).isFalse();
    }

    @Test
    void interleavedLayoutNeitherEvenNorUnevenIsRefusedNamingBothForms() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-70b", "--server", "dgx-h100", "--gpus", "48", "--pp", "2", "--vpp", "3",
                "--global-batch", "24");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: layout: 2 x 3 does not divide layers 80; expected pp x vpp to divide the layers, "
                + "or layers = pp x vpp x k - 2 (first and last chunk one layer fewer)");
    }

    @Test
    void serversAndGpusAreExclusive() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--servers", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ");
    }

    @Test
    void badTokenCountIsBadInput() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--tokens", "lots");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--tokens").contains("expected e.g. '2T'");
    }

    @Test
    void huggingFaceConfigWorksAsModel() throws Exception {
        String path = java.nio.file.Path.of(TrainCliTest.class.getResource("/hf/llama3-8b-config.json").toURI()).toString();
        CliTest.Result r = CliTest.run("train", "--model", path, "--server", "dgx-h100", "--gpus", "8", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.json().get("model").asText()).isEqualTo("llama3-8b");
    }

    @Test
    void validatePrintsPerRowErrorsAndMape() throws Exception {
        CliTest.Result r = CliTest.run("validate", "--suite", "megatron-2021");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("meg21_t1_10").contains("MAPE").contains("within bounds");
        JsonNode j = CliTest.run("validate", "--suite", "megatron-2021", "--json").json();
        assertThat(j.get("suites").get(0).get("rows")).hasSize(10);
        assertThat(j.get("suites").get(0).get("mape_pct").asDouble()).isLessThanOrEqualTo(3.5);
    }

    @Test
    void eventEngineWritesATraceAndTheSameFields(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path trace = dir.resolve("step.json");
        CliTest.Result r = CliTest.run("train", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "16", "--tp", "2",
                "--pp", "2", "--global-batch", "16", "--engine", "event", "--trace", trace.toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("engine").asText()).isEqualTo("event");
        assertThat(j.get("events").asLong()).isPositive();
        assertThat(j.has("breakdown") && j.has("mfu") && j.has("memory_breakdown")).isTrue();
        assertThat(CliTest.run("train", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "16", "--tp", "2", "--pp", "2",
                "--global-batch", "16", "--json").json().get("step_time_s").asDouble())
                .isCloseTo(j.get("step_time_s").asDouble(), org.assertj.core.api.Assertions.withinPercentage(3));
        assertThat(java.nio.file.Files.size(trace)).isPositive();
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("step.json");
        }
    }

    @Test
    void traceWithoutEventEngineIsAUsageError() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--trace", "x.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--trace needs --engine event");
    }

    @Test
    void unknownSuiteIsBadInput() {
        CliTest.Result r = CliTest.run("validate", "--suite", "nope");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("megatron-2021");
    }

    @Test
    void capacityFactorIsInTheJsonLayoutOnlyWhenGiven() throws Exception {
        String[] base = {"train", "--model", "mixtral-8x7b", "--server", "tpu-v6e-256", "--gpus", "8", "--zero", "3", "--json"};
        JsonNode dropping = CliTest.run(concat(base, "--capacity-factor", "1.25")).json();
        assertThat(dropping.at("/layout/capacity_factor").asDouble()).isEqualTo(1.25);
        assertThat(CliTest.run(base).json().at("/layout").has("capacity_factor")).isFalse();
    }

    @Test
    void capacityFactorBelowOneIsOneLine() {
        CliTest.Result r = CliTest.run("train", "--model", "mixtral-8x7b", "--server", "tpu-v6e-256", "--gpus", "8",
                "--capacity-factor", "0.8");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --capacity-factor: '0.8' is not allowed; expected a capacity factor from 1 "
                + "(buffers of each expert's even share of the routed tokens) to experts / top-k (buffers that hold every token)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
