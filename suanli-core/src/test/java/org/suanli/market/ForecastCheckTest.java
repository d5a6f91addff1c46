package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's forecasts against the figures reported since: path, error and direction, worked by hand. */
class ForecastCheckTest {
    private static final List<ForecastCheck> CHECKS = Market.builtIn().checkForecasts();

    private static ForecastCheck check(String series) {
        return CHECKS.stream().filter(c -> c.forecast().series().equals(series)).findFirst().orElseThrow();
    }

    private static ForecastCheck.Comparison at(ForecastCheck c, int year) {
        return c.comparisons().stream().filter(x -> x.reported().year() == year).findFirst().orElseThrow();
    }

    @Test
    void everyForecastOfTheSeedIsChecked() {
        // three series with a forecast point and the one forecast fact (non-GPU share > 20% in 2025)
        assertThat(CHECKS).extracting(c -> c.forecast().series()).containsExactly("global-ai-server-market-usd",
                "china-ai-server-shipments-units", "china-ai-server-sales-usd", "non-gpu-accelerator-share-2025");
    }

    @Test
    void chinaSalesPathIn2024IsFarBelowIdcsActual() {
        // path: 7.255 bn x (16.399 / 7.255)^(2/5) = 7.255 x 2.26037^0.4 = 7.255 x 1.38571 = 10.053 bn;
        // error against IDC's 22.1 bn: (10.053 - 22.1) / 22.1 = -54.51 %, below.
        ForecastCheck.Comparison c = at(check("china-ai-server-sales-usd"), 2024);
        assertThat(c.forecastValue()).isCloseTo(10.0533e9, within(1e6));
        assertThat(c.errorPct()).isCloseTo(-54.51, within(0.01));
        assertThat(c.direction()).isEqualTo(ForecastCheck.Direction.BELOW);
        assertThat(c.scopeMatch()).isTrue();
        assertThat(c.comparable()).isTrue();
        assertThat(c.onPath()).isTrue();
    }

    @Test
    void chinaSalesPathIn2023MissesIdcsActualByNinePercent() {
        // path: 7.255 x 2.26037^0.2 = 8.5403 bn; IDC 2023 9.4 bn: (8.5403 - 9.4) / 9.4 = -9.15 %
        ForecastCheck.Comparison c = at(check("china-ai-server-sales-usd"), 2023);
        assertThat(c.forecastValue()).isCloseTo(8.5403e9, within(1e6));
        assertThat(c.errorPct()).isCloseTo(-9.15, within(0.01));
        assertThat(c.direction()).isEqualTo(ForecastCheck.Direction.BELOW);
    }

    @Test
    void halfYearFiguresAreSkippedNotCompared() {
        ForecastCheck c = check("china-ai-server-sales-usd");
        assertThat(c.comparisons()).hasSize(2);
        assertThat(c.skipped()).extracting(s -> s.reported().when()).containsExactly("H1 2023", "H1 2024");
        assertThat(c.caveat()).hasValueSatisfying(t -> assertThat(t).contains("4.61"));
    }

    @Test
    void statistaPathAgainstTrendForceIsBelowAtLeast86PercentButNotComparable() {
        // path 2024: 15.63 x (34.71 / 15.63)^(3/5) = 25.226 bn; TrendForce "exceed $187 billion" (a lower bound and a
        // mid-year forecast): error at most (25.226 - 187) / 187 = -86.51 %
        ForecastCheck c = check("global-ai-server-market-usd");
        ForecastCheck.Comparison y2024 = at(c, 2024);
        assertThat(y2024.forecastValue()).isCloseTo(25.2265e9, within(1e6));
        assertThat(y2024.errorPct()).isCloseTo(-86.51, within(0.01));
        assertThat(y2024.errorBound()).isEqualTo("at_most");
        assertThat(y2024.direction()).isEqualTo(ForecastCheck.Direction.BELOW);
        assertThat(y2024.scopeMatch()).isFalse();
        assertThat(c.hasComparableActual()).isFalse();
        assertThat(c.searched()).hasValueSatisfying(t -> assertThat(t).contains("Statista"));
    }

    @Test
    void shipmentsInUnitsHaveNoLaterFigureAndSaySoWithWhatWasSearched() {
        ForecastCheck c = check("china-ai-server-shipments-units");
        assertThat(c.comparisons()).isEmpty();
        assertThat(c.searched()).hasValueSatisfying(t -> assertThat(t).contains("IDC China AI-server shipments in units"));
    }

    @Test
    void aFactIsComparedOnlyInItsOwnYear() {
        // IDC's 2024 non-GPU share (> 30%) is a year before the forecast's 2025: skipped, not compared
        ForecastCheck c = check("non-gpu-accelerator-share-2025");
        assertThat(c.comparisons()).isEmpty();
        assertThat(c.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("not the forecast's year 2025"));
    }

    @Test
    void everyForecastWithoutAComparableActualSaysWhatWasSearched() {
        assertThat(CHECKS).filteredOn(c -> !c.hasComparableActual()).allSatisfy(c -> assertThat(c.searched()).isPresent());
    }

    @Test
    void aForecastLowerBoundIsMetByAFigureAboveIt() {
        // "more than 20%" against 30%: met, error +(20 - 30) / 30 = -33.3 % against the bound
        ForecastCheck.SeedForecast f = new ForecastCheck.SeedForecast("x", "X", "pct", "China", "IDC", true, java.util.OptionalInt.empty(),
                java.util.OptionalDouble.empty(), 2025, 20, Qualifier.GT);
        ReportedFigure r = new ReportedFigure("x", 2025, null, false, 30, null, "pct", Qualifier.EXACT, FigureKind.ACTUAL, "IDC", null, "s",
                "2026", "https://example.org", null, "q", null, null);
        ForecastCheck.Comparison c = ForecastCheck.compare(f, r);
        assertThat(c.direction()).isEqualTo(ForecastCheck.Direction.MET);
        assertThat(c.comparable()).isTrue();
    }

    @Test
    void withinFivePercentIsMet() {
        ForecastCheck.SeedForecast f = new ForecastCheck.SeedForecast("x", "X", "USD", "g", "Statista", false, java.util.OptionalInt.of(2020),
                java.util.OptionalDouble.of(100), 2022, 121, Qualifier.EXACT);
        // path 2021 = 100 x 1.21^(1/2) = 110; reported 105: error +4.76 % -> met
        ReportedFigure r = new ReportedFigure("x", 2021, null, false, 105, null, "USD", Qualifier.EXACT, FigureKind.ACTUAL, "Statista", null,
                "s", "2022", "https://example.org", null, "q", null, null);
        ForecastCheck.Comparison c = ForecastCheck.compare(f, r);
        assertThat(c.forecastValue()).isCloseTo(110, within(1e-9));
        assertThat(c.errorPct()).isCloseTo(4.7619, within(1e-4));
        assertThat(c.direction()).isEqualTo(ForecastCheck.Direction.MET);
    }
}
