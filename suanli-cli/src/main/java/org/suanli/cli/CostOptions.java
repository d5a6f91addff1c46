package org.suanli.cli;

import org.suanli.cost.CostAssumptions;
import picocli.CommandLine.Option;

/** The cost assumptions a user may override (defaults and their reasons: {@link CostAssumptions}). */
final class CostOptions {
    @Option(names = "--years", paramLabel = "Y", description = "Amortisation period of the capital, years, above 0 and at most 100 (default 4).")
    Double years;

    @Option(names = "--pue", description = "Power usage effectiveness of the data centre, 1 to 5 (default 1.3).")
    Double pue;

    @Option(names = "--usd-per-kwh", paramLabel = "USD", description = "Electricity price per kWh, 0 to 10 (default 0.10).")
    Double usdPerKwh;

    @Option(names = "--utilisation", paramLabel = "F", description = "Fraction of maximum power drawn while busy, above 0 and at most 1 (default 0.8).")
    Double utilisation;

    @Option(names = "--usd-per-port", paramLabel = "USD", description = "Scale-out network cost per NIC port, 0 to 10,000,000 (default 2500).")
    String usdPerPort;

    @Option(names = "--usd-per-gpu-hour", paramLabel = "USD", description = "Rent instead of buy: a cloud price per GPU-hour, 0 to 10,000.")
    String usdPerGpuHour;

    /** Range-checks the given options (before any work starts). */
    void check() {
        assumptions();
    }

    CostAssumptions assumptions() {
        return org.suanli.input.Inputs.costAssumptions(years, pue, usdPerKwh, utilisation, usdPerPort, usdPerGpuHour);
    }
}
