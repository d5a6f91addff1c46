package org.suanli.cli;

import org.suanli.cost.CostAssumptions;
import org.suanli.cost.PriceBook;
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

    @Option(names = "--price-date", paramLabel = "YYYY-MM", description = "Use the published price nearest to this month "
            + "(default: the latest).")
    String priceDate;

    @Option(names = "--price-basis", paramLabel = "B", description = "auto (default: buy where a purchase price is published, else rent), "
            + "buy (capital amortised + energy) or rent (cloud rate per accelerator-hour).")
    String priceBasis;

    @Option(names = "--price-currency", paramLabel = "C", description = "Prefer figures published in USD (default) or CNY; "
            + "CNY figures are converted at the Federal Reserve's rate nearest their date.")
    String priceCurrency;

    @Option(names = "--prices", paramLabel = "FILE", description = "More price rows, in the shape of the built-in prices.yaml "
            + "(catalog prices --help), added to the built-in ones.")
    java.nio.file.Path prices;

    /** Range-checks the given options (before any work starts). */
    void check() {
        assumptions();
    }

    CostAssumptions assumptions() {
        PriceBook book = prices == null ? PriceBook.builtIn() : PriceBook.builtIn().plus(PriceBook.read(prices));
        return org.suanli.input.Inputs.costAssumptions(years, pue, usdPerKwh, utilisation, usdPerPort, usdPerGpuHour)
                .withPrices(org.suanli.input.Inputs.priceChoice(book, priceDate, priceBasis, priceCurrency));
    }
}
