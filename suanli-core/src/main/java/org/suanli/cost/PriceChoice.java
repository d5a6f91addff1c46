package org.suanli.cost;

import java.util.Optional;

/**
 * Which published price a cost uses: from which book, bought or rented, the figure nearest to which month (empty: the
 * latest), and in which currency first ({@code currency}: a figure in it wins over one in the other, so "USD" prices
 * a DGX H100 at a US estimate rather than at China's grey-market price, and "CNY" the reverse). Every cost answer names
 * the figure it picked, so the choice is never hidden.
 */
public record PriceChoice(PriceBook book, PriceBasis basis, Optional<PriceDate> asOf, String currency) {
    /** The currencies prices are published in. */
    public static final java.util.List<String> CURRENCIES = java.util.List.of("USD", "CNY");

    public PriceChoice {
        if (!CURRENCIES.contains(currency)) {
            throw new IllegalArgumentException("currency must be USD or CNY");
        }
    }

    /** Returns the built-in book, buying where a purchase price is known, at the latest figures, US dollars first. */
    public static PriceChoice defaults() {
        return new PriceChoice(PriceBook.builtIn(), PriceBasis.AUTO, Optional.empty(), "USD");
    }
}
