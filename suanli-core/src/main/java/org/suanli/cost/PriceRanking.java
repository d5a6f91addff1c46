package org.suanli.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Says where a ranking by cost is not decided by the published prices: when the price ranges of two entries ranked next
 * to each other overlap, either could be the cheaper, and the ranking (by the middle of each range) breaks the tie only
 * nominally. Also says when a ranking mixes bought and rented prices, which are not like for like.
 */
public final class PriceRanking {
    private PriceRanking() {
    }

    /** One ranked entry: its label, the low and high ends of its cost, and the price behind it (null: none or the user's). */
    public record Entry(String label, double low, double high, PriceQuote price) {
    }

    /** Returns one note per pair of neighbours (of different labels) whose ranges overlap, then one if bases are mixed. */
    public static List<String> notes(List<Entry> ranked, String unit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < ranked.size(); i++) {
            Entry a = ranked.get(i);
            Entry b = ranked.get(i + 1);
            if (a.label().equals(b.label()) || !(a.high() > a.low() || b.high() > b.low())) {
                continue;
            }
            if (b.low() <= a.high()) {
                out.add(String.format(Locale.ROOT, "tie within the price ranges: %s (%s) and %s (%s) overlap, so either may be the cheaper; "
                        + "ranked by the middle of each range", a.label(), range(a, unit), b.label(), range(b, unit)));
            }
        }
        boolean bought = ranked.stream().anyMatch(e -> e.price() != null && e.price().basis() == PriceBasis.BUY);
        boolean rented = ranked.stream().anyMatch(e -> e.price() != null && e.price().basis() == PriceBasis.RENT);
        if (bought && rented) {
            out.add("prices mix bought servers (capital amortised + energy) and cloud rates; for like-for-like use --price-basis buy or rent");
        }
        return out;
    }

    private static String range(Entry e, String unit) {
        return money(e.low()) + "-" + money(e.high()) + unit;
    }

    private static String money(double usd) {
        return usd >= 100 ? org.suanli.units.Units.formatMoney(usd) : String.format(Locale.ROOT, "$%.3f", usd);
    }
}
