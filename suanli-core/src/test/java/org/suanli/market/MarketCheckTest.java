package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each stated CAGR of the seed set against its own endpoints (../shared/data/seed_data.yaml notes). */
class MarketCheckTest {
    private static final List<CagrCheck> CHECKS = Market.builtIn().check();

    private static CagrCheck of(String id) {
        return CHECKS.stream().filter(c -> c.series().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everySeriesWithAStatedCagrIsChecked() {
        assertThat(CHECKS).extracting(c -> c.series().id())
                .containsExactly("global-ai-server-market-usd", "china-ai-server-shipments-units", "china-ai-server-sales-usd");
    }

    @Test
    void allThreeStatedCagrsAreConsistent() {
        assertThat(CHECKS).allSatisfy(c -> assertThat(c.verdict()).isEqualTo("consistent"));
    }

    @Test
    void differenceIsComputedMinusStatedInPercentagePoints() {
        // shipments: 18.010% computed - 17.9% stated = +0.110 pp; sales: 17.716 - 17.7 = +0.016 pp.
        assertThat(of("china-ai-server-shipments-units").differencePp()).isCloseTo(0.110, within(0.001));
        assertThat(of("china-ai-server-sales-usd").differencePp()).isCloseTo(0.016, within(0.001));
    }

    @Test
    void theStatedRateCarriesTheStartToTheSeedDataFigures() {
        // seed_data.yaml: 15.63 x 1.173^5 = 34.7; 28.4 x 1.179^5 = 64.70 (noted there as 64.6); 72.55 x 1.177^5 = 163.9.
        assertThat(of("global-ai-server-market-usd").endAtStatedRate() / 1e9).isCloseTo(34.71, within(0.01));
        assertThat(of("china-ai-server-shipments-units").endAtStatedRate()).isCloseTo(646_975, within(1.0));
        assertThat(of("china-ai-server-sales-usd").endAtStatedRate() / 1e9).isCloseTo(16.388, within(0.001));
    }

    @Test
    void aStatedCagrOffByMoreThanHalfAPointIsInconsistent() {
        // 100 -> 150 over 5 years is 1.5^(1/5) - 1 = 8.447%, not the stated 10%: -1.553 pp.
        MarketData d = MarketData.parse("""
                series:
                  - {id: s, name: S, unit: USD, region: global, source: test, stated_cagr: {pct: 10, from: 2020, to: 2025},
                     points: [{year: 2020, value: 100, kind: actual}, {year: 2025, value: 150, kind: forecast}]}
                """, "test.yaml");
        CagrCheck c = new Market(d).check().get(0);
        assertThat(c.differencePp()).isCloseTo(-1.553, within(0.001));
        assertThat(c.verdict()).isEqualTo("inconsistent");
    }
}
