package org.suanli.market;

import java.util.Locale;
import org.suanli.BadInputException;

/**
 * What a figure reported after the seed is: an actual (the provider's count of what happened), an estimate (an analyst's
 * estimate of what happened) or a forecast (a prediction the provider made at the time it published). Kept so that a
 * mid-year forecast is never read back as an actual.
 */
public enum FigureKind {
    ACTUAL, ESTIMATE, FORECAST;

    /** Returns the lower-case name used in the dataset and in JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the weaker of two kinds (forecast is weaker than estimate, estimate than actual). */
    public static FigureKind weaker(FigureKind a, FigureKind b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    static FigureKind of(String key, String where) {
        for (FigureKind k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        throw new BadInputException(where, "kind '" + key + "' is not a figure kind", "expected actual, estimate or forecast");
    }
}
