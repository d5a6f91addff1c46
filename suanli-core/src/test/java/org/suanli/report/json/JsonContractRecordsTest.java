package org.suanli.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.compliance.ExportClassifier;
import org.suanli.market.MarketData;
import org.suanli.report.Json;
import org.suanli.validation.Confidence;

/** How the JSON contract records become JSON: snake_case names, declaration order, absent figures null or left out. */
class JsonContractRecordsTest {

    @Test
    void everyCapitalStartsASnakeCaseWord() {
        SnakeCase s = new SnakeCase();
        assertThat(s.translate("tokensPerSPerGpu")).isEqualTo("tokens_per_s_per_gpu");
        assertThat(s.translate("ttftP99S")).isEqualTo("ttft_p99_s");
        assertThat(s.translate("mfu")).isEqualTo("mfu");
    }

    @Test
    void fieldsAreWrittenInDeclarationOrder() throws Exception {
        JsonNode j = Json.mapper().readTree(Json.write(new ConfidenceJson("validated", 6.5, 7.5, "three rows")));
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("level", "band_low_pct", "band_high_pct", "basis");
    }

    @Test
    void anUnknownParameterIsWrittenAsNull() throws Exception {
        var mlu370 = Catalog.builtIn().accelerator("mlu370");
        JsonNode j = Json.mapper().readTree(Json.write(ClassificationJson.of(ExportClassifier.builtIn().classify(mlu370, "2023-10"),
                org.suanli.supply.SupplyChain.builtIn().chain(mlu370, "2023-10"))));
        assertThat(j.has("performance_density")).isTrue();
        assertThat(j.get("performance_density").isNull()).isTrue();
    }

    @Test
    void aFigureThatOnlySomeRunsHaveIsLeftOut() throws Exception {
        JsonNode j = Json.mapper().readTree(Json.write(new PlanJson.Range(List.of(1.0, 2.0), null, null)));
        assertThat(j.has("time_to_train_days")).isFalse();
        assertThat(j.get("step_time_s").toString()).isEqualTo("[1.0,2.0]");
    }

    @Test
    void anAmountNamesItsUnitAndWholeAmountsAreIntegers() throws Exception {
        JsonNode j = Json.mapper().readTree(Json.write(MarketJson.Listing.of(MarketData.builtIn())));
        for (JsonNode series : j.get("series")) {
            String unit = series.get("unit").asText().toLowerCase(java.util.Locale.ROOT);
            String other = unit.equals("usd") ? "value_units" : "value_usd";
            for (JsonNode point : series.get("points")) {
                assertThat(point.has("value_" + unit)).isTrue();
                assertThat(point.has(other)).isFalse();
                if (point.get("value_" + unit).asDouble() == Math.rint(point.get("value_" + unit).asDouble())) {
                    assertThat(point.get("value_" + unit).isIntegralNumber()).isTrue();
                }
            }
        }
    }

    @Test
    void aLessTrustedPlanRankedFirstGetsANote() {
        Confidence assumed = new Confidence(Confidence.Level.ASSUMED, 60, 33, "assumed");
        Confidence validated = new Confidence(Confidence.Level.VALIDATED, 6, 6, "validated");
        assertThat(ConfidenceJson.rankingNotes(List.of(assumed, validated), List.of("a", "b")))
                .containsExactly("note: #1 a (assumed) ranks above #2 b (validated): its figures are less certain");
        assertThat(ConfidenceJson.rankingNotes(List.of(validated, assumed), List.of("b", "a"))).isEmpty();
    }
}
