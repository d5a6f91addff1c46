package org.suanli.cli;

import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.cost.CostAssumptions;
import picocli.CommandLine.Option;

/** The cost assumptions a user may override (defaults and their reasons: {@link CostAssumptions}). */
final class CostOptions {
    @Option(names = "--years", paramLabel = "Y", description = "Amortisation period of the capital, years (default 4).")
    Double years;

    @Option(names = "--pue", description = "Power usage effectiveness of the data centre (default 1.3).")
    Double pue;

    @Option(names = "--usd-per-kwh", paramLabel = "USD", description = "Electricity price (default 0.10).")
    Double usdPerKwh;

    @Option(names = "--utilisation", paramLabel = "F", description = "Fraction of maximum power drawn while busy (default 0.8).")
    Double utilisation;

    @Option(names = "--usd-per-port", paramLabel = "USD", description = "Scale-out network cost per NIC port (default 2500).")
    String usdPerPort;

    @Option(names = "--usd-per-gpu-hour", paramLabel = "USD", description = "Rent instead of buy: a cloud price per GPU-hour.")
    String usdPerGpuHour;

    CostAssumptions assumptions() {
        CostAssumptions d = CostAssumptions.defaults();
        try {
            return new CostAssumptions(years != null ? years : d.amortisationYears(), pue != null ? pue : d.pue(),
                    usdPerKwh != null ? usdPerKwh : d.usdPerKwh(), utilisation != null ? utilisation : d.utilisation(),
                    usdPerPort != null ? CommonOptions.money("--usd-per-port", usdPerPort) : d.usdPerNetworkPort(),
                    usdPerGpuHour != null ? OptionalDouble.of(CommonOptions.money("--usd-per-gpu-hour", usdPerGpuHour)) : OptionalDouble.empty());
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cost options", e.getMessage(), "expected years > 0, PUE >= 1, prices >= 0, utilisation in (0, 1]");
        }
    }
}
