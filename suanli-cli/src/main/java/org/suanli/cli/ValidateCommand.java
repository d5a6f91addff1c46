package org.suanli.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.report.Json;
import org.suanli.report.Table;
import org.suanli.units.Units;
import org.suanli.validation.ValidationSuite;
import org.suanli.validation.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli validate}: predicted vs published, per row and as MAPE. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare predictions with published measurements (validation/*.yaml): error per row and MAPE.")
final class ValidateCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--suite", paramLabel = "NAME", description = "megatron-2021, megatron-2021-estimates, nemo-h100, inference-published, inference-ttft, a suite file, or all (default).",
            defaultValue = "all")
    String suite;

    @Option(names = "--markdown", description = "Print Markdown tables (used to generate docs/MODEL.md).")
    boolean markdown;

    @Override
    public void run() {
        common.checkFormat();
        var catalog = common.catalog();
        List<String> names = suite.equals("all") ? Validator.SUITES : List.of(suite);
        List<Validator.Report> reports = new ArrayList<>();
        for (String name : names) {
            reports.add(Validator.run(Validator.load(name), catalog));
        }
        if (common.json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Validator.Report r : reports) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("suite", r.suite().name());
                m.put("metric", r.suite().metric());
                m.put("mape_pct", r.mapePct());
                m.put("max_error_pct", r.maxErrorPct());
                m.put("mape_bound_pct", r.suite().mapeBoundPct());
                m.put("max_error_bound_pct", r.suite().maxErrorBoundPct());
                m.put("within_bounds", r.withinBounds());
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Validator.RowResult row : r.rows()) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("id", row.row().id());
                    x.put("published", row.row().published());
                    x.put("predicted", row.predicted());
                    x.put("error_pct", row.errorPct());
                    x.put("source", row.row().source());
                    rows.add(x);
                }
                m.put("rows", rows);
                out.add(m);
            }
            common.print(Json.write(Map.of("suites", out)));
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Validator.Report r : reports) {
            ValidationSuite s = r.suite();
            Table t = new Table(List.of("row", "model", "GPUs", "layout", "published", "predicted", "error")).alignRight(2, 4, 5, 6);
            for (Validator.RowResult row : r.rows()) {
                t.add(row.row().id(), row.row().model(), String.valueOf(row.row().gpus()), layout(row.row().layout()), Units.num(row.row().published()),
                        Units.num(row.predicted()), String.format(java.util.Locale.ROOT, "%+.1f%%", row.errorPct()));
            }
            String head = (markdown ? "### " : "") + "Suite " + s.name() + ": " + s.description() + "\nmetric " + s.metric() + "\n";
            String tail = String.format(java.util.Locale.ROOT, "MAPE %.2f%% (bound %.1f%%), worst row %.2f%% (bound %.1f%%): %s%n",
                    r.mapePct(), s.mapeBoundPct(), r.maxErrorPct(), s.maxErrorBoundPct(), r.withinBounds() ? "within bounds" : "OUT OF BOUNDS");
            sb.append(head).append('\n').append(markdown ? t.toMarkdown() : common.csv ? t.toCsv() : t.toText()).append('\n').append(tail).append('\n');
        }
        common.print(sb.toString());
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
