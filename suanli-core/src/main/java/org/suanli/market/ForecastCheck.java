package org.suanli.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One of the seed's forecasts set against what was reported since ({@code suanli market check --forecast}). For a series,
 * the seed's path is compound growth between its endpoints, the last actual point before the forecast and the forecast:
 * rate r = (end / start)^(1 / years) - 1 (the standard CAGR, {@link Cagr#between}), value in year y = start (1 + r)^(y -
 * start year), so it meets both endpoints and gives a forecast for the year of every later figure. For a percentage fact
 * there is no path: only a figure of the forecast's own year is compared. Each comparison gives the error, (forecast -
 * reported) / reported x 100, and the forecast's direction against the figure (below, above, met within
 * {@link #MET_WITHIN_PCT} %). A figure is comparable when its provider is one the seed names in the forecast's source
 * line (the same provider's scope) and it is an actual or estimate; other figures are shown, labelled, never merged.
 *
 * @param comparisons every later full-year figure of the series set against the forecast, by year
 * @param skipped     later figures not compared, each with why (part of a year, another year than a fact's forecast)
 * @param searched    what was searched for when no comparable actual was found (from the dataset's seed_forecasts)
 * @param caveat      a caveat on the comparison, from the same place
 */
public record ForecastCheck(SeedForecast forecast, List<Comparison> comparisons, List<Skipped> skipped, Optional<String> searched,
                            Optional<String> caveat) {
    /**
     * Within this many % of the reported figure a forecast counts as met. Our convention, not a source's: the seed's and
     * the providers' figures are rounded to three or four digits, and 5% separates "about right" from a miss.
     */
    public static final double MET_WITHIN_PCT = 5;

    /** How the forecast stands against a later figure. */
    public enum Direction {
        /** The forecast was lower than the figure reported. */
        BELOW,
        /** The forecast was higher than the figure reported. */
        ABOVE,
        /** Within {@link #MET_WITHIN_PCT} % of it, or a forecast lower bound ("more than 20%") that the figure reaches. */
        MET,
        /** The reported figure is a lower bound ("exceed $187 billion") at or below the forecast: it cannot tell. */
        UNDETERMINED;

        /** Returns the lower-case name used in output. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A forecast of the seed: for a series, its path from {@code startYear}/{@code startValue} (the last actual before
     * the forecast) to the forecast {@code year}/{@code value}; for a fact ({@code fact} true), the forecast alone.
     */
    public record SeedForecast(String series, String name, String unit, String region, String source, boolean fact,
                               OptionalInt startYear, OptionalDouble startValue, int year, double value, Qualifier qualifier) {
        /** Returns the CAGR of the path in %, (end / start)^(1 / years) - 1; empty for a fact. */
        public OptionalDouble pathCagrPct() {
            return fact ? OptionalDouble.empty()
                    : OptionalDouble.of(100 * Cagr.between(startValue.getAsDouble(), value, year - startYear.getAsInt()));
        }

        /** Returns the path's value in {@code y}: start (1 + r)^(y - start year); a fact's forecast only in its own year. */
        public double valueIn(int y) {
            if (fact) {
                return value;
            }
            return Cagr.compound(startValue.getAsDouble(), pathCagrPct().getAsDouble() / 100, y - startYear.getAsInt());
        }

        /** Returns whether {@code y} lies between the path's endpoints (else the path is extended beyond them). */
        public boolean within(int y) {
            return fact ? y == year : y >= startYear.getAsInt() && y <= year;
        }

        /** Returns the providers the seed names in its source line ("IDC, 中泰证券研究所" names IDC and 中泰证券研究所). */
        public List<String> sourceNames() {
            return ForecastCheck.sourceNames(source);
        }
    }

    /**
     * The seed's forecast for the year of a later figure against that figure.
     *
     * @param forecastValue the seed's path in the figure's year (the forecast itself for a fact)
     * @param errorPct      (forecast - reported) / reported x 100, against the reported value (the low end of a range)
     * @param errorBound    exact, approx (the figure is "about"), or at_most (the figure is a lower bound, so the forecast
     *                      was at least this far below it)
     * @param scopeMatch    whether the figure's provider is one the seed's source line names
     * @param comparable    scope matches and the figure is an actual or an estimate, not a later forecast
     */
    public record Comparison(ReportedFigure reported, double forecastValue, boolean onPath, double errorPct, String errorBound,
                             Direction direction, boolean scopeMatch, boolean comparable) {
    }

    /** A later figure of the series not compared, and why. */
    public record Skipped(ReportedFigure reported, String reason) {
    }

    /** Returns the names in a source line, split at commas, 、 and semicolons: "IDC, 中泰证券研究所" names IDC and 中泰证券研究所. */
    public static List<String> sourceNames(String source) {
        return Arrays.stream(source.split("[,、，;]")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    /** Returns whether some later figure is comparable: same provider's scope, an actual or estimate. */
    public boolean hasComparableActual() {
        return comparisons.stream().anyMatch(Comparison::comparable);
    }

    /** Returns every forecast of the seed (forecast points of its series, forecast facts) against later figures. */
    public static List<ForecastCheck> all(MarketData data) {
        List<ForecastCheck> out = new ArrayList<>();
        for (MarketSeries s : data.series()) {
            MarketPoint start = null;
            for (MarketPoint p : s.points()) {
                if (p.kind() == PointKind.ACTUAL) {
                    start = p;
                } else if (start != null) {
                    out.add(check(data, new SeedForecast(s.id(), s.name(), s.unit(), s.region(), s.source(), false,
                            OptionalInt.of(start.year()), OptionalDouble.of(start.value()), p.year(), p.value(), Qualifier.EXACT)));
                }
            }
        }
        for (MarketFact f : data.facts()) {
            if (f.kind() == PointKind.FORECAST && f.period().matches("\\d{4}")) {
                out.add(check(data, new SeedForecast(f.id(), f.name(), "pct", f.region(), f.source(), true, OptionalInt.empty(),
                        OptionalDouble.empty(), Integer.parseInt(f.period()), f.valuePct(), f.qualifier())));
            }
        }
        return out;
    }

    private static ForecastCheck check(MarketData data, SeedForecast f) {
        List<Comparison> comparisons = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (ReportedFigure r : data.reportedFor(f.series())) {
            if (r.partOfYear()) {
                skipped.add(new Skipped(r, "covers part of a year (" + r.when() + "), not comparable with a yearly figure"));
            } else if (f.fact() && r.year() != f.year()) {
                skipped.add(new Skipped(r, "a figure for " + r.year() + ", not the forecast's year " + f.year()));
            } else {
                comparisons.add(compare(f, r));
            }
        }
        Optional<SeedForecastNote> note = data.seedForecastNote(f.series());
        return new ForecastCheck(f, comparisons, skipped, note.flatMap(SeedForecastNote::searched), note.flatMap(SeedForecastNote::caveat));
    }

    static Comparison compare(SeedForecast f, ReportedFigure r) {
        double forecast = f.valueIn(r.year());
        double reported = r.value();
        double error = (forecast - reported) / reported * 100;
        Direction d;
        String bound = r.qualifier() == Qualifier.APPROX ? "approx" : "exact";
        if (f.qualifier() == Qualifier.GT && reported >= forecast) {
            d = Direction.MET; // "more than 20%" holds when the figure is at least 20%
        } else if (r.qualifier() == Qualifier.GT) {
            // the true figure exceeds the value printed: a forecast below that value is below it by at least this much
            d = forecast < reported ? Direction.BELOW : Direction.UNDETERMINED;
            bound = "at_most";
        } else if (Math.abs(error) <= MET_WITHIN_PCT) {
            d = Direction.MET;
        } else {
            d = forecast < reported ? Direction.BELOW : Direction.ABOVE;
        }
        boolean scope = f.sourceNames().contains(r.provider());
        return new Comparison(r, forecast, f.within(r.year()), error, bound, d, scope, scope && r.kind() != FigureKind.FORECAST);
    }
}
