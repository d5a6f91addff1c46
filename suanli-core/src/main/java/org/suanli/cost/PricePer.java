package org.suanli.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one price figure pays for (prices.yaml {@code per}): a whole server (a rack or pod entry counts as one), one
 * accelerator card or module, a vendor kit or a batch of {@code count} accelerators or servers, or an hour of one
 * accelerator or of a cloud instance with {@code count} accelerators.
 */
public enum PricePer {
    SERVER("server", false), ACCELERATOR("accelerator", false), KIT("kit", false), BATCH("batch", false),
    ACCELERATOR_HOUR("accelerator-hour", true), INSTANCE_HOUR("instance-hour", true);

    private final String key;
    private final boolean hourly;

    PricePer(String key, boolean hourly) {
        this.key = key;
        this.hourly = hourly;
    }

    /** Returns the word used in prices.yaml, e.g. "instance-hour". */
    public String key() {
        return key;
    }

    /** Returns whether the figure is a rate per hour. */
    public boolean hourly() {
        return hourly;
    }

    /** Returns whether a figure of this unit needs a {@code count} (kit, batch, instance-hour). */
    public boolean counted() {
        return this == KIT || this == BATCH || this == INSTANCE_HOUR;
    }

    /** Returns the unit spelled {@code key}, if any. */
    public static Optional<PricePer> parse(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** Returns the words prices.yaml accepts. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(PricePer::key).toList();
    }
}
