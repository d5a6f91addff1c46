package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.market.CagrCheck;
import org.suanli.market.ForecastCheck;
import org.suanli.market.ReportedFigure;
import org.suanli.market.ReportedPath;
import org.suanli.market.CagrResult;
import org.suanli.market.MarketData;
import org.suanli.market.MarketFact;
import org.suanli.market.MarketPoint;
import org.suanli.market.MarketSeries;
import org.suanli.market.Projection;

/**
 * The market commands' JSON ({@code suanli market list|cagr|project|check --json}). An amount's field names its unit:
 * {@code value_usd} for a series in US dollars, {@code value_units} for a count; whole amounts are written as integers.
 * A figure reported since the seed comes in units of its own (USD, CNY, units, pct, wafers_per_month), so it carries
 * {@code value} with a {@code unit} field beside it.
 */
public final class MarketJson {
    private MarketJson() {
    }

    /** An amount in its series' unit: exactly one of the two is set. */
    @JsonNaming(SnakeCase.class)
    public record Amount(@JsonInclude(Include.NON_NULL) Number usd, @JsonInclude(Include.NON_NULL) Number units) {
        /** Returns {@code v} in the unit of {@code s}, a whole amount as a long (15630000000, not 1.563E10). */
        public static Amount of(double v, MarketSeries s) {
            Number n = v == Math.rint(v) && Math.abs(v) < 9e15 ? (Number) (long) v : (Number) v;
            return s.unit().equals("USD") ? new Amount(n, null) : new Amount(null, n);
        }
    }

    /** Every series and fact with its source, and the figures reported since the seed: {@code market list}. */
    @JsonNaming(SnakeCase.class)
    public record Listing(String seed, List<Series> series, List<Fact> facts, List<Reported> reported, List<String> notFound) {
        public static Listing of(MarketData data) {
            return new Listing(MarketData.SEED, data.series().stream().map(Series::of).toList(),
                    data.facts().stream().map(Fact::of).toList(), data.reported().stream().map(Reported::of).toList(), data.notFound());
        }
    }

    /** A figure reported since the seed, with whose it is, how it is defined, when and where it was published. */
    @JsonNaming(SnakeCase.class)
    public record Reported(String series, int year, String period, boolean partOfYear, Number value, Number valueHigh, String unit,
                           String qualifier, String kind, String provider, String attribution, String scope, String published,
                           String source, String reprintOf, String quote, String asPrinted, String note) {
        static Reported of(ReportedFigure r) {
            return new Reported(r.series(), r.year(), r.period(), r.partOfYear(), whole(r.value()),
                    r.valueHigh().isPresent() ? whole(r.valueHigh().getAsDouble()) : null, r.unit(), r.qualifier().key(), r.kind().key(),
                    r.provider(), r.attribution(), r.scope(), r.published(), r.source(), r.reprintOf(), r.quote(), r.asPrinted(), r.note());
        }
    }

    /** The seed's forecasts against the figures reported since: {@code market check --forecast}. */
    @JsonNaming(SnakeCase.class)
    public record ForecastChecks(String seed, double metWithinPct, String path, String error, List<ForecastCheckJson> checks) {
        public static ForecastChecks of(List<ForecastCheck> checks) {
            return new ForecastChecks(MarketData.SEED, ForecastCheck.MET_WITHIN_PCT,
                    "start x ((end / start)^(1 / years))^(year - start year), between the seed's last actual and its forecast",
                    "(forecast - reported) / reported x 100", checks.stream().map(ForecastCheckJson::of).toList());
        }
    }

    /** One forecast of the seed: its path (for a series), every later figure set against it, and those skipped with why. */
    @JsonNaming(SnakeCase.class)
    public record ForecastCheckJson(String series, String name, String unit, String region, String seedSource, String type,
                                    Integer startYear, Number startValue, int forecastYear, Number forecastValue, String forecastQualifier,
                                    Double pathCagrPct, boolean comparableActualFound, String searched, String caveat,
                                    List<ComparisonJson> comparisons, List<SkippedJson> skipped) {
        static ForecastCheckJson of(ForecastCheck c) {
            ForecastCheck.SeedForecast f = c.forecast();
            return new ForecastCheckJson(f.series(), f.name(), f.unit(), f.region(), f.source(), f.fact() ? "fact" : "series",
                    f.startYear().isPresent() ? f.startYear().getAsInt() : null,
                    f.startValue().isPresent() ? whole(f.startValue().getAsDouble()) : null, f.year(), whole(f.value()), f.qualifier().key(),
                    f.pathCagrPct().isPresent() ? round(f.pathCagrPct().getAsDouble(), 3) : null, c.hasComparableActual(),
                    c.searched().orElse(null), c.caveat().orElse(null), c.comparisons().stream().map(ComparisonJson::of).toList(),
                    c.skipped().stream().map(SkippedJson::of).toList());
        }
    }

