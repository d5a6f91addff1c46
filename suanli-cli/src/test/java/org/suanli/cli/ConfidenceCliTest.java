package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: {@code train}, {@code infer}, {@code plan train} and {@code plan serve} say how far each answer can be trusted:
 * the band next to the headline in text, {@code confidence} and {@code range} in JSON.
 */
class ConfidenceCliTest {
    private static final String[] TRAIN = {"train", "--model", "llama3-70b", "--server", "dgx-h100", "--servers", "8", "--tp", "8", "--pp", "2"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertConfidence(JsonNode c) {
        assertThat(c.get("level").asText()).isIn("validated", "measured", "assumed");
        assertThat(c.get("band_low_pct").asDouble()).isPositive();
        assertThat(c.get("band_high_pct").asDouble()).isPositive();
        assertThat(c.get("basis").asText()).isNotBlank();
    }

    private static void assertBrackets(JsonNode range, String field, double value) {
        assertThat(range.get(field).get(0).asDouble()).as(field).isLessThan(value);
        assertThat(range.get(field).get(1).asDouble()).as(field).isGreaterThan(value);
    }

    @Test
    void trainPutsTheBandNextToTheStepTime() {
        String out = CliTest.run(TRAIN).out();
        assertThat(out).containsPattern("step +\\S+ \\S+ \\(±\\d+%, validated: nemo-24\\.07 on nvidia-hopper");
    }

    @Test
    void trainJsonGivesConfidenceAndRanges() throws Exception {
        JsonNode j = CliTest.run(with(TRAIN, "--json")).json();
        assertConfidence(j.get("confidence"));
        assertThat(j.get("confidence").get("level").asText()).isEqualTo("validated");
        assertBrackets(j.get("range"), "step_time_s", j.get("step_time_s").asDouble());
        assertBrackets(j.get("range"), "tokens_per_s", j.get("tokens_per_s").asDouble());
    }

    @Test
    void overridingAPresetFeatureLeavesTheValidatedEnvelope() throws Exception {
        JsonNode j = CliTest.run(with(TRAIN, "--tp-overlap", "0.5", "--json")).json();
        assertThat(j.get("confidence").get("level").asText()).isEqualTo("measured");
        assertThat(j.get("layout").toString()).contains("nemo-24.07+tp_overlap");
    }

    @Test
    void inferGivesConfidenceInTextAndJson() throws Exception {
        String[] args = {"infer", "--model", "llama3-8b", "--server", "hgx-h20", "--gpus", "1", "--input-len", "512", "--output-len", "512",
            "--batch", "1", "--precision", "bf16"};
        assertThat(CliTest.run(args).out()).contains("confidence: ±").containsPattern("time per output token +\\S+ ms \\(±\\d+%\\)");
        JsonNode j = CliTest.run(with(args, "--json")).json();
        assertConfidence(j.get("confidence"));
        assertBrackets(j.get("range"), "tpot_s", j.get("tpot_s").asDouble());
    }

    @Test
    void planTrainGivesConfidencePerPlanAndSaysWhenALessTrustedPlanRanksFirst() throws Exception {
        // H200 (kernels measured, NeMo not validated on it) outruns H100 (validated): the ranking must say so
        String[] args = {"plan", "train", "--model", "llama3-8b", "--servers", "4", "--server", "hgx-h200", "--server", "dgx-h100", "--top", "3"};
        JsonNode j = CliTest.run(with(args, "--json")).json();
        for (JsonNode p : j.get("top")) {
            assertConfidence(p.get("confidence"));
            assertBrackets(p.get("range"), "step_time_s", p.get("step_time_s").asDouble());
        }
        assertThat(j.get("best_per_server").get(0).get("server").asText()).isEqualTo("hgx-h200");
        assertThat(j.get("best_per_server_ranking_notes").get(0).asText()).contains("hgx-h200 (measured) ranks above").contains("(validated)");
        String text = CliTest.run(args).out();
        assertThat(text).contains("confidence").contains("meas ±").contains("val ±").contains("its figures are less certain");
    }

    @Test
    void planServeGivesConfidencePerFleet() throws Exception {
        JsonNode j = CliTest.run("plan", "serve", "--model", "llama3-8b", "--rate", "5", "--ttft-p99", "1", "--tpot-p99", "0.05",
                "--server", "dgx-h100", "--requests", "200", "--top", "2", "--json").json();
        for (JsonNode f : j.get("fleets")) {
            assertConfidence(f.get("confidence"));
            assertBrackets(f.get("range"), "output_tokens_per_s", f.get("output_tokens_per_s").asDouble());
        }
    }

    @Test
    void planServeNamesServersItCannotSimulate() {
        CliTest.Result named = CliTest.run("plan", "serve", "--model", "llama3-8b", "--rate", "5", "--ttft-p99", "1", "--tpot-p99", "0.05",
                "--server", "atlas-300i-server", "--requests", "200");
        assertThat(named.code()).isEqualTo(3);
        assertThat(named.err()).startsWith("error: --server atlas-300i-server: ascend-310 has no published memory capacity");
    }
}
