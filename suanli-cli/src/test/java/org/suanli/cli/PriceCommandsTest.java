package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published prices as a user meets them: cost's price options, plan serve across vendors, and catalog prices. */
class PriceCommandsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static JsonNode json(String... args) throws Exception {
        CliTest.Result r = CliTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return M.readTree(r.out());
    }

    @Test
    void aYuanPriceIsConvertedAtTheRateItsAnswerStates() throws Exception {
        // Huxiu, Jul 2024: an H20 eight-card server about 1.2 million yuan; Fed (FRED EXCHUS) 2024-07: 7.2609
        JsonNode j = json("cost", "--server", "hgx-h20", "--json");
        assertThat(j.get("price").get("amount").asDouble()).isEqualTo(1_200_000);
        assertThat(j.get("price").get("currency").asText()).isEqualTo("CNY");
        assertThat(j.get("price").get("cny_per_usd").asDouble()).isEqualTo(7.2609);
        assertThat(j.get("server_price_usd").asDouble()).isCloseTo(1_200_000 / 7.2609, within(1e-6));
    }

    @Test
    void priceDatePicksTheNearestFigure() throws Exception {
        // Reuters, early 2024: distributors offer H20 servers for 1.4 million yuan
        JsonNode j = json("cost", "--server", "hgx-h20", "--price-date", "2024-01", "--json");
        assertThat(j.get("price").get("amount").asDouble()).isEqualTo(1_400_000);
        assertThat(j.get("price_date").asText()).isEqualTo("2024-01");
    }

    @Test
    void aRangeIsCarriedToTheTotal() throws Exception {
        // 8 B200 at $30,000-40,000 (CNBC, Oct 2024) + the assumed host: the total is the middle of usd_low..usd_high
        JsonNode j = json("cost", "--server", "dgx-b200", "--json");
        assertThat(j.get("price").get("derived").asBoolean()).isTrue();
        assertThat(j.get("usd_high").asDouble()).isGreaterThan(j.get("usd_low").asDouble());
        assertThat(j.get("usd").asDouble()).isCloseTo((j.get("usd_low").asDouble() + j.get("usd_high").asDouble()) / 2, within(1e-6));
        assertThat(CliTest.run("cost", "--server", "dgx-b200").out()).contains("$313,567-$393,567 (derived, 2024-10)");
    }

    @Test
    void rentingUsesTheCloudRate() throws Exception {
        // AWS Capacity Blocks (Dec 2024): p5.48xlarge $39.33 per instance-hour, $4.916 per H100-hour
        JsonNode j = json("cost", "--server", "dgx-h100", "--price-basis", "rent", "--price-date", "2024-12", "--days", "1", "--json");
        assertThat(j.get("price").get("basis").asText()).isEqualTo("rent");
        assertThat(j.get("usd").asDouble()).isCloseTo(8 * 24 * 39.33 / 8, within(1e-6));
    }

    @Test
    void aServerWithoutAPriceSaysWhatWasSearched() throws Exception {
        CliTest.Result r = CliTest.run("cost", "--server", "tpu-v6e-256");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("price: none published for tpu-v6e-256 (searched:");
        assertThat(json("cost", "--server", "tpu-v6e-256", "--json").get("no_public_price").asText()).contains("Trillium");
    }

    @Test
    void badPriceOptionsAreOneLineEach() {
        for (String[] bad : List.of(new String[] {"--price-date", "24-07"}, new String[] {"--price-date", "1890-01"},
                new String[] {"--price-basis", "lease"}, new String[] {"--price-currency", "EUR"})) {
            CliTest.Result r = CliTest.run("cost", "--server", "dgx-h100", bad[0], bad[1]);
            assertThat(r.code()).as(String.join(" ", bad)).isIn(2, 3);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).contains(bad[0] + " " + bad[1]);
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aUsersPriceFileAddsRows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my-prices.yaml");
        Files.writeString(f, "prices:\n  - {id: dgx-b300, kind: street, amount: 500000, currency: USD, per: server, date: \"2026-03\", "
                + "source: my reseller, quote: '500k'}\n");
        JsonNode j = json("cost", "--server", "dgx-b300", "--prices", f.toString(), "--json");
        assertThat(j.get("server_price_usd").asDouble()).isEqualTo(500_000);
        Files.writeString(f, "prices:\n  - {id: dgx-b300, kind: guess, amount: 1, currency: USD, per: server, date: \"2026-03\", source: s, quote: q}\n");
        CliTest.Result bad = CliTest.run("cost", "--server", "dgx-b300", "--prices", f.toString());
        assertThat(bad.code()).isIn(2, 3);
        assertThat(bad.err()).contains("my-prices.yaml:").contains("prices.kind: unknown kind");
    }

    @Test
    void planServeComparesFiveVendorsSystemsWithoutUserPrices() throws Exception {
        List<String> args = new ArrayList<>(List.of("plan", "serve", "--model", "llama2-7b", "--rate", "2", "--ttft-p99", "5", "--tpot-p99", "0.2",
                "--requests", "200", "--per-server", "--json"));
        for (String s : List.of("dgx-h100", "hgx-h200", "hgx-h20", "dgx-b200", "atlas-800t-a2")) {
            args.add("--server");
            args.add(s);
        }
        JsonNode j = json(args.toArray(String[]::new));
        List<String> servers = new ArrayList<>();
        for (JsonNode f : j.get("fleets")) {
            servers.add(f.get("server").asText());
            assertThat(f.get("usd_per_million_tokens").isNull()).as(f.get("server").asText()).isFalse();
            assertThat(f.get("usd_per_million_tokens_low").asDouble()).isLessThanOrEqualTo(f.get("usd_per_million_tokens_high").asDouble());
            assertThat(f.get("price").get("source").asText()).isNotBlank();
        }
        assertThat(servers).containsExactlyInAnyOrder("dgx-h100", "hgx-h200", "hgx-h20", "dgx-b200", "atlas-800t-a2");
    }

    @Test
    void catalogPricesListsFiguresAndSearches() throws Exception {
        assertThat(CliTest.run("catalog", "prices", "hgx-h20").out()).contains("1,200,000 CNY").contains("soramidjourney");
        JsonNode none = json("catalog", "prices", "dgx-b300", "--json");
        assertThat(none.get("prices").size()).isZero();
        assertThat(none.get("no_public_price").get("dgx-b300").asText()).contains("DGX B300 price");
        assertThat(CliTest.run("catalog", "prices", "dgx-h1000").code()).isIn(2, 3);
    }
}
