package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code train --fabric / --oversubscription} and {@code catalog show} of a multi-tier fabric, as a user runs them. */
class FabricCliTest {

    @Test
    void trainJsonNamesTheFabricAndTheAlgorithmAndTierOfEachCollective() throws Exception {
        JsonNode j = CliTest.run("train", "--model", "llama3-70b", "--server", "dgx-h100", "--gpus", "512", "--tp", "8",
                "--fabric", "ib-ndr-superpod", "--oversubscription", "2", "--json").json();
        assertThat(j.get("fabric").asText()).isEqualTo("ib-ndr-superpod@2:1");
        JsonNode dp = j.get("collectives").get("dp");
        assertThat(dp.get("algorithm").asText()).isIn("ring", "tree", "pat");
        assertThat(dp.get("tier").asText()).isEqualTo("spine");
        // 8 x 50 GB/s / 8 GPUs x 0.94 / 2 (spine built 2:1) = 23.5 GB/s
        assertThat(dp.get("bus_gbps").asDouble()).isCloseTo(23.5, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void anUnknownFabricIsOneLineWithSuggestions() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--fabric", "ib-ndrr");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("error: fabric 'ib-ndrr'").contains("did you mean").doesNotContain("\n");
    }

    @Test
    void anOversubscriptionBelowOneIsOneLine() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--oversubscription", "0.5");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: --oversubscription: 0.5 is out of range; expected a finite number from 1 to 64");
    }

    @Test
    void catalogShowPrintsAFabricsTiers() throws Exception {
        JsonNode j = CliTest.run("catalog", "show", "ib-ndr-superpod", "--json").json();
        JsonNode tiers = j.findValue("tiers");
        assertThat(tiers).hasSize(3);
        assertThat(tiers.get(0).get("name").asText()).isEqualTo("rail-leaf");
        assertThat(tiers.get(0).get("span_servers").asInt()).isEqualTo(32);
        assertThat(tiers.get(2).get("span_servers").isNull()).isTrue();
    }
}
