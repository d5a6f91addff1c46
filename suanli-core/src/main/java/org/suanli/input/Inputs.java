package org.suanli.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.PriceBasis;
import org.suanli.cost.PriceBook;
import org.suanli.cost.PriceChoice;
import org.suanli.cost.PriceDate;
import org.suanli.hardware.Server;
import org.suanli.units.UnitException;
import org.suanli.units.Units;

/**
 * Turns the text a person types for an option (a token count, money, server ids, cost overrides) into library
 * values, with one error naming the option. Shared by the CLI and the HTTP API so both read input alike.
 */
public final class Inputs {
    private Inputs() {
    }

    /** Returns the servers named by {@code ids}, or every AI server in the catalog when none is named. */
    public static List<Server> aiServers(Catalog catalog, List<String> ids) {
        List<Server> out = new ArrayList<>();
        if (ids.isEmpty()) {
            catalog.servers().stream().filter(Server::isAiServer).forEach(out::add);
            return out;
        }
        for (String id : ids) {
            var s = catalog.server(id);
            if (!s.isAiServer()) {
                throw new BadInputException("--server " + id, "has no accelerators", "expected an AI server");
            }
            out.add(s);
        }
        return out;
    }

    /** Parses a token budget such as 2T or 300B (empty when not given). */
    public static OptionalDouble tokens(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Units.count(text));
        } catch (UnitException e) {
            throw new BadInputException("--tokens", e.getMessage(), e.expected());
        }
    }

    /** Parses money such as 2.5, "2.5 USD" or "$1,000" for {@code option}. */
    public static double money(String option, String text) {
        try {
            return Units.money(text.matches("[0-9.eE+]+") ? text + " USD" : text);
        } catch (UnitException e) {
            throw new BadInputException(option, e.getMessage(), e.expected());
        }
    }

    /**
     * Range-checks the cost overrides a user may give (null: not given) and returns the assumptions with the library's
     * defaults for the rest.
     */
    public static CostAssumptions costAssumptions(Double years, Double pue, Double usdPerKwh, Double utilisation, String usdPerPort,
                                                  String usdPerGpuHour) {
        if (years != null) {
            Check.above("--years", years, 0, 100);
        }
        Check.between("--pue", pue, 1, 5);
        Check.between("--usd-per-kwh", usdPerKwh, 0, 10);
        if (utilisation != null) {
            Check.above("--utilisation", utilisation, 0, 1);
        }
        Double port = usdPerPort == null ? null : Check.between("--usd-per-port", money("--usd-per-port", usdPerPort), 0, 1e7);
        Double rent = usdPerGpuHour == null ? null : Check.between("--usd-per-gpu-hour", money("--usd-per-gpu-hour", usdPerGpuHour), 0, 1e4);
        CostAssumptions d = CostAssumptions.defaults();
        try {
            return new CostAssumptions(years != null ? years : d.amortisationYears(), pue != null ? pue : d.pue(),
                    usdPerKwh != null ? usdPerKwh : d.usdPerKwh(), utilisation != null ? utilisation : d.utilisation(),
                    port != null ? port : d.usdPerNetworkPort(), rent != null ? OptionalDouble.of(rent) : OptionalDouble.empty());
        } catch (BadInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cost options", e.getMessage(), "expected years > 0, PUE >= 1, prices >= 0, utilisation in (0, 1]");
        }
    }

    /**
     * Reads the choice of published prices: {@code priceDate} "YYYY-MM" or "YYYY" (null: the latest figures),
     * {@code basis} auto, buy or rent (null: auto), {@code currency} USD or CNY first (null: USD), on {@code book}.
     */
    public static PriceChoice priceChoice(PriceBook book, String priceDate, String basis, String currency) {
        Optional<PriceDate> at = Optional.empty();
        if (priceDate != null) {
            PriceDate d = PriceDate.parseOrNull(priceDate);
            if (d == null) {
                throw new BadInputException("--price-date " + priceDate, "is not a month",
                        String.format(Locale.ROOT, "expected YYYY-MM (or YYYY) between %d and %d, e.g. 2024-07", PriceDate.MIN_YEAR,
                                PriceDate.MAX_YEAR));
            }
            at = Optional.of(d);
        }
        PriceBasis b = basis == null ? PriceBasis.AUTO : PriceBasis.parse(basis).orElseThrow(() -> new BadInputException(
                "--price-basis " + basis, "unknown basis", "expected one of " + String.join(", ", PriceBasis.keys())));
        String c = currency == null ? "USD" : currency.toUpperCase(Locale.ROOT);
        if (!PriceChoice.CURRENCIES.contains(c)) {
            throw new BadInputException("--price-currency " + currency, "unknown currency", "expected USD or CNY");
        }
        return new PriceChoice(book, b, at, c);
    }
}
