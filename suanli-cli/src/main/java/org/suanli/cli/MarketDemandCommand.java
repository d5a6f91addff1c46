package org.suanli.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.suanli.market.Demand;
import org.suanli.market.DemandVsShipments;
import org.suanli.market.Market;
import org.suanli.market.ReportedFigure;
import org.suanli.market.Shipments;
import org.suanli.report.json.DemandJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code suanli market demand FILE [--shipments YEAR]}: the servers, GPUs, power and spend a year's training runs and
 * serving loads need, and with {@code --shipments} their share of that year's reported global AI-server shipments.
 */
@Command(name = "demand", mixinStandardHelpOptions = true,
        description = "Plan every training run (year, model, tokens, days, server, count) and serving load (year, model, rate, "
                + "ttft_p99, tpot_p99, server, count) of a demand file and sum servers, GPUs, power and capital by year; with "
                + "--shipments YEAR, set them against that year's reported global AI-server shipments.")
final class MarketDemandCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "Demand YAML, e.g. examples/demand.yaml.")
    Path file;

    @Option(names = "--shipments", paramLabel = "YEAR", description = "Set the demand against the global AI-server shipments reported "
            + "for YEAR (TrendForce; a forecast or a count derived from a growth rate where no count was published, labelled so).")
    Integer shipmentsYear;

    @Override
    public void run() {
        common.checkFormat();
        // the year is checked before any planning, so a year without shipments costs nothing
        Optional<Shipments> shipments = shipmentsYear == null ? Optional.empty() : Optional.of(Market.builtIn().shipments(shipmentsYear));
        Demand.Report r;
        // planning each entry searches layouts or simulates fleets: a bar on a terminal; Ctrl-C prints the entries planned
        try (LongRun run = new LongRun("planning demand", " entries", -1, common.format() == OutputFormat.TABLE)) {
            r = Demand.plan(file, common.catalog(), run.progress(), run.cancel);
            run.endBar();
            // three tables of different columns, each CSV with its header, separated by a blank line (as catalog efficiencies --csv)
            Optional<DemandVsShipments> against = shipments.map(s -> DemandVsShipments.of(r, s));
            common.render(() -> DemandJson.of(r, against), () -> runs(r).toCsv() + "\n" + serving(r).toCsv() + "\n" + years(r).toCsv()
                    + against.map(a -> "\n" + sharesCsv(a).toCsv()).orElse(""), () -> text(r) + against.map(a -> "\n" + text(a)).orElse(""));
        }
    }

    private static Table runs(Demand.Report r) {
        Table runs = new Table(List.of("year", "model", "tokens", "within", "server", "runs", "servers", "GPUs", "days", "power", "capital"))
                .alignRight(0, 2, 3, 5, 6, 7, 8, 9, 10);
        for (Demand.RunPlan p : r.runs()) {
            runs.add(String.valueOf(p.year()), p.model(), Units.num(p.tokens() / 1e12) + "T", Units.num(p.days()) + " d", p.server(),
                    String.valueOf(p.count()), String.valueOf(p.servers()), String.valueOf(p.gpus()), Units.num(p.achievedDays()),
                    Units.formatPower(p.powerKw() * 1000), p.capexUsd().isPresent() ? Units.formatMoney(p.capexUsd().getAsDouble()) : "no price");
        }
        return runs;
    }

    private static Table serving(Demand.Report r) {
        Table serving = new Table(List.of("year", "model", "requests/s", "server", "loads", "tp", "replicas", "servers", "GPUs", "power",
                "capital")).alignRight(0, 2, 4, 5, 6, 7, 8, 9, 10);
        for (Demand.ServePlan p : r.serving()) {
            serving.add(String.valueOf(p.year()), p.model(), Units.num(p.ratePerS()), p.server(), String.valueOf(p.count()),
                    String.valueOf(p.tp()), String.valueOf(p.replicas()), String.valueOf(p.servers()), String.valueOf(p.gpus()),
                    Units.formatPower(p.powerKw() * 1000), p.capexUsd().isPresent() ? Units.formatMoney(p.capexUsd().getAsDouble()) : "no price");
        }
        return serving;
    }

    private static Table years(Demand.Report r) {
        Table years = new Table(List.of("year", "servers", "GPUs", "power", "capital")).alignRight(0, 1, 2, 3, 4);
        for (Demand.YearTotal y : r.years()) {
            years.add(String.valueOf(y.year()), String.format(Locale.ROOT, "%,d", y.servers()), String.format(Locale.ROOT, "%,d", y.gpus()),
                    Units.formatPower(y.powerKw() * 1000), Units.formatMoney(y.capexUsd()) + (y.capexComplete() ? "" : " (priced servers only)"));
        }
        return years;
    }

    private static Table shares(DemandVsShipments d) {
        Table t = new Table(List.of("demand", "servers", "share of " + d.shipments().year() + " shipments", "GPUs", "power", "capital"))
                .alignRight(1, 2, 3, 4, 5);
        for (DemandVsShipments.Row row : d.rows()) {
            t.add(row.demand(), String.format(Locale.ROOT, "%,d", row.servers()),
                    (d.shipments().qualifier().symbol().equals(">") ? "<" : "") + Units.num(row.sharePct()) + "%",
                    String.format(Locale.ROOT, "%,d", row.gpus()), Units.formatPower(row.powerKw() * 1000),
                    Units.formatMoney(row.capexUsd()) + (row.capexComplete() ? "" : " (priced servers only)"));
        }
        return t;
    }

    /** The shares as plain numbers, with the shipments they are a share of on every row. */
    private static Table sharesCsv(DemandVsShipments d) {
        Shipments s = d.shipments();
        Table t = new Table(List.of("demand", "servers", "share_of_shipments_pct", "gpus", "kw", "capex_usd", "capex_complete",
                "shipments_year", "shipments_units", "shipments_qualifier", "shipments_kind", "shipments_derived", "shipments_provider"));
        for (DemandVsShipments.Row row : d.rows()) {
            t.add(row.demand(), String.valueOf(row.servers()), String.valueOf(row.sharePct()), String.valueOf(row.gpus()),
                    String.valueOf(row.powerKw()), String.valueOf(row.capexUsd()), String.valueOf(row.capexComplete()), String.valueOf(s.year()),
                    String.valueOf(Math.round(s.units())), s.qualifier().key(), s.kind().key(), String.valueOf(s.derived()), s.provider());
        }
        return t;
    }

    private static String text(DemandVsShipments d) {
        Shipments s = d.shipments();
        StringBuilder sb = new StringBuilder();
        sb.append("Against the global AI-server shipments of ").append(s.year()).append(": ").append(s.qualifier().symbol())
                .append(String.format(Locale.ROOT, "%,.0f", s.units())).append(" servers (").append(s.provider()).append(", ")
                .append(s.derived() ? "derived, " : "").append(s.kind().key()).append(s.kind().key().equals("actual") ? "" : ", not an actual")
                .append(")\n");
        if (s.derived()) {
            sb.append("  ").append(s.arithmetic()).append('\n');
        }
        for (ReportedFigure f : s.inputs()) {
            sb.append("  ").append(f.provider()).append(", published ").append(f.published()).append(": \"").append(f.quote()).append("\"\n")
                    .append("    ").append(f.source()).append('\n');
        }
        sb.append('\n').append(shares(d).toText());
        sb.append("share = servers needed / servers shipped x 100; \"all\" = every entry of the file at once\n");
        if (!d.unpricedServers().isEmpty()) {
            sb.append("Capital covers priced servers only: no price for ").append(String.join(", ", d.unpricedServers()))
                    .append(" (their servers, GPUs and power are counted)\n");
        }
        sb.append("GPUs: the dataset has no worldwide count of accelerators shipped, so the share is of servers (TrendForce counts "
                + "servers with GPU, FPGA or ASIC accelerators)\n");
        return sb.toString();
    }

    private static String text(Demand.Report r) {
        return (r.complete() ? "" : String.format(Locale.ROOT, "interrupted: %d of %d entries planned; the totals are theirs%n%n", r.planned(),
                r.entries()))
                + (r.runs().isEmpty() ? "" : "Training runs, each on the smallest cluster that meets its deadline:\n\n" + runs(r).toText() + "\n")
                + (r.serving().isEmpty() ? "" : "Serving loads, each on the cheapest fleet that meets its p99 targets:\n\n" + serving(r).toText() + "\n")
                + "By year (every run and load of the year at once):\n\n" + years(r).toText();
    }
}
