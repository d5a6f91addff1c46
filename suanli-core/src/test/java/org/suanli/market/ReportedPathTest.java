package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** `market project` shows the seed's path and the path through the figures reported since. */
class ReportedPathTest {
    private static final Market MARKET = Market.builtIn();

    @Test
    void chinaSalesGrowsThroughIdcs2023And2024Actuals() {
        // seed: 16.399 bn (2027) x 1.177161^3 = 26.750 bn in 2030;
        // reported: IDC 9.4 bn (2023) -> 22.1 bn (2024), rate 22.1 / 9.4 - 1 = 135.106 %; 2030: 22.1 x 2.351064^6 = 3,732.3 bn
        ReportedPath.Pair p = MARKET.projectBoth("china-ai-server-sales-usd", 2030, OptionalDouble.empty());
        assertThat(p.seed().value()).isCloseTo(26.7501e9, within(1e6));
        ReportedPath r = p.reported().orElseThrow();
        assertThat(r.provider()).isEqualTo("IDC");
        assertThat(r.from().orElseThrow().year()).isEqualTo(2023);
        assertThat(r.base().year()).isEqualTo(2024);
        assertThat(r.cagrPct()).isCloseTo(135.1064, within(1e-4));
        assertThat(r.value()).isCloseTo(3.7323e12, within(1e8));
        assertThat(r.throughActuals()).isTrue();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void globalAiServerValueRunsThroughTrendForcesForecastsAndSaysSo() {
        // TrendForce > 187 bn (2024) -> 298 bn (2025): rate 298 / 187 - 1 = 59.358 %, both forecasts, 2024 a lower bound
        ReportedPath r = MARKET.projectBoth("global-ai-server-market-usd", 2025, OptionalDouble.empty()).reported().orElseThrow();
        assertThat(r.cagrPct()).isCloseTo(59.358, within(1e-3));
        assertThat(r.value()).isEqualTo(298e9);
        assertThat(r.throughActuals()).isFalse();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("lower bound"))
                .anySatisfy(n -> assertThat(n).contains("forecast published 2025-01"))
                .anySatisfy(n -> assertThat(n).contains("not the seed's (Statista)"));
    }

    @Test
    void aGivenRateGrowsBothLinesFromTheirOwnBases() {
        // seed 83.17 bn (2021) x 1.1^9 = 196.11 bn; IDC 235.7 bn (2024) x 1.1^6 = 417.56 bn
        ReportedPath.Pair p = MARKET.projectBoth("global-server-market-usd", 2030, OptionalDouble.of(10));
        assertThat(p.seed().value()).isCloseTo(83.17e9 * Math.pow(1.1, 9), within(1.0));
        ReportedPath r = p.reported().orElseThrow();
        assertThat(r.basis()).isEqualTo("given");
        assertThat(r.value()).isCloseTo(235.7e9 * Math.pow(1.1, 6), within(1.0));
        assertThat(r.value()).isCloseTo(417.556e9, within(1e6));
    }

    @Test
    void withoutARateOneFullYearFigureIsNoPathAndSaysWhy() {
        // IDC's all-server market: 2024 full year and Q1-Q3 2025 only (the seed's own series has one point, so its path
        // needs a rate: 10% here)
        MarketSeries s = MARKET.series("global-server-market-usd");
        ReportedPath.Pair p = ReportedPath.of(MARKET.data(), Market.project(s, 2030, 10), s, 2030, OptionalDouble.empty());
        assertThat(p.reported()).isEmpty();
        assertThat(p.absentReason()).contains("no provider has two full-year figures").contains("IDC 2024");
        assertThat(p.reportedSince()).extracting(ReportedFigure::when).containsExactly("2024", "Q1-Q3 2025");
    }

    @Test
    void aSeriesWithNothingReportedSaysWhatWasSearched() {
        ReportedPath.Pair p = MARKET.projectBoth("china-ai-server-shipments-units", 2030, OptionalDouble.empty());
        assertThat(p.reported()).isEmpty();
        assertThat(p.absentReason()).startsWith("no figure reported since the seed; searched: IDC China AI-server shipments in units");
    }
}
