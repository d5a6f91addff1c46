package org.suanli.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a machine is paid for: bought (capital amortised, plus energy) or rented by the accelerator-hour (energy
 * included in the rate). {@code AUTO} buys where a purchase price is known and rents otherwise.
 */
public enum PriceBasis {
    AUTO, BUY, RENT;

    /** Returns the word used on the command line and in JSON, e.g. "buy". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the basis spelled {@code key}, if any. */
    public static Optional<PriceBasis> parse(String key) {
        return Arrays.stream(values()).filter(b -> b.key().equals(key)).findFirst();
    }

    /** Returns the accepted words. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(PriceBasis::key).toList();
    }
}
