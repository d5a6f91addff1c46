package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** The built-in figures reported since the seed (market/actuals.yaml) load beside the seed's, each with its source. */
class MarketReportedDataTest {
    private static final MarketData DATA = MarketData.builtIn();

    @Test
    void idcChina2024AcceleratedServerMarketIs22Point1BillionDollars() {
        // IDC: "2024年中国加速服务器市场规模达到221亿美元" = 22.1 bn USD, an actual, read from cloud.tencent.com.
        ReportedFigure r = DATA.reportedFor("china-ai-server-sales-usd").stream().filter(f -> f.year() == 2024 && !f.partOfYear())
                .findFirst().orElseThrow();
        assertThat(r.value()).isEqualTo(22_100_000_000.0);
        assertThat(r.kind()).isEqualTo(FigureKind.ACTUAL);
        assertThat(r.provider()).isEqualTo("IDC");
        assertThat(r.published()).isEqualTo("2025-03");
        assertThat(r.source()).isEqualTo("https://cloud.tencent.com/developer/news/2384052");
        assertThat(r.quote()).contains("221亿美元");
    }

    @Test
    void theSeedsOwnSeriesAreUnchangedByTheReportedFigures() {
        // the seed's China sales keep its two points: 2022 7.255 bn (actual) and 2027 16.399 bn (forecast)
        assertThat(DATA.findSeries("china-ai-server-sales-usd").orElseThrow().points()).extracting(MarketPoint::value)
                .containsExactly(7_255_000_000.0, 16_399_000_000.0);
        assertThat(DATA.series()).hasSize(4);
    }

    @Test
    void trendForce2024ShipmentsAreAMidYearForecast() {
        // TrendForce, Jul 17, 2024: "revised the annual shipment forecast up to 1.67 million units"
        ReportedFigure r = DATA.reportedFor("global-ai-server-shipments-units").stream().filter(f -> f.year() == 2024).findFirst().orElseThrow();
        assertThat(r.value()).isEqualTo(1_670_000.0);
        assertThat(r.kind()).isEqualTo(FigureKind.FORECAST);
        assertThat(r.published()).isEqualTo("2024-07");
    }

    @Test
    void providersOfOneSeriesKeepTheirOwnScopes() {
        // Statista is the seed's; TrendForce's AI-server value is a far wider scope, and says so
        assertThat(DATA.reportedFor("global-ai-server-market-usd")).extracting(ReportedFigure::provider).containsOnly("TrendForce");
        assertThat(DATA.reportedFor("global-ai-server-market-usd")).allSatisfy(r -> assertThat(r.scope()).contains("TrendForce"));
    }

    @Test
    void everyReportedFigureHasAUrlADateAndAQuote() {
        assertThat(DATA.reported()).hasSizeGreaterThan(30).allSatisfy(r -> {
            assertThat(r.source()).startsWith("http");
            assertThat(r.published()).matches("\\d{4}(-\\d{2})?(-\\d{2})?");
            assertThat(r.quote()).isNotBlank();
        });
    }

    @Test
    void partOfYearFiguresAreMarked() {
        // IDC 1H24: 5 bn USD, half a year
        ReportedFigure h1 = DATA.reportedFor("china-ai-server-sales-usd").stream().filter(f -> f.value() == 5_000_000_000.0).findFirst()
                .orElseThrow();
        assertThat(h1.partOfYear()).isTrue();
        assertThat(h1.when()).isEqualTo("H1 2024");
    }

    @Test
    void aReportedFigureInAnotherUnitThanItsSeedSeriesIsRejected() {
        MarketData seed = new MarketData("seed", DATA.series(), DATA.facts());
        String yaml = """
                reported:
                  - {series: china-ai-server-sales-usd, year: 2024, value: 1, unit: units, qualifier: exact, kind: actual,
                     provider: IDC, scope: x, published: '2025-03', source: 'https://example.org', quote: q}
                """;
        assertThatThrownBy(() -> seed.withReported(yaml, "a.yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a.yaml: reported figure china-ai-server-sales-usd 2024").hasMessageContaining("expected USD");
    }

    @Test
    void aReportedFigureWithoutASourceUrlIsRejectedNamingItsRow() {
        MarketData seed = new MarketData("seed", DATA.series(), DATA.facts());
        String yaml = """
                reported:
                  - {series: x-usd, year: 2024, value: 1, unit: USD, qualifier: exact, kind: actual,
                     provider: IDC, scope: x, published: '2025-03', source: 'a newspaper', quote: q}
                """;
        assertThatThrownBy(() -> seed.withReported(yaml, "a.yaml")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a.yaml: reported[0]").hasMessageContaining("is not a url");
    }
}
