package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.suanli.report.Json;
import picocli.CommandLine;

/** End-to-end: {@code market ...} as a user runs it, with the CLI's own error handling. */
class MarketCliTest {

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    /** Runs {@link MarketCommand} the way {@link Main#run} runs a registered command. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MarketCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return Errors.USAGE;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void checkAsJsonHasEveryFieldAndAllConsistent() throws Exception {
        Result r = run("check", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("consistent_within_pp").asDouble()).isEqualTo(0.5);
        assertThat(j.get("all_consistent").asBoolean()).isTrue();
        JsonNode ship = j.get("checks").get(1);
        assertThat(ship.get("series").asText()).isEqualTo("china-ai-server-shipments-units");
        assertThat(ship.get("from_value_units").asLong()).isEqualTo(284_000);
        assertThat(ship.get("to_value_units").asLong()).isEqualTo(650_000);
        assertThat(ship.get("stated_cagr_pct").asDouble()).isEqualTo(17.9);
        assertThat(ship.get("computed_cagr_pct").asDouble()).isCloseTo(18.01, within(0.001));
        assertThat(ship.get("difference_pp").asDouble()).isCloseTo(0.11, within(0.001));
        assertThat(ship.get("to_value_at_stated_cagr_units").asLong()).isEqualTo(646_975);
        assertThat(ship.get("verdict").asText()).isEqualTo("consistent");
        assertThat(ship.get("source").asText()).isEqualTo("IDC, 中泰证券研究所");
        assertThat(j.get("checks").get(0).get("from_value_usd").asLong()).isEqualTo(15_630_000_000L);
    }

    @Test
    void checkAsTextGivesAVerdictPerStatedCagr() {
        Result r = run("check");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("global-ai-server-market-usd").contains("17.30%").contains("18.01%").contains("17.72%")
                .contains("All 3 stated CAGRs are consistent");
    }

    @Test
    void cagrOfAnUnknownSeriesExits3WithOneErrorLine() {
        Result r = run("cagr", "china-ai-server-sale");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: market series 'china-ai-server-sale': unknown market series id; did you mean ")
                .contains("china-ai-server-sales-usd").doesNotContain("Exception");
    }

    @Test
    void cagrAsJsonHasUnitsInTheFieldNames() throws Exception {
        // (16.399 / 7.255)^(1/5) - 1 = 2.26037^0.2 - 1 = 17.716%.
        JsonNode j = run("cagr", "china-ai-server-sales-usd", "--json").json();
        assertThat(j.get("from_value_usd").asLong()).isEqualTo(7_255_000_000L);
        assertThat(j.get("to_value_usd").asLong()).isEqualTo(16_399_000_000L);
        assertThat(j.get("years").asInt()).isEqualTo(5);
        assertThat(j.get("cagr_pct").asDouble()).isCloseTo(17.716, within(0.001));
        assertThat(j.get("stated_cagr_pct").asDouble()).isEqualTo(17.7);
    }

    @Test
    void cagrOfAYearOutsideTheDataExits3() {
        Result r = run("cagr", "global-ai-server-market-usd", "--from", "2019");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: year 2019: ").contains("2021, 2026");
    }

    @Test
    void projectAtAGivenCagrAsCsvIsOneRow() {
        // 83.17 bn x 1.1^2 = 100.6357 bn.
        Result r = run("project", "global-server-market-usd", "--to", "2023", "--cagr", "10", "--csv");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("global-server-market-usd,USD,2021,83170000000,2023,2,10,given,100635700000,seed,Statista");
    }

    @Test
    void listAsJsonHasSeriesAndFactsWithSources() throws Exception {
        JsonNode j = run("list", "--json").json();
        assertThat(j.get("seed").asText()).isEqualTo("000_e089764dda368ecd.txt");
        assertThat(j.get("series")).hasSize(4);
        assertThat(j.get("series").get(0).get("points").get(0).get("value_usd").asLong()).isEqualTo(83_170_000_000L);
        assertThat(j.get("series").get(0).get("points").get(0).get("yoy_pct").asDouble()).isEqualTo(6.97);
        j.get("facts").forEach(f -> assertThat(f.get("source").asText()).isNotBlank());
        assertThat(j.get("facts").get(0).get("value_pct").asDouble()).isEqualTo(55.5);
        assertThat(j.get("facts").get(0).get("qualifier").asText()).isEqualTo("approx");
    }

    @Test
    void checkForecastAsJsonSetsTheSeedsChinaSalesPathAgainstIdcs2024Actual() throws Exception {
        // path 2024: 7.255 bn x (16.399 / 7.255)^(2/5) = 10.053 bn; IDC 22.1 bn: (10.053 - 22.1) / 22.1 = -54.51 %
        JsonNode j = run("check", "--forecast", "--json").json();
        assertThat(j.get("met_within_pct").asDouble()).isEqualTo(5);
        JsonNode sales = j.get("checks").get(2);
        assertThat(sales.get("series").asText()).isEqualTo("china-ai-server-sales-usd");
        assertThat(sales.get("path_cagr_pct").asDouble()).isCloseTo(17.716, within(0.001));
        assertThat(sales.get("comparable_actual_found").asBoolean()).isTrue();
        JsonNode y2024 = sales.get("comparisons").get(1);
        assertThat(y2024.get("year").asInt()).isEqualTo(2024);
        assertThat(y2024.get("reported_value").asLong()).isEqualTo(22_100_000_000L);
        assertThat(y2024.get("forecast_value").asDouble()).isCloseTo(10.0533e9, within(1e6));
        assertThat(y2024.get("error_pct").asDouble()).isEqualTo(-54.51);
        assertThat(y2024.get("direction").asText()).isEqualTo("below");
        assertThat(y2024.get("scope_match").asBoolean()).isTrue();
        assertThat(y2024.get("provider").asText()).isEqualTo("IDC");
        assertThat(y2024.get("source").asText()).isEqualTo("https://cloud.tencent.com/developer/news/2384052");
        assertThat(sales.get("skipped")).hasSize(2);
    }

    @Test
    void checkForecastAsTextSaysWhereNoComparableActualExistsAndWhatWasSearched() {
        Result r = run("check", "--forecast");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("china-ai-server-shipments-units").contains("no comparable actual; searched: IDC China AI-server shipments")
                .contains("-54.51%").contains("<= -86.51%").contains("differs").contains("same provider");
    }

    @Test
    void checkForecastAsCsvHasARowPerLaterFigureAndOneForEachForecastWithoutAnActual() {
        Result r = run("check", "--forecast", "--csv");
        assertThat(r.code()).isZero();
        // global: 2 TrendForce figures + "no comparable"; shipments: "no comparable"; sales: 2 compared + 2 halves;
        // non-GPU share: 1 other year + "no comparable"
        assertThat(r.out().lines()).hasSize(1 + 3 + 1 + 4 + 2);
        assertThat(r.out()).contains("china-ai-server-sales-usd,\"IDC, 中泰证券研究所\",2022,7255000000,2027,16399000000,exact,17.716,2024,");
    }

    @Test
    void projectShowsTheSeedsPathAndThePathThroughIdcsActuals() throws Exception {
        // IDC 9.4 bn (2023) -> 22.1 bn (2024): 135.106 % a year; 2027: 22.1 x 2.351064^3 = 287.19 bn
        JsonNode j = run("project", "china-ai-server-sales-usd", "--to", "2027", "--json").json();
        assertThat(j.get("value_usd").asLong()).isEqualTo(16_399_000_000L);
        JsonNode r = j.get("reported_path");
        assertThat(r.get("provider").asText()).isEqualTo("IDC");
        assertThat(r.get("from_year").asInt()).isEqualTo(2023);
        assertThat(r.get("base_year").asInt()).isEqualTo(2024);
        assertThat(r.get("cagr_pct").asDouble()).isEqualTo(135.106);
        assertThat(r.get("value_usd").asDouble()).isCloseTo(22.1e9 * Math.pow(22.1 / 9.4, 3), within(1.0));
        assertThat(r.get("through_actuals").asBoolean()).isTrue();
        assertThat(j.get("reported_since")).hasSize(4);
    }

    @Test
    void projectAsCsvHasOneRowPerPath() {
        Result r = run("project", "china-ai-server-sales-usd", "--to", "2030", "--csv");
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().skip(2).findFirst().orElseThrow())
                .isEqualTo("china-ai-server-sales-usd,USD,2024,22100000000,2030,6,135.106,implied,3732319331205,reported,IDC");
    }

    @Test
    void projectOfTheGlobalAiMarketSaysTheLaterFiguresAreTrendForceForecasts() {
        Result r = run("project", "global-ai-server-market-usd", "--to", "2025");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("$29.591B").contains("TrendForce, includes forecasts, not actuals only").contains(">$187B")
                .contains("not the seed's (Statista)");
    }

    @Test
    void listShowsTheReportedFiguresWithTheirSources() throws Exception {
        JsonNode j = run("list", "--json").json();
        JsonNode idc2024 = null;
        for (JsonNode r : j.get("reported")) {
            if (r.get("series").asText().equals("china-ai-server-sales-usd") && r.get("year").asInt() == 2024 && !r.get("part_of_year").asBoolean()) {
                idc2024 = r;
            }
        }
        assertThat(idc2024).isNotNull();
        assertThat(idc2024.get("value").asLong()).isEqualTo(22_100_000_000L);
        assertThat(idc2024.get("provider").asText()).isEqualTo("IDC");
        assertThat(idc2024.get("kind").asText()).isEqualTo("actual");
        assertThat(j.get("not_found")).isNotEmpty();
        Result text = run("list");
        assertThat(text.out()).contains("Reported since the seed").contains("https://cloud.tencent.com/developer/news/2384052")
                .contains("Scopes:");
    }

    @Test
    void jsonAndCsvTogetherIsAUsageError() {
        Result r = run("check", "--json", "--csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
