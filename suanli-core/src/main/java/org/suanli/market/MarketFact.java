package org.suanli.market;

import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * A single market share or split the seed states as a percentage (e.g. inference was about 55.5% of
 * China's AI-server workload in 2021), with how it is hedged, its period and its source.
 */
public record MarketFact(String id, String name, double valuePct, Qualifier qualifier, String period, PointKind kind,
                         String region, String source, String asPrinted, String note) {
    public MarketFact {
        String where = "market fact '" + id + "'";
        if (id == null || id.isBlank()) {
            throw new BadInputException("market fact", "id is missing", "expected a kebab-case id");
        }
        if (!(valuePct >= 0 && valuePct <= 100)) {
            throw new BadInputException(where, "value_pct " + Units.num(valuePct) + " is not a percentage", "expected 0 to 100");
        }
        if (qualifier == null || kind == null || period == null || period.isBlank()) {
            throw new BadInputException(where, "qualifier, kind or period is missing", "expected all three");
        }
        if (source == null || source.isBlank()) {
            throw new BadInputException(where, "source is missing", "expected the seed's source line");
        }
    }

    /** Returns the value as the seed hedges it, e.g. "~55.5%" or ">20%". */
    public String display() {
        return qualifier.symbol() + Units.num(valuePct) + "%";
    }
}
