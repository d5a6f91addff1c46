package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** Projections: value = base x (1 + r)^(year - base year), worked by hand. */
class MarketProjectionTest {
    private static final Market MARKET = Market.builtIn();

    @Test
    void aGivenCagrCompoundsFromTheLatestPoint() {
        // 83.17 bn in 2021 at 10% a year to 2023: 83.17 x 1.1^2 = 83.17 x 1.21 = 100.6357 bn.
        Projection p = MARKET.project("global-server-market-usd", 2023, 10);
        assertThat(p.base().year()).isEqualTo(2021);
        assertThat(p.basis()).isEqualTo("given");
        assertThat(p.value()).isCloseTo(100_635_700_000.0, within(1.0));
    }

    @Test
    void withoutACagrTheLastTwoPointsSetTheRate() {
        // implied r = 17.300% (2021-2026); 2030 = 34.71 bn x 1.17300^4 = 34.71 x 1.89318 = 65.713 bn.
        Projection p = MARKET.project("global-ai-server-market-usd", 2030);
        assertThat(p.basis()).isEqualTo("implied");
        assertThat(p.base().year()).isEqualTo(2026);
        assertThat(p.years()).isEqualTo(4);
        assertThat(p.value() / 1e9).isCloseTo(65.713, within(0.001));
    }

    @Test
    void aYearBetweenPointsFollowsTheCagrPathFromTheEarlierPoint() {
        // sales 2023 = 7.255 bn x 1.177161 (17.7161% implied 2022-2027) = 8.5403 bn.
        Projection p = MARKET.project("china-ai-server-sales-usd", 2023);
        assertThat(p.base().year()).isEqualTo(2022);
        assertThat(p.value() / 1e9).isCloseTo(8.5403, within(0.0001));
    }

    @Test
    void aYearWithItsOwnPointProjectsToThatPoint() {
        assertThat(MARKET.project("china-ai-server-sales-usd", 2027).value()).isCloseTo(16_399_000_000.0, within(1.0));
    }

    @Test
    void aOnePointSeriesNeedsAGivenCagr() {
        assertThatThrownBy(() -> MARKET.project("global-server-market-usd", 2025))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--cagr PCT");
    }

    @Test
    void aYearBeforeTheFirstPointIsBadInput() {
        assertThatThrownBy(() -> MARKET.project("china-ai-server-sales-usd", 2020))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("from 2022");
    }

    @Test
    void aRateOfMinus100PctIsBadInput() {
        assertThatThrownBy(() -> MARKET.project("china-ai-server-sales-usd", 2030, -100))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("above -100%");
    }
}
