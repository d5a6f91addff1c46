package org.suanli.market;

import java.util.Locale;
import org.suanli.BadInputException;

/** Whether a market figure was measured (an actual) or predicted by its source (a forecast). */
public enum PointKind {
    ACTUAL, FORECAST;

    /** Returns the lower-case name used in the dataset and in JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PointKind of(String key, String where) {
        for (PointKind k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        throw new BadInputException(where, "kind '" + key + "' is not a point kind", "expected actual or forecast");
    }
}
