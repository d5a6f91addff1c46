package org.suanli.jobs;

import org.suanli.cost.CostAssumptions;
import org.suanli.input.Inputs;

/** The cost options shared by {@code cost}, {@code plan train} and {@code plan serve}. */
public final class Costs {
    private Costs() {
    }

    /** Returns the cost assumptions with the options {@code years, pue, usd_per_kwh, utilisation, usd_per_port, usd_per_gpu_hour}. */
    public static CostAssumptions read(Options b) {
        Double years = b.number("years");
        Double pue = b.number("pue");
        Double usdPerKwh = b.number("usd_per_kwh");
        Double utilisation = b.number("utilisation");
        String port = b.textOrNumber("usd_per_port");
        String rent = b.textOrNumber("usd_per_gpu_hour");
        return Inputs.costAssumptions(years, pue, usdPerKwh, utilisation, port, rent);
    }
}
