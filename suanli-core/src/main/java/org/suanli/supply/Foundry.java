package org.suanli.supply;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog's free-text {@code process} field of an accelerator ("TSMC 4N", "SMIC 7nm-class (N+2)", "7nm") split into
 * the foundry, when the text names one, and the node, with the node's nominal size in nm where it can be read (TSMC's
 * N4-family names "4N"/"4NP" are 4, "N3P" is 3, "N7+" is 7). Nothing is guessed: "7nm" alone has no foundry.
 */
public record Foundry(Optional<String> foundry, String node, OptionalDouble nodeNm) {
    private static final String[] KNOWN = {"TSMC", "SMIC", "GlobalFoundries", "Samsung", "Intel"};
    private static final Pattern NM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*nm", Pattern.CASE_INSENSITIVE);
    private static final Pattern TSMC_NAME = Pattern.compile("^N?(\\d+)(?:N|NP|P|\\+)?\\b", Pattern.CASE_INSENSITIVE);

    /** Parses {@code process}; an empty or absent process gives no foundry and node "not published". */
    public static Foundry parse(Optional<String> process) {
        if (process.isEmpty() || process.get().isBlank()) {
            return new Foundry(Optional.empty(), "not published", OptionalDouble.empty());
        }
        String p = process.get().trim();
        Optional<String> foundry = Optional.empty();
        String rest = p;
        for (String f : KNOWN) {
            if (p.toLowerCase(Locale.ROOT).startsWith(f.toLowerCase(Locale.ROOT) + " ")) {
                foundry = Optional.of(f);
                rest = p.substring(f.length()).trim();
                break;
            }
        }
        Matcher nm = NM.matcher(rest);
        OptionalDouble size = OptionalDouble.empty();
        if (nm.find()) {
            size = OptionalDouble.of(Double.parseDouble(nm.group(1)));
        } else {
            Matcher name = TSMC_NAME.matcher(rest);
            if (name.find()) {
                size = OptionalDouble.of(Double.parseDouble(name.group(1)));
            }
        }
        return new Foundry(foundry, rest, size);
    }
}
