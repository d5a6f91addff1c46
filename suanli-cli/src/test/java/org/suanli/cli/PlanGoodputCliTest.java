package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code plan train --tokens} reports ideal and expected days for every plan and ranks by the expected ones. */
class PlanGoodputCliTest {
    private static final String[] PLAN = {"plan", "train", "--model", "llama2-7b", "--server", "dgx-h100", "--servers", "8", "--tokens",
            "1T", "--seq-len", "4096", "--global-batch", "256", "--precision", "bf16", "--top", "3"};

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(PLAN, PLAN.length + more.length);
        System.arraycopy(more, 0, all, PLAN.length, more.length);
        return all;
    }

    @Test
    void everyListedPlanHasIdealAndExpectedDaysInJson() throws Exception {
        JsonNode j = CliTest.run(with("--json")).json();
        assertThat(j.get("goodput_basis").asText()).contains("Table 5").contains("assumed");
        for (JsonNode c : j.get("top")) {
            double g = c.get("goodput").asDouble();
            assertThat(g).isBetween(0.5, 1.0);
            assertThat(c.get("expected_days").asDouble()).isCloseTo(c.get("time_to_train_days").asDouble() / g, within(1e-9));
            assertThat(c.get("expected_gpu_hours").asDouble()).isCloseTo(c.get("gpu_hours").asDouble() / g, within(1e-6));
            assertThat(c.has("expected_usd")).isTrue();
        }
    }

    @Test
    void theTableHasIdealAndExpectedDayColumns() {
        CliTest.Result r = CliTest.run(PLAN);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ideal days").contains("expected days").contains("expected GPU-hours")
                .contains("failures: plans ranked by expected days");
    }

    @Test
    void aLongerRestartLengthensTheExpectedDays() throws Exception {
        double tenMinutes = CliTest.run(with("--json")).json().get("top").get(0).get("expected_days").asDouble();
        double anHour = CliTest.run(with("--json", "--restart-min", "60")).json().get("top").get(0).get("expected_days").asDouble();
        assertThat(anHour).isGreaterThan(tenMinutes);
    }

    @Test
    void withoutTokensThereAreNoExpectedDays() throws Exception {
        JsonNode j = CliTest.run("plan", "train", "--model", "llama2-7b", "--server", "dgx-h100", "--servers", "1", "--top", "1", "--json").json();
        assertThat(j.has("goodput_basis")).isFalse();
        assertThat(j.get("top").get(0).has("expected_days")).isFalse();
    }
}
