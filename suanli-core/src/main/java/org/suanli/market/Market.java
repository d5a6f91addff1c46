package org.suanli.market;

import org.suanli.catalog.Suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * Growth arithmetic over a market dataset: the CAGR between two points of a series, a projection by
 * compound growth, and a check of every stated CAGR against its own endpoints (the check that
 * ../shared/data/seed_data.yaml does by hand: 15.63 x 1.173^5 = 34.7).
 */
public final class Market {
    /** The latest year a projection may reach; beyond it compound growth says nothing useful. */
    public static final int LAST_PROJECTION_YEAR = 2100;

    private static volatile Market builtIn;
    private final MarketData data;

    /** Returns the arithmetic over {@code data}. */
    public Market(MarketData data) {
        this.data = data;
    }

    /** Returns the market over the built-in seed dataset (loaded once). */
    public static Market builtIn() {
        Market m = builtIn;
        if (m == null) {
            m = new Market(MarketData.builtIn());
            builtIn = m;
        }
        return m;
    }

    /** Returns the dataset. */
    public MarketData data() {
        return data;
    }

    /** Returns the series with this id, or fails naming the closest ids. */
    public MarketSeries series(String id) {
        return data.findSeries(id).orElseThrow(() -> {
            List<String> ids = data.series().stream().map(MarketSeries::id).toList();
            return new BadInputException("market series '" + id + "'", "unknown market series id",
                    "did you mean " + String.join(", ", closest(id, ids)) + "?");
        });
    }

    /** Returns the CAGR of a series from its first to its last point. */
    public CagrResult cagr(String seriesId) {
        MarketSeries s = series(seriesId);
        return cagr(s, s.first().year(), s.last().year());
    }

    /** Returns the CAGR of a series between two of its years; both must be points of the series. */
    public CagrResult cagr(String seriesId, int fromYear, int toYear) {
        return cagr(series(seriesId), fromYear, toYear);
    }

    /** Returns the CAGR of {@code s} between two of its years; both must be points of the series. */
    public static CagrResult cagr(MarketSeries s, int fromYear, int toYear) {
        if (s.points().size() < 2) {
            throw onePoint(s, "expected a series with two points or more");
        }
        MarketPoint from = pointOf(s, fromYear);
        MarketPoint to = pointOf(s, toYear);
        if (toYear <= fromYear) {
            throw new BadInputException("years " + fromYear + "-" + toYear, "the span does not run forward",
                    "expected a start year before the end year");
        }
        double pct = 100 * Cagr.between(from.value(), to.value(), toYear - fromYear);
        OptionalDouble stated = s.statedCagr().filter(c -> c.fromYear() == fromYear && c.toYear() == toYear)
                .map(c -> OptionalDouble.of(c.pct())).orElse(OptionalDouble.empty());
        return new CagrResult(s, from, to, pct, stated);
    }

    /** Returns the series projected to {@code toYear} at the CAGR implied by its last two points. */
    public Projection project(String seriesId, int toYear) {
        return project(series(seriesId), toYear);
    }

    /** Returns the series projected to {@code toYear} at a given CAGR in % a year. */
    public Projection project(String seriesId, int toYear, double cagrPct) {
        return project(series(seriesId), toYear, cagrPct);
    }

    /** Returns {@code s} projected to {@code toYear} at the CAGR implied by its last two points. */
    public static Projection project(MarketSeries s, int toYear) {
        if (s.points().size() < 2) {
            throw onePoint(s, "expected a CAGR to project it with (--cagr PCT)");
        }
        MarketPoint prev = s.points().get(s.points().size() - 2);
        CagrResult implied = cagr(s, prev.year(), s.last().year());
        return project(s, toYear, implied.cagrPct(), Optional.of(implied));
    }

    /** Returns {@code s} projected to {@code toYear} at {@code cagrPct} % a year from its latest point at or before that year. */
    public static Projection project(MarketSeries s, int toYear, double cagrPct) {
        return project(s, toYear, cagrPct, Optional.empty());
    }

    private static Projection project(MarketSeries s, int toYear, double cagrPct, Optional<CagrResult> implied) {
        if (toYear < s.first().year() || toYear > LAST_PROJECTION_YEAR) {
            throw new BadInputException("year " + toYear, "outside the projection range of series '" + s.id() + "'",
                    "expected a year from " + s.first().year() + " (its first point) to " + LAST_PROJECTION_YEAR);
        }
        if (!(cagrPct > -100) || Double.isInfinite(cagrPct)) {
            throw new BadInputException("cagr " + Units.num(cagrPct) + "%", "a rate of -100% or less is impossible", "expected a CAGR above -100%");
        }
        MarketPoint base = s.first();
        for (MarketPoint p : s.points()) {
            if (p.year() <= toYear) {
                base = p;
            }
        }
        double value = Cagr.compound(base.value(), cagrPct / 100, toYear - base.year());
        return new Projection(s, base, toYear, cagrPct, implied, value);
    }

    /** Returns every stated CAGR of the dataset set against its endpoints, in dataset order. */
    public List<CagrCheck> check() {
        List<CagrCheck> out = new ArrayList<>();
        for (MarketSeries s : data.series()) {
            s.statedCagr().ifPresent(c -> {
                CagrResult computed = cagr(s, c.fromYear(), c.toYear());
                double end = Cagr.compound(computed.from().value(), c.pct() / 100, c.years());
                out.add(new CagrCheck(s, c, computed, end));
            });
        }
        return out;
    }

    /** Returns every forecast of the seed set against the figures reported since ({@link ForecastCheck}). */
    public List<ForecastCheck> checkForecasts() {
        return ForecastCheck.all(data);
    }

    /**
     * Returns the seed's path of a series to {@code toYear} (as {@link #project(String, int)}, or at {@code cagrPct} when
     * given) beside the path through the figures reported since ({@link ReportedPath}).
     */
    public ReportedPath.Pair projectBoth(String seriesId, int toYear, OptionalDouble cagrPct) {
        MarketSeries s = series(seriesId);
        Projection seed = cagrPct.isPresent() ? project(s, toYear, cagrPct.getAsDouble()) : project(s, toYear);
        return ReportedPath.of(data, seed, s, toYear, cagrPct);
    }

    /** Returns the global AI-server shipments of {@code year} as reported since the seed ({@link Shipments}). */
    public Shipments shipments(int year) {
        return Shipments.of(data, year);
    }

    private static BadInputException onePoint(MarketSeries s, String expected) {
        return new BadInputException("market series '" + s.id() + "'", "has one point (" + s.first().year() + "), so no CAGR of its own",
                expected);
    }

    private static MarketPoint pointOf(MarketSeries s, int year) {
        return s.point(year).orElseThrow(() -> new BadInputException("year " + year,
                "series '" + s.id() + "' has no point for " + year,
                "expected one of its years: " + s.years().stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }

    /** Returns up to three ids nearest to {@code wanted} (the catalog's "did you mean" rule). */
    static List<String> closest(String wanted, List<String> ids) {
        return Suggest.closest(wanted, ids);
    }
}
