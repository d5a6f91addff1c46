package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** A year's global AI-server shipments as reported since the seed, and a demand set against them. */
class ShipmentsTest {
    private static final Market MARKET = Market.builtIn();

    @Test
    void shipmentsOf2024AreTrendForcesMidYearForecast() {
        Shipments s = MARKET.shipments(2024);
        assertThat(s.units()).isEqualTo(1_670_000);
        assertThat(s.kind()).isEqualTo(FigureKind.FORECAST);
        assertThat(s.derived()).isFalse();
        assertThat(s.provider()).isEqualTo("TrendForce");
    }

    @Test
    void shipmentsOf2025AreDerivedFromThe2024ForecastAndThe2025GrowthEstimate() {
        // 1,670,000 x (1 + 24 / 100) = 2,070,800 units; 24% is "around", so approx; the weaker kind is forecast
        Shipments s = MARKET.shipments(2025);
        assertThat(s.units()).isCloseTo(2_070_800, within(1e-6));
        assertThat(s.derived()).isTrue();
        assertThat(s.qualifier()).isEqualTo(Qualifier.APPROX);
        assertThat(s.kind()).isEqualTo(FigureKind.FORECAST);
        assertThat(s.arithmetic()).startsWith("DERIVED: 2024 1670000 units").endsWith("= 2070800 units");
    }

    @Test
    void aYearWithoutShipmentsFailsNamingTheYearsThereAre() {
        assertThatThrownBy(() -> MARKET.shipments(2022)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("shipments year 2022").hasMessageContaining("expected one of 2023, 2024, 2025, 2026");
    }

    @Test
    void demandIsAShareOfTheYearsShipments() {
        // 2024: 1,000 servers of 1,670,000 = 0.05988 %; 2025: 670 more; all: 1,670 = 0.1 %
        Demand.Report report = new Demand.Report(List.of(new Demand.RunPlan(2025, "m", 1e12, 30, "no-price-server", 1, 670, 5360, 6700,
                OptionalDouble.empty(), 30)), List.of(),
                List.of(new Demand.YearTotal(2024, 1000, 8000, 10_000, 3e8, true), new Demand.YearTotal(2025, 670, 5360, 6700, 0, false)),
                2, 2);
        DemandVsShipments d = DemandVsShipments.of(report, MARKET.shipments(2024));
        assertThat(d.rows()).extracting(DemandVsShipments.Row::demand).containsExactly("2024", "2025", "all");
        assertThat(d.rows().get(0).sharePct()).isCloseTo(0.059880, within(1e-6));
        DemandVsShipments.Row all = d.rows().get(2);
        assertThat(all.servers()).isEqualTo(1670);
        assertThat(all.sharePct()).isCloseTo(0.1, within(1e-12));
        assertThat(all.powerKw()).isEqualTo(16_700);
        assertThat(all.capexUsd()).isEqualTo(3e8);
        assertThat(all.capexComplete()).isFalse();
        assertThat(d.unpricedServers()).containsExactly("no-price-server");
    }
}
