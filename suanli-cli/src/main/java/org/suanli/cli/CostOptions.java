package org.suanli.cli;

import java.util.OptionalDouble;
import org.suanli.BadInputException;
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
        if (years != null) {
            Check.above("--years", years, 0, 100);
        }
        Check.between("--pue", pue, 1, 5);
        Check.between("--usd-per-kwh", usdPerKwh, 0, 10);
        if (utilisation != null) {
            Check.above("--utilisation", utilisation, 0, 1);
        }
        if (usdPerPort != null) {
            Check.between("--usd-per-port", CommonOptions.money("--usd-per-port", usdPerPort), 0, 1e7);
        }
        if (usdPerGpuHour != null) {
            Check.between("--usd-per-gpu-hour", CommonOptions.money("--usd-per-gpu-hour", usdPerGpuHour), 0, 1e4);
        }
    }

    CostAssumptions assumptions() {
        check();
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
