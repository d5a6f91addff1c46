package org.suanli.cli;

import org.suanli.input.Check;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.market.CagrCheck;
import org.suanli.market.CagrResult;
import org.suanli.market.ForecastCheck;
import org.suanli.market.Market;
import org.suanli.market.MarketData;
import org.suanli.market.MarketFact;
import org.suanli.market.MarketPoint;
import org.suanli.market.MarketSeries;
import org.suanli.market.Projection;
import org.suanli.market.ReportedFigure;
import org.suanli.market.ReportedPath;
import org.suanli.report.json.MarketJson;
import org.suanli.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code suanli market list|cagr|project|check|demand}: the seed report's market figures with their
 * sources, the figures reported since, and the compound-growth arithmetic over them. Each subcommand is a class of its own in
 * {@code subcommands}, so a new one (e.g. {@code market demand}) is one more entry there.
 */
@Command(name = "market", mixinStandardHelpOptions = true,
        description = "Market figures of the seed report and those reported since, with sources: list, CAGR, projections, a check of "
                + "stated CAGRs and of the seed's forecasts against what happened, and demand against shipments.",
        subcommands = {MarketDemandCommand.class, MarketCommand.ListCommand.class, MarketCommand.CagrCommand.class, MarketCommand.ProjectCommand.class,
                MarketCommand.CheckCommand.class})
