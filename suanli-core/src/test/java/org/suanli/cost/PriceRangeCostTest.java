package org.suanli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Server;

/** A price range carried through a cost: capital, total and price per million tokens, and ties in a ranking said aloud. */
class PriceRangeCostTest {
    private static final double YEAR_S = 365.25 * 86400;

    @Test
    void aYearOfABoughtServerCostsAQuarterOfItsCapitalPlusEnergyAtBothEndsOfTheRange() {
        Server s = Catalog.builtIn().server("dgx-b200");
        RunCost c = CostModel.run(s, 1, YEAR_S, 0, CostAssumptions.defaults());
        int ports = s.nics().orElseThrow().count();
        // derived price 313,567-393,567 (8 B200 at $30-40k + host), plus 2,500 USD per port, over 4 years, plus energy
        double energy = c.energyUsd();
        assertThat(c.totalUsdLow().getAsDouble()).isCloseTo((313_567 + ports * 2_500) / 4.0 + energy, within(0.01));
        assertThat(c.totalUsdHigh().getAsDouble()).isCloseTo((393_567 + ports * 2_500) / 4.0 + energy, within(0.01));
        assertThat(c.totalUsd().getAsDouble()).isCloseTo((c.totalUsdLow().getAsDouble() + c.totalUsdHigh().getAsDouble()) / 2, within(1e-6));
    }

    @Test
    void thePricePerMillionTokensCarriesTheRange() {
        Server s = Catalog.builtIn().server("dgx-b200");
        RunCost c = CostModel.run(s, 1, 3600, 1e6, CostAssumptions.defaults());
        assertThat(c.usdPerMillionTokensLow().getAsDouble()).isEqualTo(c.totalUsdLow().getAsDouble());
        assertThat(c.usdPerMillionTokensHigh().getAsDouble()).isEqualTo(c.totalUsdHigh().getAsDouble());
    }

    @Test
    void aRentedServerCostsItsAcceleratorHoursAtTheRate() {
        // tpu-v5e at $1.2 per chip-hour: a 256-chip pod for 10 hours = 3,072 USD
        RunCost c = CostModel.run(Catalog.builtIn().server("tpu-v5e-256"), 1, 36_000, 0, CostAssumptions.defaults());
        assertThat(c.totalUsd().getAsDouble()).isCloseTo(256 * 10 * 1.2, within(1e-6));
        assertThat(c.capexUsd()).isEmpty();
    }

    @Test
    void overlappingNeighboursAreCalledATie() {
        PriceQuote b200 = Pricing.buy(Catalog.builtIn().server("dgx-b200"), PriceChoice.defaults()).orElseThrow();
        List<String> notes = PriceRanking.notes(List.of(new PriceRanking.Entry("a", 1.0, 1.5, b200), new PriceRanking.Entry("b", 1.4, 1.4, b200),
                new PriceRanking.Entry("c", 2.0, 2.0, b200)), "/M tokens");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0)).contains("a ($1.000-$1.500/M tokens) and b ($1.400-$1.400/M tokens) overlap");
    }

    @Test
    void boughtAgainstRentedIsSaid() {
        PriceQuote bought = Pricing.buy(Catalog.builtIn().server("dgx-b200"), PriceChoice.defaults()).orElseThrow();
        PriceQuote rented = Pricing.rent(Catalog.builtIn().server("tpu-v5e-256"), PriceChoice.defaults()).orElseThrow();
        assertThat(PriceRanking.notes(List.of(new PriceRanking.Entry("a", 1, 1, bought), new PriceRanking.Entry("b", 2, 2, rented)), ""))
                .anyMatch(n -> n.contains("--price-basis buy or rent"));
    }
}
