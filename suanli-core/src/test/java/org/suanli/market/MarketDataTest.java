package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** The built-in dataset holds the seed's figures exactly (../shared/data/seed_data.yaml, market:). */
class MarketDataTest {
    private static final MarketData DATA = MarketData.builtIn();

    private static MarketSeries series(String id) {
        return DATA.findSeries(id).orElseThrow();
    }

    private static MarketFact fact(String id) {
        return DATA.findFact(id).orElseThrow();
    }

    @Test
    void statistaSeriesHoldFullDollarAmounts() {
        // 831.7 亿美元 = 83.17 bn; 156.3 亿 = 15.63 bn; 347.1 亿 = 34.71 bn.
        assertThat(series("global-server-market-usd").first().value()).isEqualTo(83_170_000_000.0);
        assertThat(series("global-server-market-usd").first().yoyPct()).hasValue(6.97);
        assertThat(series("global-ai-server-market-usd").points()).extracting(MarketPoint::value)
                .containsExactly(15_630_000_000.0, 34_710_000_000.0);
        assertThat(series("global-ai-server-market-usd").first().yoyPct()).hasValue(39.1);
        assertThat(series("global-ai-server-market-usd").source()).isEqualTo("Statista");
    }

    @Test
    void idcSeriesHoldUnitsAndDollarsWithTheirStatedCagrs() {
        // 28.4 万台 = 284,000; 65 万台 = 650,000; 72.55 亿美元 = 7.255 bn; 163.99 亿 = 16.399 bn.
        MarketSeries ship = series("china-ai-server-shipments-units");
        assertThat(ship.unit()).isEqualTo("units");
        assertThat(ship.points()).extracting(MarketPoint::value).containsExactly(284_000.0, 650_000.0);
        assertThat(ship.statedCagr()).contains(new StatedCagr(17.9, 2022, 2027));
        MarketSeries sales = series("china-ai-server-sales-usd");
        assertThat(sales.points()).extracting(MarketPoint::value).containsExactly(7_255_000_000.0, 16_399_000_000.0);
        assertThat(sales.statedCagr()).contains(new StatedCagr(17.7, 2022, 2027));
        assertThat(sales.source()).isEqualTo("IDC, 中泰证券研究所");
    }

    @Test
    void forecastsAreMarkedAsForecasts() {
        assertThat(series("china-ai-server-sales-usd").last().kind()).isEqualTo(PointKind.FORECAST);
        assertThat(series("china-ai-server-sales-usd").first().kind()).isEqualTo(PointKind.ACTUAL);
    }

    @Test
    void factsHoldTheSeedSharesWithTheirHedges() {
        assertThat(fact("china-ai-server-inference-share-2021").display()).isEqualTo("~55.5%");
        assertThat(fact("intel-server-cpu-share-2022").valuePct()).isEqualTo(70.77);
        assertThat(fact("amd-server-cpu-share-2022").valuePct()).isEqualTo(19.84);
        assertThat(fact("nvidia-discrete-gpu-share-2021q1").display()).isEqualTo("83%");
        assertThat(fact("non-gpu-accelerator-share-2025").display()).isEqualTo(">20%");
        assertThat(fact("non-gpu-accelerator-share-2025").kind()).isEqualTo(PointKind.FORECAST);
        assertThat(fact("china-gpu-share-of-dc-acceleration").display()).isEqualTo("~90%");
    }

    @Test
    void everyEntryCitesASource() {
        assertThat(DATA.series()).allSatisfy(s -> assertThat(s.source()).isNotBlank());
        assertThat(DATA.facts()).allSatisfy(f -> assertThat(f.source()).isNotBlank());
        assertThat(fact("non-gpu-accelerator-share-2025").source()).isEqualTo("IDC");
    }

    @Test
    void aNonPositiveValueInAFileIsBadInputNamingTheSeries() {
        assertThatThrownBy(() -> MarketData.parse("""
                series:
                  - {id: s, name: S, unit: USD, region: global, source: test, points: [{year: 2020, value: -5, kind: actual}]}
                """, "mine.yaml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("mine.yaml: market series 's' point 2020")
                .hasMessageContaining("-5 is not positive");
    }

    @Test
    void yearsOutOfOrderAreBadInput() {
        assertThatThrownBy(() -> MarketData.parse("""
                series:
                  - {id: s, name: S, unit: units, region: global, source: test,
                     points: [{year: 2022, value: 2, kind: actual}, {year: 2021, value: 1, kind: actual}]}
                """, "mine.yaml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("strictly ascending");
    }

    @Test
    void aStatedCagrWithoutItsEndpointsIsBadInput() {
        assertThatThrownBy(() -> MarketData.parse("""
                series:
                  - {id: s, name: S, unit: USD, region: global, source: test, stated_cagr: {pct: 10, from: 2020, to: 2025},
                     points: [{year: 2020, value: 1, kind: actual}]}
                """, "mine.yaml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("lacks an endpoint");
    }

    @Test
    void anUnknownFieldIsBadInputWithItsPathAndTheKnownFields() {
        assertThatThrownBy(() -> MarketData.parse("""
                series:
                  - id: s
                    valeu: 3
                """, "mine.yaml"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("mine.yaml: series[0].valeu: unknown field 'valeu'; expected one of as_printed, id, name, note, points, "
                        + "region, source, stated_cagr, unit");
    }

    @Test
    void anUnknownUnitIsBadInput() {
        assertThatThrownBy(() -> MarketData.parse("""
                series:
                  - {id: s, name: S, unit: CNY, region: China, source: test, points: [{year: 2020, value: 1, kind: actual}]}
                """, "mine.yaml"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("expected USD or units");
    }
}