final class MarketCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code market list}: every series and fact with its source. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the market series and facts of the seed, and the figures reported since, with their sources.")
    static final class ListCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            common.checkFormat();
            MarketData data = Market.builtIn().data();
            common.render(() -> MarketJson.Listing.of(data), () -> csv(data).toCsv(), () -> text(data));
        }

        static Table csv(MarketData data) {
            Table t = new Table(List.of("type", "id", "name", "unit", "region", "year", "value", "kind", "qualifier", "yoy_pct",
                    "stated_cagr_pct", "stated_cagr_from_year", "stated_cagr_to_year", "source", "period", "part_of_year", "value_high",
                    "provider", "scope", "published", "source_url"));
            for (MarketSeries s : data.series()) {
                for (MarketPoint p : s.points()) {
                    t.add("series", s.id(), s.name(), s.unit(), s.region(), String.valueOf(p.year()), plain(p.value()), p.kind().key(),
                            "exact", p.yoyPct().isPresent() ? plain(p.yoyPct().getAsDouble()) : "",
                            s.statedCagr().map(c -> plain(c.pct())).orElse(""),
                            s.statedCagr().map(c -> String.valueOf(c.fromYear())).orElse(""),
                            s.statedCagr().map(c -> String.valueOf(c.toYear())).orElse(""), s.source(), "", "", "", "", "", "", "");
                }
            }
            for (MarketFact f : data.facts()) {
                t.add("fact", f.id(), f.name(), "pct", f.region(), f.period(), plain(f.valuePct()), f.kind().key(),
                        f.qualifier().key(), "", "", "", "", f.source(), "", "", "", "", "", "", "");
            }
            // the figures reported since the seed: type "reported", source = the attribution, source_url = the page read
            for (ReportedFigure r : data.reported()) {
                t.add("reported", r.series(), "", r.unit(), "", String.valueOf(r.year()), plain(r.value()), r.kind().key(), r.qualifier().key(),
                        "", "", "", "", r.attribution(), r.period(), String.valueOf(r.partOfYear()),
                        r.valueHigh().isPresent() ? plain(r.valueHigh().getAsDouble()) : "", r.provider(), r.scope(), r.published(), r.source());
            }
            return t;
        }

        static String text(MarketData data) {
            Table series = new Table(List.of("series", "year", "value", "kind", "yoy", "stated CAGR", "source")).alignRight(2, 4);
            for (MarketSeries s : data.series()) {
                boolean first = true;
                for (MarketPoint p : s.points()) {
                    series.add(first ? s.id() : "", String.valueOf(p.year()), amountText(p.value(), s), p.kind().key(),
                            p.yoyPct().isPresent() ? signedPct(p.yoyPct().getAsDouble()) : "",
                            first ? s.statedCagr().map(c -> plain(c.pct()) + "% (" + c.fromYear() + "-" + c.toYear() + ")").orElse("") : "",
                            first ? s.source() : "");
                    first = false;
                }
            }
            Table facts = new Table(List.of("fact", "value", "period", "kind", "source")).alignRight(1).wrap(4, 70);
            for (MarketFact f : data.facts()) {
                facts.add(f.id(), f.display(), f.period(), f.kind().key(), f.source());
            }
            Table reported = new Table(List.of("series", "when", "value", "kind", "provider", "published", "source")).alignRight(2);
            Map<String, String> scopes = new LinkedHashMap<>();
            String last = "";
            // grouped by series in the order each first appears, by year within a series
            List<String> order = data.reported().stream().map(ReportedFigure::series).distinct().toList();
            for (ReportedFigure r : order.stream().flatMap(id -> data.reportedFor(id).stream()).toList()) {
                reported.add(r.series().equals(last) ? "" : r.series(), r.when(), reportedText(r), r.kind().key(), r.provider(), r.published(),
                        r.source());
                last = r.series();
                scopes.putIfAbsent(r.series() + "  " + r.provider(), r.scope());
            }
            Table scopeTable = new Table(List.of("series and provider", "scope: what the provider's figure counts")).wrap(1, 90);
            scopes.forEach(scopeTable::add);
            return "Market series of the seed report (" + MarketData.SEED + "); `suanli market cagr ID` for growth\n\n"
                    + series.toText() + "\nMarket shares and splits (% of the market or workload named by the id)\n\n"
                    + facts.toText()
                    + "\nReported since the seed (" + MarketData.ACTUALS + "; kind as the provider published it: actual, estimate or "
                    + "forecast; > = more than, ~ = about)\n\n" + reported.toText()
                    + "\nScopes: providers define a series differently; figures of different providers are never merged\n\n"
                    + scopeTable.toText()
                    + "\nSearched for and not found:\n" + String.join("", data.notFound().stream().map(n -> "  - " + n + "\n").toList())
                    + "\nQuotes and notes: `suanli market list --json`; `suanli market check --forecast` sets the seed's forecasts against "
                    + "these figures.\n";
        }
    }

    /** {@code market cagr SERIES [--from Y --to Y]}: the CAGR between two points of a series. */
    @Command(name = "cagr", mixinStandardHelpOptions = true,
            description = "Compound annual growth rate of a series between two of its years: (end/start)^(1/years) - 1.")
    static final class CagrCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "SERIES", description = "Series id, e.g. global-ai-server-market-usd (see `market list`).")
        String seriesId;

        @Option(names = "--from", paramLabel = "YEAR", description = "Start year (default: the series' first point).")
        Integer from;

        @Option(names = "--to", paramLabel = "YEAR", description = "End year (default: the series' last point).")
        Integer to;

        @Override
        public void run() {
            common.checkFormat();
            Market market = Market.builtIn();
            MarketSeries s = market.series(seriesId);
            CagrResult r = Market.cagr(s, from != null ? from : s.first().year(), to != null ? to : s.last().year());
            common.render(() -> MarketJson.Cagr.of(r), () -> table(r).toCsv(), () -> text(r));
        }

        static Table table(CagrResult r) {
            Table t = new Table(List.of("series", "unit", "from_year", "to_year", "years", "from_value", "to_value", "cagr_pct",
                    "stated_cagr_pct", "difference_pp", "source"));
            t.add(r.series().id(), r.series().unit(), String.valueOf(r.from().year()), String.valueOf(r.to().year()),
                    String.valueOf(r.years()), plain(r.from().value()), plain(r.to().value()), plain(round(r.cagrPct(), 3)),
                    r.statedCagrPct().isPresent() ? plain(r.statedCagrPct().getAsDouble()) : "",
                    r.differencePp().isPresent() ? plain(round(r.differencePp().getAsDouble(), 3)) : "", r.series().source());
            return t;
        }

        static String text(CagrResult r) {
            MarketSeries s = r.series();
            StringBuilder sb = new StringBuilder();
            sb.append(s.name()).append(" (").append(s.id()).append("), source: ").append(s.source()).append('\n');
            sb.append("  ").append(r.from().year()).append("  ").append(amountText(r.from().value(), s)).append(" (")
                    .append(r.from().kind().key()).append(")\n");
            sb.append("  ").append(r.to().year()).append("  ").append(amountText(r.to().value(), s)).append(" (")
                    .append(r.to().kind().key()).append(")\n");
            sb.append("  CAGR  ").append(pct(r.cagrPct())).append(" a year over ").append(r.years()).append(" years = (end / start)^(1/")
                    .append(r.years()).append(") - 1 = ").append(fixed(r.ratio(), 4)).append("^(1/").append(r.years()).append(") - 1\n");
            if (r.statedCagrPct().isPresent()) {
                sb.append("  stated ").append(plain(r.statedCagrPct().getAsDouble())).append("%: difference ")
                        .append(pp(r.differencePp().getAsDouble())).append('\n');
            }
            return sb.toString();
        }
    }

    /**
     * {@code market project SERIES --to YEAR [--cagr PCT]}: a series carried forward by compound growth, along the seed's
     * path and along the path through the figures reported since ({@link ReportedPath} states the rule).
     */
    @Command(name = "project", mixinStandardHelpOptions = true,
            description = "Project a series to a year by compound growth, at the CAGR of its last two points or at --cagr: the seed's "
                    + "path, and the path through the latest two full-year figures one provider reported since (--cagr: both lines at "
                    + "that rate, each from its own base).")
    static final class ProjectCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "SERIES", description = "Series id, e.g. china-ai-server-sales-usd (see `market list`).")
        String seriesId;

        @Option(names = "--to", paramLabel = "YEAR", required = true, description = "Year to project to.")
        int to;

        @Option(names = "--cagr", paramLabel = "PCT", description = "Growth in %% a year, above -100 and at most 1000 (default: implied by the last two points).")
        Double cagrPct;

        @Override
        public void run() {
            common.checkFormat();
            if (cagrPct != null) {
                Check.above("--cagr", cagrPct, -100, 1000);
            }
            Market market = Market.builtIn();
            ReportedPath.Pair p = market.projectBoth(seriesId, to, cagrPct == null ? OptionalDouble.empty() : OptionalDouble.of(cagrPct));
            common.render(() -> MarketJson.Projected.of(p), () -> table(p).toCsv(), () -> text(p));
        }

        /** One row per line: the seed's path ({@code path} seed, {@code source} its source line), then the reported one. */
        static Table table(ReportedPath.Pair pair) {
            Projection p = pair.seed();
            Table t = new Table(List.of("series", "unit", "base_year", "base_value", "to_year", "years", "cagr_pct", "cagr_basis", "value",
                    "path", "source"));
            t.add(p.series().id(), p.series().unit(), String.valueOf(p.base().year()), plain(p.base().value()),
                    String.valueOf(p.toYear()), String.valueOf(p.years()), plain(round(p.cagrPct(), 3)), p.basis(),
                    plain(Math.rint(p.value())), "seed", p.series().source());
            pair.reported().ifPresent(r -> t.add(p.series().id(), p.series().unit(), String.valueOf(r.base().year()),
                    plain(r.base().value()), String.valueOf(r.toYear()), String.valueOf(r.years()), plain(round(r.cagrPct(), 3)), r.basis(),
                    plain(Math.rint(r.value())), "reported", r.provider()));
            return t;
        }

        static String text(ReportedPath.Pair pair) {
            Projection p = pair.seed();
            MarketSeries s = p.series();
            String basis = p.impliedBy().map(c -> "implied by the " + c.from().year() + " and " + c.to().year() + " points")
                    .orElse("given");
            StringBuilder sb = new StringBuilder();
            sb.append(s.name()).append(" (").append(s.id()).append(") projected to ").append(p.toYear()).append('\n');
            sb.append("the seed's path (").append(s.source()).append("):\n");
            sb.append("  base  ").append(p.base().year()).append("  ").append(amountText(p.base().value(), s)).append(" (")
                    .append(p.base().kind().key()).append(")\n");
            sb.append("  CAGR  ").append(pct(p.cagrPct())).append(" a year, ").append(basis).append('\n');
            sb.append("  ").append(p.toYear()).append("  ").append(amountText(p.value(), s)).append(" = base x ")
                    .append(fixed(1 + p.cagrPct() / 100, 4)).append('^').append(p.years()).append(" (projection, not a source's figure)\n");
            if (pair.reported().isPresent()) {
                ReportedPath r = pair.reported().get();
                sb.append("the path through the figures reported since (").append(r.provider())
                        .append(r.throughActuals() ? ", actuals" : ", includes forecasts, not actuals only").append("):\n");
                r.from().ifPresent(f -> sb.append("  from  ").append(f.year()).append("  ").append(reportedText(f)).append(" (")
                        .append(f.kind().key()).append(", published ").append(f.published()).append(")\n"));
                sb.append("  base  ").append(r.base().year()).append("  ").append(reportedText(r.base())).append(" (")
                        .append(r.base().kind().key()).append(", published ").append(r.base().published()).append(")\n");
                sb.append("  CAGR  ").append(pct(r.cagrPct())).append(" a year, ");
                if (r.from().isPresent()) {
                    ReportedFigure f = r.from().get();
                    ReportedFigure last = pair.reportedSince().stream().filter(x -> x.provider().equals(r.provider()) && !x.partOfYear())
                            .reduce((a, b) -> b).orElse(r.base());
                    int n = last.year() - f.year();
                    sb.append("(").append(amountText(last.value(), s)).append(" / ").append(amountText(f.value(), s)).append(")^(1/").append(n)
                            .append(") - 1, implied by the ").append(f.year()).append(" and ").append(last.year()).append(" figures\n");
                } else {
                    sb.append("given\n");
                }
                sb.append("  ").append(r.toYear()).append("  ").append(amountText(r.value(), s)).append(" = base x ")
                        .append(fixed(1 + r.cagrPct() / 100, 4)).append('^').append(r.years()).append(" (projection, not a source's figure)\n");
                r.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
            } else {
                sb.append("no path through the figures reported since: ").append(pair.absentReason()).append('\n');
            }
            if (!pair.reportedSince().isEmpty()) {
                Table t = new Table(List.of("when", "value", "kind", "provider", "published", "source")).alignRight(1);
                for (ReportedFigure f : pair.reportedSince()) {
                    t.add(f.when(), reportedText(f), f.kind().key(), f.provider(), f.published(), f.source());
                }
                sb.append("\nReported since the seed for this series:\n\n").append(t.toText());
            }
            sb.append("Source of the seed's base figures: ").append(s.source()).append('\n');
            return sb.toString();
        }
    }

    /** {@code market check [--forecast]}: every stated CAGR against its own endpoints, or every forecast against what happened. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Recompute every stated CAGR from its endpoints; consistent when within 0.5 percentage points. With --forecast: "
                    + "set each of the seed's forecasts against the figures reported since (error and direction).")
    static final class CheckCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Option(names = "--forecast", description = "Check the seed's forecasts against what was reported since, instead of the stated CAGRs.")
        boolean forecast;

        @Override
        public void run() {
            common.checkFormat();
            if (forecast) {
                List<ForecastCheck> checks = Market.builtIn().checkForecasts();
                common.render(() -> MarketJson.ForecastChecks.of(checks), () -> forecastCsv(checks).toCsv(), () -> forecastText(checks));
                return;
            }
            List<CagrCheck> checks = Market.builtIn().check();
            common.render(() -> MarketJson.Checks.of(checks), () -> csv(checks).toCsv(), () -> text(checks));
        }

        /** One row per later figure: compared, or not compared with why; a forecast with no later figure gets one row saying so. */
        static Table forecastCsv(List<ForecastCheck> checks) {
            Table t = new Table(List.of("series", "seed_source", "start_year", "start_value", "forecast_year", "forecast_value",
                    "forecast_qualifier", "path_cagr_pct", "year", "path_value", "on_path", "reported_value", "reported_qualifier",
                    "reported_kind", "provider", "published", "error_pct", "error_bound", "direction", "scope_match", "comparable",
                    "source_url", "note"));
            for (ForecastCheck c : checks) {
                ForecastCheck.SeedForecast f = c.forecast();
                List<String> head = List.of(f.series(), f.source(), f.startYear().isPresent() ? String.valueOf(f.startYear().getAsInt()) : "",
                        f.startValue().isPresent() ? plain(f.startValue().getAsDouble()) : "", String.valueOf(f.year()), plain(f.value()),
                        f.qualifier().key(), f.pathCagrPct().isPresent() ? plain(round(f.pathCagrPct().getAsDouble(), 3)) : "");
                for (ForecastCheck.Comparison x : c.comparisons()) {
                    ReportedFigure r = x.reported();
                    t.add(concat(head, List.of(String.valueOf(r.year()), plain(round(x.forecastValue(), 0)), String.valueOf(x.onPath()),
                            plain(r.value()), r.qualifier().key(), r.kind().key(), r.provider(), r.published(), plain(round(x.errorPct(), 2)),
                            x.errorBound(), x.direction().key(), String.valueOf(x.scopeMatch()), String.valueOf(x.comparable()), r.source(),
                            c.caveat().orElse(""))));
                }
                for (ForecastCheck.Skipped x : c.skipped()) {
                    ReportedFigure r = x.reported();
                    t.add(concat(head, List.of(r.when(), "", "", plain(r.value()), r.qualifier().key(), r.kind().key(), r.provider(),
                            r.published(), "", "", "not compared", "", "false", r.source(), x.reason())));
                }
                if (!c.hasComparableActual()) {
                    t.add(concat(head, List.of("", "", "", "", "", "", "", "", "", "", "no comparable actual", "", "false", "",
                            c.searched().map(x -> "searched: " + x).orElse("no search recorded"))));
                }
            }
            return t;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new java.util.ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        static String forecastText(List<ForecastCheck> checks) {
            StringBuilder sb = new StringBuilder();
            sb.append("The seed's forecasts (").append(MarketData.SEED).append(") against what was reported since (")
                    .append(MarketData.ACTUALS).append(")\n");
            sb.append("path: compound growth from the seed's last actual to its forecast, start x (end / start)^((year - start year) / years)\n");
            sb.append("error = (forecast - reported) / reported; forecast was below, above, or met (within ")
                    .append(plain(ForecastCheck.MET_WITHIN_PCT)).append("%); <= : the reported figure is a lower bound\n");
            sb.append("comparable: a figure of a provider the seed's source line names, an actual or estimate (not a later forecast)\n");
            for (ForecastCheck c : checks) {
                ForecastCheck.SeedForecast f = c.forecast();
                sb.append('\n').append(f.series()).append(" (").append(f.source()).append("): ");
                if (f.fact()) {
                    sb.append(f.qualifier().symbol()).append(plain(f.value())).append("% in ").append(f.year()).append(" (forecast)\n");
                } else {
                    sb.append(unitText(f.startValue().getAsDouble(), f.unit())).append(" (").append(f.startYear().getAsInt()).append(") -> ")
                            .append(unitText(f.value(), f.unit())).append(" (").append(f.year()).append(", forecast), path ")
                            .append(pct(f.pathCagrPct().getAsDouble())).append(" a year\n");
                }
                if (!c.comparisons().isEmpty()) {
                    Table t = new Table(List.of("year", "seed's path", "reported", "kind", "provider", "published", "error", "forecast was",
                            "scope")).alignRight(1, 2, 6);
                    for (ForecastCheck.Comparison x : c.comparisons()) {
                        ReportedFigure r = x.reported();
                        String error = (x.errorBound().equals("at_most") ? "<= " : x.errorBound().equals("approx") ? "~" : "")
                                + String.format(Locale.ROOT, "%+.2f%%", round(x.errorPct(), 2));
                        t.add(String.valueOf(r.year()) + (x.onPath() ? "" : "*"), unitText(x.forecastValue(), f.unit()), reportedText(r),
                                r.kind().key(), r.provider(), r.published(), error, x.direction().key(),
                                x.scopeMatch() ? "same provider" : "differs");
                    }
                    sb.append(indent(t.toText()));
                    if (c.comparisons().stream().anyMatch(x -> !x.onPath())) {
                        sb.append("  * beyond the path's endpoints: the seed's rate carried on\n");
                    }
                }
                for (ForecastCheck.Skipped x : c.skipped()) {
                    sb.append("  not compared: ").append(x.reported().provider()).append(' ').append(x.reported().when()).append(' ')
                            .append(reportedText(x.reported())).append(": ").append(x.reason()).append('\n');
                }
                if (c.hasComparableActual()) {
                    sb.append("  comparable actual: yes\n");
                } else {
                    sb.append("  no comparable actual; searched: ").append(c.searched().orElse("(no search recorded)")).append('\n');
                }
                c.caveat().ifPresent(x -> sb.append("  caveat: ").append(x).append('\n'));
            }
            return sb.toString();
        }

        private static String indent(String text) {
            return String.join("", text.lines().map(l -> "  " + l + "\n").toList());
        }

        static Table csv(List<CagrCheck> checks) {
            Table t = new Table(List.of("series", "unit", "from_year", "to_year", "from_value", "to_value", "stated_cagr_pct",
                    "computed_cagr_pct", "difference_pp", "to_value_at_stated_cagr", "verdict", "source"));
            for (CagrCheck c : checks) {
                t.add(c.series().id(), c.series().unit(), String.valueOf(c.stated().fromYear()), String.valueOf(c.stated().toYear()),
                        plain(c.computed().from().value()), plain(c.computed().to().value()), plain(c.stated().pct()),
                        plain(round(c.computed().cagrPct(), 3)), plain(round(c.differencePp(), 3)), plain(Math.rint(c.endAtStatedRate())),
                        c.verdict(), c.series().source());
            }
            return t;
        }

        static String text(List<CagrCheck> checks) {
            Table t = new Table(List.of("series", "span", "start", "end", "stated", "computed", "diff", "end at stated", "verdict", "source"))
                    .alignRight(2, 3, 4, 5, 6, 7);
            for (CagrCheck c : checks) {
                MarketSeries s = c.series();
                t.add(s.id(), c.stated().fromYear() + "-" + c.stated().toYear(), amountText(c.computed().from().value(), s),
                        amountText(c.computed().to().value(), s), plain(c.stated().pct()) + "%", pct(c.computed().cagrPct()),
                        pp(c.differencePp()), amountText(c.endAtStatedRate(), s), c.verdict(), s.source());
            }
            long bad = checks.stream().filter(c -> !c.consistent()).count();
            return "Stated CAGRs of the seed report (" + MarketData.SEED + ") against their own endpoints\n"
                    + "computed = (end / start)^(1 / years) - 1; consistent when within " + plain(CagrCheck.TOLERANCE_PP)
                    + " percentage points\n\n" + t.toText() + "\n"
                    + (bad == 0 ? "All " + checks.size() + " stated CAGRs are consistent with their endpoints.\n"
                            : bad + " of " + checks.size() + " stated CAGRs are inconsistent with their endpoints.\n");
        }
    }

    /** Returns an amount in the series' unit for people: "$15.63B", "$7.255B", "284,000 units". */
    static String amountText(double v, MarketSeries s) {
        if (s.unit().equals("USD")) {
            return v >= 1e12 ? "$" + fixed(v / 1e12, 3) + "T" : v >= 1e9 ? "$" + fixed(v / 1e9, 3) + "B" : v >= 1e6 ? "$" + fixed(v / 1e6, 3) + "M" : String.format(Locale.ROOT, "$%,.0f", v);
        }
        return String.format(Locale.ROOT, "%,.0f units", v);
    }

    /** Returns a reported figure as printed for people, with its hedge: ">$187B", "~1,200,000 units", "46%". */
    static String reportedText(ReportedFigure r) {
        String v = unitText(r.value(), r.unit());
        if (r.valueHigh().isPresent()) {
            v = unitText(r.value(), r.unit()).replaceAll("[^0-9.,$¥]+$", "") + "-" + unitText(r.valueHigh().getAsDouble(), r.unit());
        }
        return r.qualifier().symbol() + v;
    }

    /** Returns an amount in a unit of the dataset for people: "$22.1B", "¥1.174B", "1,670,000 units", "46%", "35,000 wafers/month". */
    static String unitText(double v, String unit) {
        return switch (unit) {
            case "USD" -> v >= 1e12 ? "$" + fixed(v / 1e12, 3) + "T" : v >= 1e9 ? "$" + fixed(v / 1e9, 3) + "B" : v >= 1e6 ? "$" + fixed(v / 1e6, 3) + "M" : String.format(Locale.ROOT, "$%,.0f", v);
            case "CNY" -> v >= 1e9 ? "¥" + fixed(v / 1e9, 3) + "B" : String.format(Locale.ROOT, "¥%,.0f", v);
            case "units" -> String.format(Locale.ROOT, "%,.0f units", v);
            case "pct" -> plain(v) + "%";
            case "wafers_per_month" -> String.format(Locale.ROOT, "%,.0f wafers/month", v);
            default -> plain(v) + " " + unit;
        };
    }

    /** Returns a number without exponent and without trailing zeros. */
    static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    static String fixed(double v, int decimals) {
        return plain(round(v, decimals));
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    static String signedPct(double v) {
        return (v >= 0 ? "+" : "") + plain(v) + "%";
    }

    static String pp(double v) {
        return String.format(Locale.ROOT, "%+.2f pp", round(v, 2));
    }

    static double round(double v, int decimals) {
        return MarketJson.round(v, decimals);
    }
}
