package org.suanli.market;

import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * One market figure reported after the seed (built-in: {@code market/actuals.yaml}): the series it belongs to, its year
 * (and period where that is not the calendar year), value and unit, how the source hedges it, whether it is an actual, an
 * estimate or a forecast, whose figure it is and how that provider defines it, when it was published, and the page it was
 * read from with a verbatim quote. Figures of different providers are kept apart, never merged.
 *
 * @param partOfYear true when the figure covers only part of its year (H1, Q1-Q3), so it is never set against a yearly one
 * @param valueHigh  the top of a range, where the source gives a range
 */
public record ReportedFigure(String series, int year, String period, boolean partOfYear, double value, OptionalDouble valueHigh,
                             String unit, Qualifier qualifier, FigureKind kind, String provider, String attribution, String scope,
                             String published, String source, String reprintOf, String quote, String asPrinted, String note) {
    /** The units a reported figure may be in. */
    public static final Set<String> UNITS = Set.of("USD", "CNY", "units", "pct", "wafers_per_month");
    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    public ReportedFigure {
        String where = "reported figure " + series + " " + year;
        if (series == null || series.isBlank()) {
            throw new BadInputException("reported figure", "series is missing", "expected a series id");
        }
        if (year < 1900 || year > 2100) {
            throw new BadInputException(where, "year is out of range", "expected a year from 1900 to 2100");
        }
        if (!UNITS.contains(unit)) {
            throw new BadInputException(where, "unit '" + unit + "' is unknown", "expected one of USD, CNY, units, pct, wafers_per_month");
        }
        if (!Double.isFinite(value) || (!unit.equals("pct") && !(value > 0))) {
            throw new BadInputException(where, "value " + Units.num(value) + " is not a positive amount", "expected a positive amount");
        }
        valueHigh = valueHigh == null ? OptionalDouble.empty() : valueHigh;
        if (valueHigh.isPresent() && !(valueHigh.getAsDouble() >= value)) {
            throw new BadInputException(where, "value_high is below value", "expected a range low to high");
        }
        if (qualifier == null || kind == null) {
            throw new BadInputException(where, "qualifier or kind is missing", "expected both");
        }
        for (String[] f : new String[][] {{"provider", provider}, {"scope", scope}, {"source", source}, {"quote", quote},
                {"published", published}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new BadInputException(where, f[0] + " is missing", "expected every reported figure to say whose it is, how it "
                        + "is defined, when it was published, where it was read and the source's own words");
            }
        }
        if (!DATE.matcher(published).matches()) {
            throw new BadInputException(where, "published '" + published + "' is not a date", "expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            throw new BadInputException(where, "source '" + source + "' is not a url", "expected the url of the page read");
        }
        period = period == null ? "" : period;
        attribution = attribution == null ? provider : attribution;
        reprintOf = reprintOf == null ? "" : reprintOf;
        asPrinted = asPrinted == null ? "" : asPrinted;
        note = note == null ? "" : note;
    }

    /** Returns the year, or the period where the source states one (e.g. "H1 2024"). */
    public String when() {
        return period.isEmpty() ? String.valueOf(year) : period;
    }
}
