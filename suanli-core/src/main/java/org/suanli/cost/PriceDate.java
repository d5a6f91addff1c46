package org.suanli.cost;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The month (or only the year) a price figure or exchange rate was reported: "2024-07" or "2024". A year alone is
 * placed at its middle when distances are measured, so "2024" is as near to 2024-01 as to 2024-12.
 */
public record PriceDate(int year, OptionalInt month) implements Comparable<PriceDate> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2}))?");
    /** The years a price may carry. */
    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;

    public PriceDate {
        if (year < MIN_YEAR || year > MAX_YEAR || month.isPresent() && (month.getAsInt() < 1 || month.getAsInt() > 12)) {
            throw new IllegalArgumentException("price date out of range: " + year + "-" + month);
        }
    }

    /** Parses "YYYY-MM" or "YYYY"; returns null when {@code text} has neither form or is out of range. */
    public static PriceDate parseOrNull(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int y = Integer.parseInt(m.group(1));
        OptionalInt mo = m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
        if (y < MIN_YEAR || y > MAX_YEAR || mo.isPresent() && (mo.getAsInt() < 1 || mo.getAsInt() > 12)) {
            return null;
        }
        return new PriceDate(y, mo);
    }

    /** Returns the date as a fractional year: the middle of its month, or of its year when no month is given. */
    public double position() {
        return month.isPresent() ? year + (month.getAsInt() - 0.5) / 12 : year + 0.5;
    }

    /** Returns the distance in years between two dates. */
    public double distance(PriceDate other) {
        return Math.abs(position() - other.position());
    }

    @Override
    public int compareTo(PriceDate o) {
        return Double.compare(position(), o.position());
    }

    @Override
    public String toString() {
        return month.isPresent() ? String.format(Locale.ROOT, "%04d-%02d", year, month.getAsInt()) : String.valueOf(year);
    }
}
