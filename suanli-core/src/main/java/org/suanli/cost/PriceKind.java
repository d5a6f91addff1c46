package org.suanli.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a price figure is (prices.yaml {@code kind}): a vendor's list price, a street or grey-market price reported in
 * the news, a public tender result, an analyst's estimate, a cloud rate on demand or reserved, or a price the user's
 * own catalog entry gives. The first five buy a machine; the cloud kinds rent one by the hour.
 */
public enum PriceKind {
    CATALOG("catalog"), LIST("list"), TENDER("tender"), STREET("street"), ESTIMATE("estimate"),
    CLOUD_ON_DEMAND("cloud-on-demand"), CLOUD_RESERVED("cloud-reserved");

    private final String key;

    PriceKind(String key) {
        this.key = key;
    }

    /** Returns the word used in prices.yaml and in reports, e.g. "cloud-on-demand". */
    public String key() {
        return key;
    }

    /** Returns whether the figure buys the machine (as opposed to renting it by the hour). */
    public boolean purchase() {
        return this != CLOUD_ON_DEMAND && this != CLOUD_RESERVED;
    }

    /** Returns the kind spelled {@code key}, if any. */
    public static Optional<PriceKind> parse(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Returns the words prices.yaml accepts (the user-catalog kind excepted). */
    public static List<String> keys() {
        return Arrays.stream(values()).filter(k -> k != CATALOG).map(PriceKind::key).toList();
    }
}
