package org.suanli.market;

import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * One figure of a market series: its year, its value in the series' unit (USD or units), whether
 * it is an actual or a forecast, and the year-on-year growth in % where the source states one.
 */
public record MarketPoint(int year, double value, PointKind kind, OptionalDouble yoyPct) {
    public MarketPoint {
        if (year < 1900 || year > 2100) {
            throw new BadInputException("point year " + year, "year is out of range", "expected a year from 1900 to 2100");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new BadInputException("point " + year, "value " + Units.num(value) + " is not positive", "expected a positive amount");
        }
        if (kind == null) {
            throw new BadInputException("point " + year, "kind is missing", "expected actual or forecast");
        }
        if (yoyPct == null) {
            yoyPct = OptionalDouble.empty();
        }
    }
}
