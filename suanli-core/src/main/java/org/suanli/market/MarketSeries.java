package org.suanli.market;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.suanli.BadInputException;

/**
 * A market quantity over time as one source gives it (e.g. Statista's global AI-server market in
 * USD): points in ascending years, the CAGR the source states where it states one, the source line
 * and the seed's own words.
 */
public record MarketSeries(String id, String name, String unit, String region, List<MarketPoint> points,
                           Optional<StatedCagr> statedCagr, String source, String asPrinted, String note) {
    /** The units a series may be in: US dollars (full amounts) or a count of units. */
    public static final Set<String> UNITS = Set.of("USD", "units");

    public MarketSeries {
        String where = "market series '" + id + "'";
        if (id == null || id.isBlank()) {
            throw new BadInputException("market series", "id is missing", "expected a kebab-case id");
        }
        if (!UNITS.contains(unit)) {
            throw new BadInputException(where, "unit '" + unit + "' is unknown", "expected USD or units");
        }
        if (points == null || points.isEmpty()) {
            throw new BadInputException(where, "has no points", "expected at least one {year, value, kind}");
        }
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).year() <= points.get(i - 1).year()) {
                throw new BadInputException(where, "year " + points.get(i).year() + " does not follow " + points.get(i - 1).year(),
                        "expected points in strictly ascending years");
            }
        }
        statedCagr = statedCagr == null ? Optional.empty() : statedCagr;
        if (statedCagr.isPresent()) {
            StatedCagr c = statedCagr.get();
            List<Integer> years = points.stream().map(MarketPoint::year).toList();
            if (!years.contains(c.fromYear()) || !years.contains(c.toYear())) {
                throw new BadInputException(where, "stated CAGR spans " + c.fromYear() + "-" + c.toYear()
                        + " but the series lacks an endpoint", "expected points for both years");
            }
        }
        if (source == null || source.isBlank()) {
            throw new BadInputException(where, "source is missing", "expected the seed's source line");
        }
    }

    /** Returns the point of this year, if the series has one. */
    public Optional<MarketPoint> point(int year) {
        return points.stream().filter(p -> p.year() == year).findFirst();
    }

    /** Returns the earliest point. */
    public MarketPoint first() {
        return points.get(0);
    }

    /** Returns the latest point. */
    public MarketPoint last() {
        return points.get(points.size() - 1);
    }

    /** Returns the years of the points, ascending. */
    public List<Integer> years() {
        return points.stream().map(MarketPoint::year).toList();
    }
}
