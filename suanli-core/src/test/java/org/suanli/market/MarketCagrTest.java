package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** CAGR = (end / start)^(1 / years) - 1, checked by hand against the seed's figures. */
class MarketCagrTest {
    private static final Market MARKET = Market.builtIn();

    @Test
    void cagrIsTheStandardCompoundRate() {
        // 100 -> 121 in 2 years: 1.21^(1/2) = 1.1, so 10% a year.
        assertThat(Cagr.between(100, 121, 2)).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void statistaAiServerMarketGrows17Point3PctFrom2021To2026() {
        // 34.71 / 15.63 = 2.22073; ln 2.22073 = 0.79783; / 5 = 0.15957; e^0.15957 = 1.17300 -> 17.30%.
        CagrResult r = MARKET.cagr("global-ai-server-market-usd", 2021, 2026);
        assertThat(r.years()).isEqualTo(5);
        assertThat(r.cagrPct()).isCloseTo(17.3, within(0.05));
    }

    @Test
    void idcShipmentsGrow18Point0PctAgainstAStated17Point9() {
        // 650,000 / 284,000 = 2.28873; ln = 0.82802; / 5 = 0.16560; e^0.16560 = 1.18010 -> 18.01%.
        CagrResult r = MARKET.cagr("china-ai-server-shipments-units", 2022, 2027);
        assertThat(r.cagrPct()).isCloseTo(18.01, within(0.01));
        assertThat(r.statedCagrPct()).hasValue(17.9);
        assertThat(r.differencePp().getAsDouble()).isCloseTo(0.11, within(0.01));
    }

    @Test
    void idcSalesGrow17Point7Pct() {
        // 16.399 / 7.255 = 2.26037; ln = 0.81555; / 5 = 0.16311; e^0.16311 = 1.17716 -> 17.72%.
        assertThat(MARKET.cagr("china-ai-server-sales-usd", 2022, 2027).cagrPct()).isCloseTo(17.72, within(0.01));
    }

    @Test
    void defaultSpanRunsFromTheFirstToTheLastPoint() {
        CagrResult r = MARKET.cagr("china-ai-server-sales-usd");
        assertThat(r.from().year()).isEqualTo(2022);
        assertThat(r.to().year()).isEqualTo(2027);
    }

    @Test
    void aSpanThatIsNotTheStatedOneHasNoStatedRate() {
        MarketSeries s = new MarketSeries("x", "X", "USD", "global",
                List.of(point(2020, 100), point(2021, 110), point(2022, 121)),
                Optional.of(new StatedCagr(10, 2020, 2022)), "test", "", "");
        assertThat(Market.cagr(s, 2020, 2021).statedCagrPct()).isEmpty();
        assertThat(Market.cagr(s, 2020, 2022).statedCagrPct()).hasValue(10.0);
    }

    @Test
    void aYearWithoutAPointIsBadInputListingTheYears() {
        assertThatThrownBy(() -> MARKET.cagr("global-ai-server-market-usd", 2019, 2026))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("year 2019")
                .hasMessageContaining("2021, 2026");
    }

    @Test
    void aBackwardSpanIsBadInput() {
        assertThatThrownBy(() -> MARKET.cagr("global-ai-server-market-usd", 2026, 2021))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("start year before the end year");
    }

    @Test
    void aOnePointSeriesHasNoCagr() {
        assertThatThrownBy(() -> MARKET.cagr("global-server-market-usd"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("has one point (2021)");
    }

    @Test
    void aNonPositiveValueIsBadInput() {
        assertThatThrownBy(() -> Cagr.between(0, 5, 1))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    BadInputException b = (BadInputException) e;
                    assertThat(b.where()).isEqualTo("cagr start value");
                    assertThat(b.what()).contains("0 is not positive");
                    assertThat(b.expected()).contains("positive values at both ends");
                });
    }

    @Test
    void anUnknownSeriesIsBadInputNamingTheClosestIds() {
        assertThatThrownBy(() -> MARKET.cagr("global-ai-server-market"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown market series id")
                .hasMessageContaining("did you mean global-ai-server-market-usd");
    }

    private static MarketPoint point(int year, double value) {
        return new MarketPoint(year, value, PointKind.ACTUAL, OptionalDouble.empty());
    }
}
