package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code cost --bom} for every server and {@code classify}'s supply chain, as a user sees them. */
class SupplyCommandsTest {
    private static final ObjectMapper M = new ObjectMapper();

    @Test
    void aServerWithoutAPublishedBillNowGetsOneWithUnknownShares() throws Exception {
        CliTest.Result r = CliTest.run("cost", "--server", "hgx-h800", "--bom", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = M.readTree(r.out());
        assertThat(j.get("bill_basis").asText()).isEqualTo("derived");
        assertThat(j.get("usd").isNull()).isTrue();
        assertThat(j.get("country_shares").size()).isZero();
        assertThat(j.get("shares_unknown_because").asText()).contains("no accelerator price");
    }

    @Test
    void anAcceleratorPriceGivesTheDerivedSharesByCountry() throws Exception {
        // 8 x 10,000 + 5,101 + 11,276.8 + 57,189.2 = 153,567; KR = 11,276.8 / 153,567
        JsonNode j = M.readTree(CliTest.run("cost", "--server", "hgx-h20", "--bom", "--accelerator-usd", "10000", "--json").out());
        assertThat(j.get("usd").asDouble()).isCloseTo(153_567, within(1e-6));
        assertThat(j.get("country_shares").get("KR").asDouble()).isCloseTo(11_276.8 / 153_567, within(1e-12));
    }

    @Test
    void theBomTextSaysWhatADomesticSubstituteNeeds() {
        CliTest.Result r = CliTest.run("cost", "--server", "dgx-h100", "--bom");
        assertThat(r.out()).contains("share by country: US 95.8%, KR 4.2%").contains("What a domestic (Chinese) substitute needs:")
                .contains("Huawei Ascend 910C").contains("whole server: 2023-10-4a090");
    }

    @Test
    void theBomCsvHasOneRowPerLineWithItsRules() {
        CliTest.Result r = CliTest.run("cost", "--server", "dgx-h100", "--bom", "--csv");
        assertThat(r.out().lines().findFirst().get()).isEqualTo("part,category,count,unit,total,share,maker,country,basis,rules");
        assertThat(r.out()).contains("chip 2023-10: 3A090.a");
    }

    @Test
    void classifyShowsTheSupplyChainOfAscend910b() throws Exception {
        CliTest.Result r = CliTest.run("classify", "ascend-910b");
        assertThat(r.out()).contains("Supply chain:").contains("foundry  SMIC").contains("2024-12-hbm");
        JsonNode j = M.readTree(CliTest.run("classify", "ascend-910b", "--json").out()).get("supply_chain");
        assertThat(j.get("foundry_country").asText()).isEqualTo("CN");
        assertThat(j.get("designer_country").asText()).isEqualTo("CN");
    }

    @Test
    void anUnknownServerIsOneLineExitThree() {
        CliTest.Result r = CliTest.run("cost", "--server", "no-such-server", "--bom");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
