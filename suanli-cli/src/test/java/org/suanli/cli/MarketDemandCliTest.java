package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suanli market demand}: training runs become servers, GPUs, power and spend per year. */
class MarketDemandCliTest {

    @Test
    void runsAreSummedByYear(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, """
                training:
                  - {year: 2024, model: llama2-7b, tokens: 1T, days: 30, server: dgx-h100, count: 2}
                  - {year: 2024, model: llama3-8b, tokens: 1T, days: 30, server: dgx-h100}
                  - {year: 2025, model: llama2-7b, tokens: 2T, days: 30, server: dgx-h100}
                """);
        CliTest.Result r = CliTest.run("market", "demand", f.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("runs")).hasSize(3);
        JsonNode y2024 = j.get("years").get(0);
        JsonNode run0 = j.get("runs").get(0);
        JsonNode run1 = j.get("runs").get(1);
        assertThat(y2024.get("year").asInt()).isEqualTo(2024);
        assertThat(y2024.get("servers").asInt()).isEqualTo(2 * run0.get("servers").asInt() + run1.get("servers").asInt());
        // each run finishes within its deadline on the smallest such cluster of the ladder
        for (JsonNode run : j.get("runs")) {
            assertThat(run.get("time_to_train_days").asDouble()).isLessThanOrEqualTo(run.get("days").asDouble());
        }
        // twice the tokens in the same days needs at least as many servers
        assertThat(j.get("runs").get(2).get("servers").asInt()).isGreaterThanOrEqualTo(run0.get("servers").asInt());
    }

    @Test
    void servingLoadsAddTheirFleets(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, """
                serving:
                  - {year: 2025, model: llama3-8b, rate: 5, ttft_p99: 1, tpot_p99: 0.05, input_len: 512, output_len: 128, server: dgx-h100, count: 2}
                """);
        CliTest.Result r = CliTest.run("market", "demand", f.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode load = r.json().get("serving").get(0);
        JsonNode year = r.json().get("years").get(0);
        assertThat(load.get("replicas").asInt()).isPositive();
        assertThat(year.get("gpus").asLong()).isEqualTo(2L * load.get("gpus").asInt());
        assertThat(year.get("servers").asInt()).isEqualTo(2 * load.get("servers").asInt());
    }

    @Test
    void aMissingFieldNamesTheRun(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, "training:\n  - {year: 2024, model: llama2-7b, days: 30, server: dgx-h100}\n");
        CliTest.Result r = CliTest.run("market", "demand", f.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("training[0]").contains("tokens: missing required field");
    }

    @Test
    void demandIsSetAgainstTheYearsReportedShipments(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, "training:\n  - {year: 2024, model: llama2-7b, tokens: 1T, days: 30, server: dgx-h100, count: 2}\n");
        CliTest.Result r = CliTest.run("market", "demand", f.toString(), "--shipments", "2024", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = r.json().get("against_shipments");
        // TrendForce's 2024 figure: 1.67 M units, a mid-year forecast
        assertThat(a.get("shipments_units").asLong()).isEqualTo(1_670_000);
        assertThat(a.get("shipments_kind").asText()).isEqualTo("forecast");
        assertThat(a.get("derived").asBoolean()).isFalse();
        JsonNode all = a.get("rows").get(1);
        assertThat(all.get("demand").asText()).isEqualTo("all");
        long servers = r.json().get("years").get(0).get("servers").asLong();
        assertThat(all.get("servers").asLong()).isEqualTo(servers);
        assertThat(all.get("share_of_shipments_pct").asDouble()).isCloseTo(100.0 * servers / 1_670_000, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aYearWithoutReportedShipmentsIsOneLineAndExit3BeforeAnyPlanning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, "training:\n  - {year: 2024, model: llama3-405b, tokens: 15T, days: 90, server: dgx-h100}\n");
        CliTest.Result r = CliTest.run("market", "demand", f.toString(), "--shipments", "2022");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: shipments year 2022: no reported global AI-server shipments for 2022; expected one of 2023, "
                + "2024, 2025, 2026");
    }
}
