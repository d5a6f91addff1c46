package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code plan train --space wide} searches Calculon's dimensions too and says what it pruned as dominated. */
class PlanSpaceCliTest {
    private static final String[] PLAN = {"plan", "train", "--model", "llama2-7b", "--server", "dgx-h100", "--servers", "2",
        "--global-batch", "64", "--seq-len", "4096", "--precision", "bf16", "--json"};

    private static String[] with(String... extra) {
        String[] out = java.util.Arrays.copyOf(PLAN, PLAN.length + extra.length);
        System.arraycopy(extra, 0, out, PLAN.length, extra.length);
        return out;
    }

    @Test
    void theWideSpaceEvaluatesMoreLayoutsAndIsNoSlowerAtTheTop() throws Exception {
        JsonNode standard = CliTest.run(PLAN).json();
        JsonNode wide = CliTest.run(with("--space", "wide")).json();
        assertThat(wide.get("evaluated").asLong()).isGreaterThan(standard.get("evaluated").asLong());
        assertThat(wide.get("top").get(0).get("step_time_s").asDouble())
                .isLessThanOrEqualTo(standard.get("top").get(0).get("step_time_s").asDouble());
        assertThat(wide.get("rejections").has(org.suanli.plan.Planner.DOMINATED)).isTrue();
    }
}
