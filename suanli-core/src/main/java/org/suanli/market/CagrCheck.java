package org.suanli.market;

/**
 * A stated CAGR set against its own endpoints: the rate recomputed as (end/start)^(1/years) - 1,
 * the difference in percentage points, and the end value the stated rate would give. Sources round
 * their rates and amounts, so a stated CAGR within {@link #TOLERANCE_PP} of the computed one is
 * called consistent.
 */
public record CagrCheck(MarketSeries series, StatedCagr stated, CagrResult computed, double endAtStatedRate) {
    /** Percentage points within which a stated CAGR counts as consistent with its endpoints. */
    public static final double TOLERANCE_PP = 0.5;

    /** Returns computed minus stated CAGR, in percentage points. */
    public double differencePp() {
        return computed.cagrPct() - stated.pct();
    }

    /** Returns whether the stated CAGR is within {@link #TOLERANCE_PP} of the computed one. */
    public boolean consistent() {
        return Math.abs(differencePp()) <= TOLERANCE_PP;
    }

    /** Returns "consistent" or "inconsistent". */
    public String verdict() {
        return consistent() ? "consistent" : "inconsistent";
    }
}
