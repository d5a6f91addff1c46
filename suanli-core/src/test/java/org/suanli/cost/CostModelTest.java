package org.suanli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** Cost arithmetic against hand-worked examples. */
class CostModelTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void tenDgxH100ForThirtyDays() {
        // capital: 10 x (268,495 + 8 ports x 2,500) = 2,884,950 USD; amortised over 30 of 4 x 365.25 days = 59,239.4
        // energy: 10 x 10.2 kW x 0.8 x 1.3 x 720 h = 76,377.6 kWh at 0.10 USD = 7,637.76 USD
        RunCost c = CostModel.run(C.server("dgx-h100"), 10, 30 * 86400, 0, CostAssumptions.defaults());
        assertThat(c.capexUsd()).hasValue(2_884_950);
        assertThat(c.amortisedUsd().getAsDouble()).isCloseTo(2_884_950 * 30 / (4 * 365.25), within(1e-6));
        assertThat(c.energyKwh()).isCloseTo(76_377.6, within(1e-6));
        assertThat(c.energyUsd()).isCloseTo(7_637.76, within(1e-6));
        assertThat(c.totalUsd().getAsDouble()).isCloseTo(2_884_950 * 30 / (4 * 365.25) + 7_637.76, within(1e-6));
    }

    @Test
    void pricePerMillionTokens() {
        RunCost c = CostModel.run(C.server("dgx-h100"), 1, 86400, 1e9, CostAssumptions.defaults());
        assertThat(c.usdPerMillionTokens().getAsDouble()).isCloseTo(c.totalUsd().getAsDouble() / 1000, within(1e-9));
    }

    @Test
    void cloudPriceReplacesCapitalAndEnergy() {
        // 4 servers x 8 GPUs x 100 h x 2.5 USD = 8,000 USD
        CostAssumptions cloud = new CostAssumptions(4, 1.3, 0.1, 0.8, 2500, OptionalDouble.of(2.5));
        RunCost c = CostModel.run(C.server("hgx-h800"), 4, 100 * 3600, 0, cloud);
        assertThat(c.totalUsd()).hasValue(8000);
        assertThat(c.capexUsd()).isEmpty();
    }

    @Test
    void aServerWithoutPriceHasNoCapitalButStillUsesEnergy() {
        // DGX B300: no purchase price nor cloud rate found (prices.yaml no_public_price)
        RunCost c = CostModel.run(C.server("dgx-b300"), 1, 3600, 0, CostAssumptions.defaults());
        assertThat(c.totalUsd()).isEmpty();
        assertThat(c.energyKwh()).isPositive();
    }

    @Test
    void powerFallsBackToTdpsTimesPlatformFactor() {
        // hgx-h800 publishes no system power and the H800 no TDP: 8 x 400 W (default) + 2 x 350 W, x 1.25
        assertThat(CostModel.serverPowerW(C.server("hgx-h800"))).isCloseTo((8 * 400 + 2 * 350) * 1.25, within(1e-9));
        assertThat(CostModel.serverPowerW(C.server("dgx-h100"))).isEqualTo(10_200);
    }
}
