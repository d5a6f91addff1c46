package org.suanli.cli;

import org.suanli.input.Check;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.suanli.market.CagrCheck;
import org.suanli.market.CagrResult;
import org.suanli.market.Market;
import org.suanli.market.MarketData;
import org.suanli.market.MarketFact;
import org.suanli.market.MarketPoint;
import org.suanli.market.MarketSeries;
import org.suanli.market.Projection;
import org.suanli.report.json.MarketJson;
import org.suanli.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code suanli market list|cagr|project|check}: the seed report's market figures with their
 * sources, and the compound-growth arithmetic over them. Each subcommand is a class of its own in
 * {@code subcommands}, so a new one (e.g. {@code market demand}) is one more entry there.
 */
@Command(name = "market", mixinStandardHelpOptions = true,
        description = "Market figures of the seed report with sources: list, CAGR, projections, and a check of stated CAGRs.",
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
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the market series and facts with their sources.")
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
                    "stated_cagr_pct", "stated_cagr_from_year", "stated_cagr_to_year", "source"));
            for (MarketSeries s : data.series()) {
                for (MarketPoint p : s.points()) {
                    t.add("series", s.id(), s.name(), s.unit(), s.region(), String.valueOf(p.year()), plain(p.value()), p.kind().key(),
                            "exact", p.yoyPct().isPresent() ? plain(p.yoyPct().getAsDouble()) : "",
                            s.statedCagr().map(c -> plain(c.pct())).orElse(""),
                            s.statedCagr().map(c -> String.valueOf(c.fromYear())).orElse(""),
                            s.statedCagr().map(c -> String.valueOf(c.toYear())).orElse(""), s.source());
                }
            }
            for (MarketFact f : data.facts()) {
                t.add("fact", f.id(), f.name(), "pct", f.region(), f.period(), plain(f.valuePct()), f.kind().key(),
                        f.qualifier().key(), "", "", "", "", f.source());
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
            return "Market series of the seed report (" + MarketData.SEED + "); `suanli market cagr ID` for growth\n\n"
                    + series.toText() + "\nMarket shares and splits (% of the market or workload named by the id)\n\n"
                    + facts.toText();
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

    /** {@code market project SERIES --to YEAR [--cagr PCT]}: a series carried forward by compound growth. */
    @Command(name = "project", mixinStandardHelpOptions = true,
            description = "Project a series to a year by compound growth, at the CAGR of its last two points or at --cagr.")
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
            Projection p = cagrPct == null ? market.project(seriesId, to) : market.project(seriesId, to, cagrPct);
            common.render(() -> MarketJson.Projected.of(p), () -> table(p).toCsv(), () -> text(p));
        }

        static Table table(Projection p) {
            Table t = new Table(List.of("series", "unit", "base_year", "base_value", "to_year", "years", "cagr_pct", "cagr_basis", "value"));
            t.add(p.series().id(), p.series().unit(), String.valueOf(p.base().year()), plain(p.base().value()),
                    String.valueOf(p.toYear()), String.valueOf(p.years()), plain(round(p.cagrPct(), 3)), p.basis(),
                    plain(Math.rint(p.value())));
            return t;
        }

        static String text(Projection p) {
            MarketSeries s = p.series();
            String basis = p.impliedBy().map(c -> "implied by the " + c.from().year() + " and " + c.to().year() + " points")
                    .orElse("given");
            return s.name() + " (" + s.id() + ") projected to " + p.toYear() + "\n"
                    + "  base  " + p.base().year() + "  " + amountText(p.base().value(), s) + " (" + p.base().kind().key() + ")\n"
                    + "  CAGR  " + pct(p.cagrPct()) + " a year, " + basis + "\n"
                    + "  " + p.toYear() + "  " + amountText(p.value(), s) + " = base x " + fixed(1 + p.cagrPct() / 100, 4) + "^" + p.years()
                    + " (projection, not a source's figure)\n"
                    + "Source of the base figures: " + s.source() + "\n";
        }
    }

    /** {@code market check}: every stated CAGR against its own endpoints. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Recompute every stated CAGR from its endpoints; consistent when within 0.5 percentage points.")
    static final class CheckCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Override
        public void run() {
            common.checkFormat();
            List<CagrCheck> checks = Market.builtIn().check();
            common.render(() -> MarketJson.Checks.of(checks), () -> csv(checks).toCsv(), () -> text(checks));
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
            return v >= 1e9 ? "$" + fixed(v / 1e9, 3) + "B" : v >= 1e6 ? "$" + fixed(v / 1e6, 3) + "M" : String.format(Locale.ROOT, "$%,.0f", v);
        }
        return String.format(Locale.ROOT, "%,.0f units", v);
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
