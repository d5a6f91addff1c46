package org.suanli.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.suanli.report.json.ValidationJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import org.suanli.validation.Constant;
import org.suanli.validation.ValidationPool;
import org.suanli.validation.ValidationRow;
import org.suanli.validation.ValidationSuite;
import org.suanli.validation.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli validate}: predicted vs published, per row, in sample and held out, as MAPE per suite and per family. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare predictions with published measurements (validation/*.yaml): error per row in sample and held out "
                + "(each fitted constant refitted without the row), MAPE per suite and per hardware family.")
final class ValidateCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--suite", paramLabel = "NAME", description = "megatron-2021, megatron-2021-estimates, nemo-h100, inference-published, "
            + "inference-ttft, cross-vendor, frontier, a suite file, or all (default).", defaultValue = "all")
    String suite;

    @Option(names = "--markdown", description = "Print Markdown tables (used to generate docs/MODEL.md).")
    boolean markdown;

    @Option(names = "--write-envelope", paramLabel = "FILE", description = "Run every built-in suite and write the validated envelope "
            + "that confidence bands come from (validation/envelope.yaml; docs/update-validation.sh runs this).")
    java.nio.file.Path envelope;

    @Override
    public void run() {
        common.checkFormat();
        if (markdown && (common.format() != OutputFormat.TABLE)) {
            throw new UsageException("--markdown cannot be used with --json or --csv; expected one output format");
        }
        if (envelope != null && (common.format() != OutputFormat.TABLE || markdown)) {
            throw new UsageException("--write-envelope writes a YAML file and prints one line; expected no --json, --csv or --markdown with it");
        }
        var catalog = common.catalog();
        if (envelope != null) {
            OutputFiles.write("--write-envelope", envelope, org.suanli.validation.Envelope.compute(catalog).toYaml());
            common.print("envelope written to " + envelope + "\n");
            return;
        }
        List<String> names = suite.equals("all") ? Validator.SUITES : List.of(suite);
        List<Validator.Report> reports = new ArrayList<>();
        try (LongRun run = new LongRun("validating", " suites", names.size(), common.format() == OutputFormat.TABLE && !markdown)) {
            for (String name : names) {
                if (run.cancelled()) {
                    break;
                }
                reports.add(Validator.run(Validator.load(name), catalog));
                run.progress().accept(reports.size());
            }
            run.endBar();
            List<ValidationPool.Report> pools = ValidationPool.overBuiltInSuites(reports);
            common.render(() -> ValidationJson.Suites.of(reports, pools), () -> csv(reports).toCsv(), () -> text(reports, names.size(), pools));
        }
    }

    private String text(List<Validator.Report> reports, int suites, List<ValidationPool.Report> pools) {
        StringBuilder sb = new StringBuilder();
        for (Validator.Report r : reports) {
            sb.append(text(r));
        }
        if (!pools.isEmpty()) {
            sb.append(pools(pools));
        }
        if (reports.size() < suites) {
            sb.append("interrupted: ").append(reports.size()).append(" of ").append(suites).append(" suites validated\n");
        }
        return sb.toString();
    }

    /** One CSV row per validation row of every suite (the suite in the first column). */
    private static Table csv(List<Validator.Report> reports) {
        Table t = new Table(List.of("suite", "row", "family", "preset", "metric", "gpus", "published", "predicted", "error_pct",
                "held_out_predicted", "held_out_error_pct", "source"));
        for (Validator.Report r : reports) {
            for (Validator.RowResult row : r.rows()) {
                t.add(r.suite().name(), row.row().id(), row.family(), row.preset(), r.suite().metricOf(row.row()),
                        String.valueOf(row.row().gpus()), String.valueOf(row.row().published()), String.valueOf(row.predicted()),
                        String.valueOf(row.errorPct()), String.valueOf(row.heldOutPredicted()), String.valueOf(row.heldOutErrorPct()),
                        row.row().source());
            }
        }
        return t;
    }

    private String text(Validator.Report r) {
        ValidationSuite s = r.suite();
        Table t = new Table(List.of("row", "family", "GPUs", "layout", "published", "predicted", "error", "held out")).alignRight(2, 4, 5, 6, 7);
        for (Validator.RowResult row : r.rows()) {
            t.add(row.row().id(), row.family(), String.valueOf(row.row().gpus()), layout(row.row().layout()), Units.num(row.row().published()),
                    Units.num(row.predicted()), pct(row.errorPct()), pct(row.heldOutErrorPct()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(markdown ? "### " : "").append("Suite ").append(s.name()).append(": ").append(s.description()).append('\n');
        sb.append("metric ").append(s.metric()).append('\n');
        for (Constant c : r.fitted()) {
            sb.append("fitted on ").append(String.join(" + ", c.suites())).append(": ").append(c.label()).append(" = ")
                    .append(c.name().equals("e2e") ? Units.num(c.value()) : Units.formatTime(c.value())).append('\n');
        }
        sb.append('\n').append(markdown ? t.toMarkdown() : t.toText()).append('\n');
        if (r.byFamily().size() > 1) {
            Table f = new Table(List.of("family", "rows", "MAPE", "held-out MAPE", "held-out worst")).alignRight(1, 2, 3, 4);
            r.byFamily().forEach((k, x) -> f.add(k, String.valueOf(x.rows()), pct2(x.mapePct()), pct2(x.heldOutMapePct()),
                    pct2(x.heldOutMaxErrorPct())));
            sb.append(markdown ? f.toMarkdown() : f.toText()).append('\n');
        }
        for (ValidationRow row : r.notExpressible()) {
            sb.append("not expressible: ").append(row.id()).append(": ").append(row.notExpressible().orElse("")).append('\n');
        }
        if (!r.notExpressible().isEmpty()) {
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "MAPE %.2f%% (bound %.1f%%), worst row %.2f%% (bound %.1f%%); held out: MAPE %.2f%%%s, worst %.2f%%: %s%n%n",
                r.mapePct(), s.mapeBoundPct(), r.maxErrorPct(), s.maxErrorBoundPct(), r.heldOutMapePct(),
                Double.isNaN(s.heldOutMapeBoundPct()) ? "" : String.format(Locale.ROOT, " (bound %.1f%%)", s.heldOutMapeBoundPct()),
                r.heldOutMaxErrorPct(), r.withinBounds() ? "within bounds" : "OUT OF BOUNDS"));
        return sb.toString();
    }

    /** The cross-suite pools (validation/pools.yaml): rows of one metric from every suite, held-out MAPE against the pool's bound. */
    private String pools(List<ValidationPool.Report> pools) {
        Table t = new Table(List.of("pool", "metrics", "rows", "suites", "MAPE", "held-out MAPE", "held-out worst", "bound", "status"))
                .alignRight(2, 4, 5, 6, 7);
        for (ValidationPool.Report p : pools) {
            t.add(p.pool().id(), String.join(", ", p.pool().metrics()), String.valueOf(p.members().size()), String.join(", ", p.suites()),
                    pct2(p.mapePct()), pct2(p.heldOutMapePct()), pct2(p.heldOutMaxErrorPct()),
                    String.format(Locale.ROOT, "%.1f%%", p.pool().heldOutMapeBoundPct()), p.withinBounds() ? "within bound" : "OUT OF BOUND");
        }
        return (markdown ? "### " : "") + "Pools across suites (validation/pools.yaml): every row of the listed metrics, whichever suite holds it\n\n"
                + (markdown ? t.toMarkdown() : t.toText()) + "\n";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v);
    }

    private static String pct2(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v);
    }

    /** A row's layout in a few words: static batch, offline serving, or training parallelism. */
    private static String layout(Map<String, Object> l) {
        String tp = "tp" + l.getOrDefault("tp", 1);
        if ("offline".equals(l.get("scenario"))) {
            return tp + " offline max" + l.get("max_seqs") + " " + l.getOrDefault("weights", "bf16");
        }
        if (l.containsKey("batch")) {
            return tp + " b" + l.get("batch") + " in" + l.get("input_len") + " out" + l.get("output_len") + " " + l.getOrDefault("weights", "bf16");
        }
        return tp + " pp" + l.getOrDefault("pp", 1) + (l.containsKey("cp") && !l.get("cp").toString().equals("1") ? " cp" + l.get("cp") : "")
                + (l.containsKey("vpp") ? " v" + l.get("vpp") : "") + " mb" + l.getOrDefault("micro_batch", 1) + " gb" + l.getOrDefault("global_batch", "?");
    }
}