    /** The seed's forecast for a later figure's year against that figure. */
    @JsonNaming(SnakeCase.class)
    public record ComparisonJson(int year, String provider, String reportedKind, Number reportedValue, String reportedQualifier,
                                 String published, Number forecastValue, boolean onPath, double errorPct, String errorBound, String direction,
                                 boolean scopeMatch, boolean comparable, String scope, String source, String quote) {
        static ComparisonJson of(ForecastCheck.Comparison c) {
            ReportedFigure r = c.reported();
            return new ComparisonJson(r.year(), r.provider(), r.kind().key(), whole(r.value()), r.qualifier().key(), r.published(),
                    whole(Math.rint(c.forecastValue() * 1000) / 1000), c.onPath(), round(c.errorPct(), 2), c.errorBound(), c.direction().key(),
                    c.scopeMatch(), c.comparable(), r.scope(), r.source(), r.quote());
        }
    }

    /** A later figure not compared, and why. */
    @JsonNaming(SnakeCase.class)
    public record SkippedJson(String when, String provider, Number value, String kind, String reason, String source) {
        static SkippedJson of(ForecastCheck.Skipped s) {
            ReportedFigure r = s.reported();
            return new SkippedJson(r.when(), r.provider(), whole(r.value()), r.kind().key(), s.reason(), r.source());
        }
    }

    /** The line through the figures reported since, beside the seed's path in {@code market project}. */
    @JsonNaming(SnakeCase.class)
    public record ReportedPathJson(String provider, String cagrBasis, Integer fromYear, @JsonUnwrapped(prefix = "from_value_") Amount fromValue,
                                   String fromKind, int baseYear, @JsonUnwrapped(prefix = "base_value_") Amount baseValue, String baseKind,
                                   String basePublished, int toYear, int years, double cagrPct, @JsonUnwrapped(prefix = "value_") Amount value,
                                   boolean throughActuals, List<String> notes) {
        static ReportedPathJson of(ReportedPath p, MarketSeries s) {
            return new ReportedPathJson(p.provider(), p.basis(), p.from().map(ReportedFigure::year).orElse(null),
                    p.from().map(f -> Amount.of(f.value(), s)).orElse(new Amount(null, null)), p.from().map(f -> f.kind().key()).orElse(null),
                    p.base().year(), Amount.of(p.base().value(), s), p.base().kind().key(), p.base().published(), p.toYear(), p.years(),
                    round(p.cagrPct(), 3), Amount.of(Math.rint(p.value()), s), p.throughActuals(), p.notes());
        }
    }

