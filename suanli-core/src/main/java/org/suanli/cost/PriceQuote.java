package org.suanli.cost;

import java.util.Locale;
import java.util.Optional;

/**
 * The price a cost uses for one server type, with where it came from: bought (USD per server) or rented (USD per
 * accelerator-hour), as a range (low = high for a single figure), the published figure behind it, the exchange rate
 * used for a yuan figure, and how it was obtained ({@code how}: the server's own figure, derived from its
 * accelerator's price, or the user's catalog entry).
 */
public record PriceQuote(PriceBasis basis, double lowUsd, double highUsd, String how, Optional<PricePoint> point,
                         Optional<ExchangeRate> rate, boolean derived) {

    public PriceQuote {
        if (basis == PriceBasis.AUTO || !(lowUsd > 0) || !(highUsd >= lowUsd)) {
            throw new IllegalArgumentException("a quote is bought or rented, with 0 < low <= high");
        }
    }

    /** Returns the middle of the range, the figure costs are ranked by. */
    public double centralUsd() {
        return (lowUsd + highUsd) / 2;
    }

    /** Returns whether the quote is a range rather than one figure. */
    public boolean isRange() {
        return highUsd > lowUsd;
    }

    /** Returns the unit of the amounts: "server" when bought, "accelerator-hour" when rented. */
    public String per() {
        return basis == PriceBasis.BUY ? "server" : "accelerator-hour";
    }

    /** Returns the kind of the figure behind the quote ("catalog" for the user's own entry). */
    public String kind() {
        return point.map(p -> p.kind().key()).orElse(PriceKind.CATALOG.key());
    }

    /** Returns the figure's date, or "undated". */
    public String date() {
        return point.map(PricePoint::dateText).orElse("undated");
    }

    /** Returns the amount as text: "$268,495" or "$170,000-$195,000" for a server, "$2.99" for an hour. */
    public String amountText() {
        return basis == PriceBasis.BUY ? money(lowUsd) + (isRange() ? "-" + money(highUsd) : "")
                : hourly(lowUsd) + (isRange() ? "-" + hourly(highUsd) : "");
    }

    /** Returns one line saying what the price is and where it came from, for reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(amountText()).append(basis == PriceBasis.BUY ? " per server" : " per accelerator-hour").append(" (")
                .append(derived ? "derived" : kind()).append(", ").append(date());
        rate.ifPresent(r -> point.ifPresent(p -> sb.append(String.format(Locale.ROOT, ", CNY %s at %s per USD (%s)", cny(p), r.cnyPerUsd(),
                r.date()))));
        sb.append("): ").append(how);
        return sb.toString();
    }

    private static String cny(PricePoint p) {
        return String.format(Locale.ROOT, "%,.0f", p.amount()) + (p.amountHigh().isPresent()
                ? String.format(Locale.ROOT, "-%,.0f", p.amountHigh().getAsDouble()) : "");
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "$%,.0f", usd);
    }

    private static String hourly(double usd) {
        return String.format(Locale.ROOT, "$%.3f", usd);
    }
}
