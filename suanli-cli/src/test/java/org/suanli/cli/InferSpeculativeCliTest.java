package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code suanli infer --spec-method ... --prefix-cache-hit ...}: speculative decoding and prefix caching, issue 13 part 4. */
class InferSpeculativeCliTest {
    private static CliTest.Result infer(String... extra) {
        String[] base = {"infer", "--model", "llama3-70b", "--server", "dgx-h100", "--gpus", "8", "--tp", "8", "--input-len", "1024",
                "--output-len", "256"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliTest.run(all);
    }

    @Test
    void eagleStatesMethodDraftLengthAcceptanceAndTokensPerStep() throws Exception {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "eagle", "--spec-tokens", "3", "--spec-acceptance", "0.8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("spec_method").asText()).isEqualTo("eagle");
        assertThat(j.get("spec_draft_tokens").asInt()).isEqualTo(3);
        assertThat(j.get("spec_acceptance").asDouble()).isEqualTo(0.8);
        // (1 - 0.8^4) / (1 - 0.8) = 2.952
        assertThat(j.get("decode_tokens_per_step").asDouble()).isCloseTo(2.952, within(1e-9));
        assertThat(j.get("spec_draft_model").isNull()).isTrue();
    }

    @Test
    void speculationLowersTheTimePerOutputToken() throws Exception {
        double plain = infer("--batch", "1", "--json").json().get("tpot_s").asDouble();
        double mtp = infer("--batch", "1", "--spec-method", "eagle", "--json").json().get("tpot_s").asDouble();
        assertThat(mtp).isLessThan(plain);
    }

    @Test
    void withoutSpeculationTheFieldsSayNone() throws Exception {
        JsonNode j = infer("--batch", "1", "--json").json();
        assertThat(j.get("spec_method").asText()).isEqualTo("none");
        assertThat(j.get("decode_tokens_per_step").asDouble()).isEqualTo(1);
        assertThat(j.get("prefix_cache_hit").asDouble()).isZero();
        assertThat(j.get("prefill_tokens_saved").asLong()).isZero();
    }

    @Test
    void mtpTakesDeepSeeksDefaults() throws Exception {
        JsonNode j = CliTest.run("infer", "--model", "deepseek-v3", "--server", "hgx-h200", "--gpus", "8", "--tp", "8", "--input-len", "1024",
                "--output-len", "256", "--batch", "1", "--spec-method", "mtp", "--json").json();
        assertThat(j.get("spec_draft_tokens").asInt()).isEqualTo(1);
        assertThat(j.get("spec_acceptance").asDouble()).isEqualTo(0.85);
        assertThat(j.get("decode_tokens_per_step").asDouble()).isCloseTo(1.85, within(1e-12));
    }

    @Test
    void aDraftModelIsNamedInTheJson() throws Exception {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "draft", "--draft-model", "llama3-8b", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("spec_draft_model").asText()).isEqualTo("llama3-8b");
    }

    @Test
    void prefixHitCountsTheSavedPrefillTokensAndShortensTheFirstToken() throws Exception {
        JsonNode plain = infer("--batch", "4", "--json").json();
        JsonNode cached = infer("--batch", "4", "--prefix-cache-hit", "0.5", "--json").json();
        assertThat(cached.get("prefix_cache_hit").asDouble()).isEqualTo(0.5);
        assertThat(cached.get("prefill_tokens_saved").asLong()).isEqualTo(4 * 512);
        assertThat(cached.get("ttft_s").asDouble()).isLessThan(plain.get("ttft_s").asDouble());
    }

    @Test
    void theSimulationReportsAcceptedTokensAndSavedPrefill() throws Exception {
        CliTest.Result r = infer("--offline", "--requests", "40", "--spec-method", "eagle", "--spec-tokens", "3", "--spec-acceptance", "0.8",
                "--prefix-cache-hit", "0.25", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("decode_tokens_per_step").asDouble()).isCloseTo(2.952, within(0.1));
        assertThat(j.get("prefill_tokens_saved").asLong()).isEqualTo(40 * 256);
        assertThat(j.get("spec_method").asText()).isEqualTo("eagle");
    }

    @Test
    void anAcceptanceAboveOneIsOneLineWithExitThree() {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "mtp", "--spec-acceptance", "1.5");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --spec-acceptance: 1.5; expected a per-token acceptance rate from 0 to 1");
    }

    @Test
    void aNegativeDraftLengthIsOneLineWithExitThree() {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "mtp", "--spec-tokens", "-1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: --spec-tokens: -1;");
    }

    @Test
    void aPrefixHitAboveOneIsOneLineWithExitThree() {
        CliTest.Result r = infer("--batch", "1", "--prefix-cache-hit", "1.2");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --prefix-cache-hit: 1.2; expected the share of prompt tokens found cached, 0 to 1");
    }

    @Test
    void anUnknownMethodIsOneLineWithExitThree() {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "medusa");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --spec-method: 'medusa'; expected mtp, eagle, draft or none");
    }

    @Test
    void draftTokensWithoutAMethodAreRefused() {
        CliTest.Result r = infer("--batch", "1", "--spec-tokens", "3");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --spec-tokens: given without a speculative method; expected --spec-method mtp, eagle or draft");
    }

    @Test
    void aNonNumericAcceptanceIsAUsageError() {
        CliTest.Result r = infer("--batch", "1", "--spec-method", "mtp", "--spec-acceptance", "high");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--spec-acceptance");
    }
}