    private static Number whole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 9e15 ? (Number) (long) v : (Number) v;
    }

    /** One series: its points and the CAGR its source states. */
    @JsonNaming(SnakeCase.class)
    public record Series(String id, String name, String unit, String region, List<Point> points, Double statedCagrPct,
                         Integer statedCagrFromYear, Integer statedCagrToYear, String source, String asPrinted, String note) {
        static Series of(MarketSeries s) {
            return new Series(s.id(), s.name(), s.unit(), s.region(), s.points().stream().map(p -> Point.of(p, s)).toList(),
                    s.statedCagr().map(c -> c.pct()).orElse(null), s.statedCagr().map(c -> c.fromYear()).orElse(null),
                    s.statedCagr().map(c -> c.toYear()).orElse(null), s.source(), s.asPrinted(), s.note());
        }
    }

    /** One point of a series, with its year-on-year change where the source gives one. */
    @JsonNaming(SnakeCase.class)
    public record Point(int year, @JsonUnwrapped(prefix = "value_") Amount value, String kind, Double yoyPct) {
        static Point of(MarketPoint p, MarketSeries s) {
            return new Point(p.year(), Amount.of(p.value(), s), p.kind().key(), Absent.orNull(p.yoyPct()));
        }
    }

    /** A share or split the seed report states, in percent. */
    @JsonNaming(SnakeCase.class)
    public record Fact(String id, String name, double valuePct, String qualifier, String period, String kind, String region,
                       String source, String asPrinted, String note) {
        static Fact of(MarketFact f) {
            return new Fact(f.id(), f.name(), f.valuePct(), f.qualifier().key(), f.period(), f.kind().key(), f.region(), f.source(),
                    f.asPrinted(), f.note());
        }
    }

    /** The CAGR between two points of a series, against the stated one: {@code market cagr}. */
    @JsonNaming(SnakeCase.class)
    public record Cagr(String series, String name, String unit, int fromYear, int toYear, int years,
                       @JsonUnwrapped(prefix = "from_value_") Amount fromValue, @JsonUnwrapped(prefix = "to_value_") Amount toValue,
                       double cagrPct, Double statedCagrPct, Double differencePp, String source) {
        public static Cagr of(CagrResult r) {
            MarketSeries s = r.series();
            return new Cagr(s.id(), s.name(), s.unit(), r.from().year(), r.to().year(), r.years(), Amount.of(r.from().value(), s),
                    Amount.of(r.to().value(), s), round(r.cagrPct(), 3), Absent.orNull(r.statedCagrPct()),
                    r.differencePp().isPresent() ? round(r.differencePp().getAsDouble(), 3) : null, s.source());
        }
    }

    /**
     * A series carried forward by compound growth: {@code market project}. The top-level fields are the seed's path;
     * {@code reported_path} is the line through the figures reported since (null with {@code reported_path_absent} saying
     * why), and {@code reported_since} every such figure of the series.
     */
    @JsonNaming(SnakeCase.class)
    public record Projected(String series, String name, String unit, int baseYear, @JsonUnwrapped(prefix = "base_value_") Amount baseValue,
                            int toYear, int years, double cagrPct, String cagrBasis, Integer cagrFromYear, Integer cagrToYear,
                            @JsonUnwrapped(prefix = "value_") Amount value, String source, ReportedPathJson reportedPath,
                            String reportedPathAbsent, List<Reported> reportedSince) {
        public static Projected of(ReportedPath.Pair pair) {
            Projection p = pair.seed();
            MarketSeries s = p.series();
            return new Projected(s.id(), s.name(), s.unit(), p.base().year(), Amount.of(p.base().value(), s), p.toYear(), p.years(),
                    round(p.cagrPct(), 3), p.basis(), p.impliedBy().map(c -> c.from().year()).orElse(null),
                    p.impliedBy().map(c -> c.to().year()).orElse(null), Amount.of(Math.rint(p.value()), s), s.source(),
                    pair.reported().map(r -> ReportedPathJson.of(r, s)).orElse(null), pair.reported().isPresent() ? null : pair.absentReason(),
                    pair.reportedSince().stream().map(Reported::of).toList());
        }
    }

    /** Every stated CAGR recomputed from its endpoints: {@code market check}. */
    @JsonNaming(SnakeCase.class)
    public record Checks(String seed, double consistentWithinPp, boolean allConsistent, List<Check> checks) {
        public static Checks of(List<CagrCheck> checks) {
            return new Checks(MarketData.SEED, CagrCheck.TOLERANCE_PP, checks.stream().allMatch(CagrCheck::consistent),
                    checks.stream().map(Check::of).toList());
        }
    }

    /** One stated CAGR against the CAGR of its endpoints, and the end value the stated rate would give. */
    @JsonNaming(SnakeCase.class)
    public record Check(String series, String name, String unit, int fromYear, int toYear, int years,
                        @JsonUnwrapped(prefix = "from_value_") Amount fromValue, @JsonUnwrapped(prefix = "to_value_") Amount toValue,
                        double statedCagrPct, double computedCagrPct, double differencePp,
                        @JsonUnwrapped(prefix = "to_value_at_stated_cagr_") Amount toValueAtStatedCagr, String verdict, String source) {
        static Check of(CagrCheck c) {
            MarketSeries s = c.series();
            return new Check(s.id(), s.name(), s.unit(), c.stated().fromYear(), c.stated().toYear(), c.stated().years(),
                    Amount.of(c.computed().from().value(), s), Amount.of(c.computed().to().value(), s), c.stated().pct(),
                    round(c.computed().cagrPct(), 3), round(c.differencePp(), 3), Amount.of(Math.rint(c.endAtStatedRate()), s),
                    c.verdict(), s.source());
        }
    }

    /** Returns {@code v} rounded to {@code decimals} places (and never -0.0), as the market figures are shown. */
    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f + 0.0;
    }
}
