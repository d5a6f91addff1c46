package org.suanli.market;

import org.suanli.BadInputException;

/** A compound annual growth rate as a source prints it, in %, with the years it spans. */
public record StatedCagr(double pct, int fromYear, int toYear) {
    public StatedCagr {
        if (!(toYear > fromYear)) {
            throw new BadInputException("stated CAGR " + fromYear + "-" + toYear, "the span does not run forward",
                    "expected a start year before the end year");
        }
        if (!(pct > -100) || Double.isInfinite(pct)) {
            throw new BadInputException("stated CAGR " + pct + "%", "a rate of -100% or less is impossible", "expected a CAGR above -100%");
        }
    }

    /** Returns the whole years the rate spans. */
    public int years() {
        return toYear - fromYear;
    }
}
