package org.suanli.jobs;

import org.suanli.cost.CostAssumptions;
import org.suanli.cost.PriceBook;
import org.suanli.input.Inputs;

/** The cost options shared by {@code cost}, {@code plan train} and {@code plan serve}. */
public final class Costs {
    private Costs() {
    }

    /**
     * Returns the cost assumptions with the options {@code years, pue, usd_per_kwh, utilisation, usd_per_port, usd_per_gpu_hour}
     * and the choice of published prices {@code price_date, price_basis, price_currency}.
     */
    public static CostAssumptions read(Options b) {
        Double years = b.number("years");
        Double pue = b.number("pue");
        Double usdPerKwh = b.number("usd_per_kwh");
        Double utilisation = b.number("utilisation");
        String port = b.textOrNumber("usd_per_port");
        String rent = b.textOrNumber("usd_per_gpu_hour");
        String date = b.textOrNumber("price_date");
        String basis = b.string("price_basis", null);
        String currency = b.string("price_currency", null);
        return Inputs.costAssumptions(years, pue, usdPerKwh, utilisation, port, rent)
                .withPrices(Inputs.priceChoice(PriceBook.builtIn(), date, basis, currency));
    }
}
