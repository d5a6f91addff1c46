package org.suanli.cost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Fields;
import org.suanli.catalog.Node;
import org.suanli.catalog.TreeReader;

/**
 * Every published price of the catalog's servers, racks and accelerators, with the exchange rates to turn yuan into
 * dollars, and for each id without a price what was searched. Built in from {@code prices/prices.yaml}; a user's file
 * of the same shape adds rows ({@link #plus}).
 */
public record PriceBook(List<PricePoint> prices, List<ExchangeRate> rates, Map<String, String> noPublicPrice) {
    private static final String BUILT_IN = "prices/prices.yaml";
    private static volatile PriceBook builtIn;

    public PriceBook {
        prices = List.copyOf(prices);
        rates = rates.stream().sorted(Comparator.comparing(ExchangeRate::date)).toList();
        noPublicPrice = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(noPublicPrice));
    }

    /** Returns the built-in price book. */
    public static PriceBook builtIn() {
        PriceBook b = builtIn;
        if (b == null) {
            synchronized (PriceBook.class) {
                if (builtIn == null) {
                    builtIn = read(TreeReader.readResource("/" + BUILT_IN, BUILT_IN));
                }
                b = builtIn;
            }
        }
        return b;
    }

    /** Reads a price file of the built-in shape; a bad row fails with one line naming its place. */
    public static PriceBook read(Path file) {
        return read(TreeReader.read(file));
    }

    /** Returns this book with {@code more}'s rows and rates added (a user's prices next to the built-in ones). */
    public PriceBook plus(PriceBook more) {
        List<PricePoint> p = new ArrayList<>(prices);
        p.addAll(more.prices);
        List<ExchangeRate> r = new ArrayList<>(rates);
        r.addAll(more.rates);
        Map<String, String> none = new LinkedHashMap<>(noPublicPrice);
        more.prices.forEach(x -> none.remove(x.id()));
        more.noPublicPrice.forEach(none::putIfAbsent);
        return new PriceBook(p, r, none);
    }

    /** Returns the rows of {@code id}, in file order. */
    public List<PricePoint> of(String id) {
        return prices.stream().filter(p -> p.id().equals(id)).toList();
    }

    /** Returns what was searched for {@code id} when no public price was found. */
    public Optional<String> searched(String id) {
        return Optional.ofNullable(noPublicPrice.get(id));
    }

    /** Returns the exchange rate nearest to {@code date} (the later one on a tie), or empty when the book has none. */
    public Optional<ExchangeRate> rateNear(PriceDate date) {
        ExchangeRate best = null;
        for (ExchangeRate r : rates) {
            if (best == null || r.date().distance(date) <= best.date().distance(date)) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the latest exchange rate, for an undated figure, or empty when the book has none. */
    public Optional<ExchangeRate> latestRate() {
        return rates.isEmpty() ? Optional.empty() : Optional.of(rates.get(rates.size() - 1));
    }

    static PriceBook read(Node root) {
        Fields top = Fields.of(root, "a price file");
        List<ExchangeRate> rates = new ArrayList<>();
        List<PricePoint> prices = new ArrayList<>();
        Map<String, String> none = new LinkedHashMap<>();
        for (Node n : top.list("fx").orElse(List.of())) {
            Fields f = Fields.of(n, "an fx entry", "fx.");
            PriceDate d = date(f, "date").orElseThrow(() -> f.missingField("date", "expected \"YYYY-MM\" or \"YYYY\""));
            double rate = f.number("cny_per_usd").orElseThrow(() -> f.missingField("cny_per_usd", "expected yuan per dollar, e.g. 7.18"));
            if (!(rate > 0 && rate < 100)) {
                throw f.fieldError("cny_per_usd", "is " + rate, "expected yuan per US dollar, above 0 and below 100");
            }
            rates.add(new ExchangeRate(d, rate, f.requireString("source"), f.requireString("quote"), f.stringOr("note", "")));
            f.finish();
        }
        for (Node n : top.list("prices").orElseThrow(() -> top.missingField("prices", "expected a list of price rows"))) {
            Fields f = Fields.of(n, "a price row", "prices.");
            String id = f.requireId("id");
            if (f.has("no_public_price")) {
                none.put(id, f.requireString("no_public_price"));
                f.finish();
                continue;
            }
            prices.add(row(f, id));
            f.finish();
        }
        top.finish();
        for (PricePoint p : prices) {
            none.remove(p.id());
        }
        return new PriceBook(prices, rates, none);
    }

    private static PricePoint row(Fields f, String id) {
        PriceKind kind = PriceKind.parse(f.requireString("kind")).filter(k -> k != PriceKind.CATALOG)
                .orElseThrow(() -> f.fieldError("kind", "unknown kind", "expected one of " + String.join(", ", PriceKind.keys())));
        double amount = f.number("amount").orElseThrow(() -> f.missingField("amount", "expected the figure as printed, e.g. 268495"));
        if (!(amount > 0)) {
            throw f.fieldError("amount", "is " + amount, "expected an amount above 0");
        }
        OptionalDouble high = f.number("amount_high");
        if (high.isPresent() && !(high.getAsDouble() >= amount)) {
            throw f.fieldError("amount_high", "is below amount", "expected the upper end of the range, at least " + amount);
        }
        String currency = f.requireString("currency");
        if (!currency.equals("USD") && !currency.equals("CNY")) {
            throw f.fieldError("currency", "'" + currency + "' is not known", "expected USD or CNY");
        }
        PricePer per = PricePer.parse(f.requireString("per"))
                .orElseThrow(() -> f.fieldError("per", "unknown unit", "expected one of " + String.join(", ", PricePer.keys())));
        int count = f.integer("count", 1, 1_000_000).orElse(1);
        if (per.counted() && !f.has("count")) {
            throw f.missingField("count", "expected how many " + (per == PricePer.BATCH ? "servers" : "accelerators") + " the "
                    + per.key() + " price covers");
        }
        Optional<PriceDate> date = f.requireString("date").equals("undated") ? Optional.empty() : date(f, "date");
        Optional<String> standing = f.choice("standing", List.of("low"));
        return new PricePoint(id, kind, amount, high, currency, per, count, date, standing.isPresent(), f.requireString("source"),
                f.requireString("quote"), f.stringOr("note", ""));
    }

    private static Optional<PriceDate> date(Fields f, String key) {
        Optional<String> text = f.string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        PriceDate d = PriceDate.parseOrNull(text.get());
        if (d == null) {
            throw f.fieldError(key, "'" + text.get() + "' is not a date", String.format(Locale.ROOT,
                    "expected \"YYYY-MM\" or \"YYYY\" between %d and %d, or undated", PriceDate.MIN_YEAR, PriceDate.MAX_YEAR));
        }
        return Optional.of(d);
    }
}
