package org.suanli.cost;

import java.util.OptionalDouble;

/**
 * The money and power assumptions a cost needs, each overridable on the command line. Defaults are
 * stated here once: 4-year straight-line amortisation (the low end of the 4-6 years cloud providers
 * depreciate servers over), PUE 1.3 (a modern air-cooled data centre; Uptime Institute's 2023 global
 * average is 1.58), 0.10 USD/kWh (US industrial average, EIA 2023: ~0.08), 80% of maximum power
 * drawn while training, and 2,500 USD per scale-out port (switch share, optics and cables of a
 * non-blocking 400G fabric; an assumption to replace with a quote). With a cloud price per GPU-hour
 * the capital and energy terms are replaced by it. Where no price is given, {@code prices} says which published
 * figure of the price book to use (by default: bought where a purchase price is known, the latest figure).
 */
public record CostAssumptions(double amortisationYears, double pue, double usdPerKwh, double utilisation,
                              double usdPerNetworkPort, OptionalDouble usdPerGpuHour, PriceChoice prices) {

    public CostAssumptions {
        if (!(amortisationYears > 0) || !(pue >= 1) || !(usdPerKwh >= 0) || !(utilisation > 0 && utilisation <= 1)
                || !(usdPerNetworkPort >= 0)) {
            throw new IllegalArgumentException("cost assumptions: years > 0, PUE >= 1, USD/kWh >= 0, utilisation in (0, 1]");
        }
    }

    /** The assumptions with the default choice of published prices. */
    public CostAssumptions(double amortisationYears, double pue, double usdPerKwh, double utilisation, double usdPerNetworkPort,
                           OptionalDouble usdPerGpuHour) {
        this(amortisationYears, pue, usdPerKwh, utilisation, usdPerNetworkPort, usdPerGpuHour, PriceChoice.defaults());
    }

    /** Returns the defaults described above. */
    public static CostAssumptions defaults() {
        return new CostAssumptions(4, 1.3, 0.10, 0.8, 2500, OptionalDouble.empty());
    }

    /** Returns these assumptions with another choice of published prices. */
    public CostAssumptions withPrices(PriceChoice choice) {
        return new CostAssumptions(amortisationYears, pue, usdPerKwh, utilisation, usdPerNetworkPort, usdPerGpuHour, choice);
    }
}
