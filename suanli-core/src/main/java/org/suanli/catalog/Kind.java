package org.suanli.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of catalog entry, in the order they are built (later kinds refer to earlier ones). */
public enum Kind {
    LINK("links"), FABRIC("fabrics"), CPU("cpus"), FRAMEWORK("frameworks"), RUNTIME("runtimes"), EFFICIENCY("efficiencies"), ACCELERATOR("accelerators"), SERVER("servers"), MODEL("models");

    private final String key;

    Kind(String key) {
        this.key = key;
    }

    /** Returns the top-level key of a catalog file, e.g. "accelerators". */
    public String key() {
        return key;
    }

    /** Returns the singular word used on the command line, e.g. "accelerator". */
    public String singular() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the kind for a top-level key ("accelerators") or a singular word ("accelerator"). */
    public static Optional<Kind> parse(String word) {
        return Arrays.stream(values())
                .filter(k -> k.key.equalsIgnoreCase(word) || k.singular().equalsIgnoreCase(word))
                .findFirst();
    }
}
