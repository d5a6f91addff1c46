package org.suanli.market;

import java.util.OptionalDouble;

/**
 * The growth of one series between two of its points: the endpoints, the CAGR computed from them
 * in %, and the CAGR the source states for the same span, if it states one.
 */
public record CagrResult(MarketSeries series, MarketPoint from, MarketPoint to, double cagrPct, OptionalDouble statedCagrPct) {
    /** Returns the whole years between the endpoints. */
    public int years() {
        return to.year() - from.year();
    }

    /** Returns end / start, the growth multiple over the span. */
    public double ratio() {
        return to.value() / from.value();
    }

    /** Returns computed minus stated CAGR in percentage points, if the source states one for this span. */
    public OptionalDouble differencePp() {
        return statedCagrPct.isPresent() ? OptionalDouble.of(cagrPct - statedCagrPct.getAsDouble()) : OptionalDouble.empty();
    }
}
