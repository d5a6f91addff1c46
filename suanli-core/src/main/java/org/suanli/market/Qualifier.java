package org.suanli.market;

import java.util.Locale;
import org.suanli.BadInputException;

/**
 * How the seed hedges a figure: exact, about ("约", "近") or more than ("超过"). Kept so that
 * "over 20%" is never read back as exactly 20%.
 */
public enum Qualifier {
    EXACT(""), APPROX("~"), GT(">");

    private final String symbol;

    Qualifier(String symbol) {
        this.symbol = symbol;
    }

    /** Returns the prefix shown before the number: "", "~" or ">". */
    public String symbol() {
        return symbol;
    }

    /** Returns the lower-case name used in the dataset and in JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Qualifier of(String key, String where) {
        for (Qualifier q : values()) {
            if (q.key().equals(key)) {
                return q;
            }
        }
        throw new BadInputException(where, "qualifier '" + key + "' is unknown", "expected exact, approx or gt");
    }
}
