package org.suanli.cost;

/** Yuan per US dollar at a date, as a source states or implies it (prices.yaml {@code fx}). */
public record ExchangeRate(PriceDate date, double cnyPerUsd, String source, String quote, String note) {
    public ExchangeRate {
        if (!(cnyPerUsd > 0)) {
            throw new IllegalArgumentException("exchange rate must be above 0");
        }
    }
}
