package org.suanli.market;

import java.util.Optional;

/**
 * A series carried to a year by compound growth from a base point: value = base (1 + r)^(year -
 * base year), with r either given by the user or implied by the series' last two points.
 *
 * @param impliedBy the two points whose CAGR was used, or empty when the rate was given
 */
public record Projection(MarketSeries series, MarketPoint base, int toYear, double cagrPct,
                         Optional<CagrResult> impliedBy, double value) {
    /** Returns the years from the base point to the target year (zero when the year has a point of its own). */
    public int years() {
        return toYear - base.year();
    }

    /** Returns "implied" when the rate comes from the series' own points, "given" otherwise. */
    public String basis() {
        return impliedBy.isPresent() ? "implied" : "given";
    }
}
