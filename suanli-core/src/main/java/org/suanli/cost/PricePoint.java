package org.suanli.cost;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One published price of a catalog id (a row of prices.yaml): how much, in which currency, for what (a server, an
 * accelerator, a kit, a batch, an hour), of what kind, when, and where it was read. {@code amountHigh} is present
 * where the source gives a range. An undated figure has an empty date. {@code lowStanding} marks a page of low
 * standing (content farm, unsourced blog), used only when nothing better exists.
 */
public record PricePoint(String id, PriceKind kind, double amount, OptionalDouble amountHigh, String currency, PricePer per,
                         int count, Optional<PriceDate> date, boolean lowStanding, String source, String quote, String note) {

    public PricePoint {
        if (!(amount > 0) || amountHigh.isPresent() && !(amountHigh.getAsDouble() >= amount) || count < 1) {
            throw new IllegalArgumentException("price of " + id + ": amount > 0, amount_high >= amount, count >= 1");
        }
    }

    /** Returns the upper end of the figure: {@code amountHigh}, or the amount itself when no range is given. */
    public double high() {
        return amountHigh.orElse(amount);
    }

    /** Returns the date as text, or "undated". */
    public String dateText() {
        return date.map(PriceDate::toString).orElse("undated");
    }
}
