package org.suanli.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.suanli.market.Demand;
import org.suanli.report.json.DemandJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code suanli market demand FILE}: the servers, GPUs, power and spend a year's training runs need. */
@Command(name = "demand", mixinStandardHelpOptions = true,
        description = "Plan every training run (year, model, tokens, days, server, count) and serving load (year, model, rate, "
                + "ttft_p99, tpot_p99, server, count) of a demand file and sum servers, GPUs, power and capital by year.")
final class MarketDemandCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "Demand YAML, e.g. examples/demand.yaml.")
    Path file;

    @Override
    public void run() {
        common.checkFormat();
        Demand.Report r;
        // planning each entry searches layouts or simulates fleets: a bar on a terminal; Ctrl-C prints the entries planned
        try (LongRun run = new LongRun("planning demand", " entries", -1, common.format() == OutputFormat.TABLE)) {
            r = Demand.plan(file, common.catalog(), run.progress(), run.cancel);
            run.endBar();
            // three tables of different columns, each CSV with its header, separated by a blank line (as catalog efficiencies --csv)
            common.render(() -> DemandJson.of(r), () -> runs(r).toCsv() + "\n" + serving(r).toCsv() + "\n" + years(r).toCsv(), () -> text(r));
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

    private static String text(Demand.Report r) {
        return (r.complete() ? "" : String.format(Locale.ROOT, "interrupted: %d of %d entries planned; the totals are theirs%n%n", r.planned(),
                r.entries()))
                + (r.runs().isEmpty() ? "" : "Training runs, each on the smallest cluster that meets its deadline:\n\n" + runs(r).toText() + "\n")
                + (r.serving().isEmpty() ? "" : "Serving loads, each on the cheapest fleet that meets its p99 targets:\n\n" + serving(r).toText() + "\n")
                + "By year (every run and load of the year at once):\n\n" + years(r).toText();
    }
}
