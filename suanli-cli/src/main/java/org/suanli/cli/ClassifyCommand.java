package org.suanli.cli;

import java.util.List;
import org.suanli.compliance.Classification;
import org.suanli.compliance.ExportClassifier;
import org.suanli.report.json.ClassificationJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suanli classify ID}: US export-control (3A090) verdicts with their arithmetic. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Export-control classification of an accelerator under the US 3A090 rules, with the TPP/PD arithmetic.")
final class ClassifyCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--rule", paramLabel = "NAME", defaultValue = "all",
            description = "Rule by date (2022-10, 2023-10, 2024-12, 2025-01, 2026-01) or all (default).")
    String rule;

    @Parameters(paramLabel = "ID", description = "Accelerator id, e.g. a100-sxm-80gb, h20, ascend-910b.")
    String id;

    @Override
    public void run() {
        common.checkFormat();
        var accelerator = common.catalog().accelerator(id);
        Classification c = ExportClassifier.builtIn().classify(accelerator, rule);
        common.render(() -> ClassificationJson.of(c), () -> table(c).toCsv(), () -> text(c));
    }

    static Table table(Classification c) {
        Table t = new Table(List.of("rule", "verdict", "clause", "reason")).wrap(3, 70);
        c.rules().forEach(v -> t.add(v.rule(), v.verdict(), v.clause(), v.reason()));
        return t;
    }

    static String text(Classification c) {
        var p = c.parameters();
        StringBuilder sb = new StringBuilder();
        sb.append(c.name()).append(" (").append(c.id()).append(")\n");
        sb.append("  TPP                  ").append(p.tpp().isPresent()
                ? Units.num(p.tpp().getAsDouble()) + " (dense peak x bit length, max at " + p.tppPrecision().get().key() + ")"
                : "unknown: no published peak rate").append('\n');
        sb.append("  performance density  ").append(p.performanceDensity().isPresent()
                ? Units.num(p.performanceDensity().getAsDouble()) + " (TPP / die area)" : "unknown: die area not published").append('\n');
        sb.append("  I/O (bidirectional)  ").append(p.ioGbPerS().isPresent()
                ? Units.num(p.ioGbPerS().getAsDouble()) + " GB/s" + (p.ioIsLowerBound() ? " (scale-up only; host interface unknown)" : "")
                : "unknown").append('\n');
        sb.append("  DRAM bandwidth       ").append(p.dramGbPerS().isPresent() ? Units.num(p.dramGbPerS().getAsDouble()) + " GB/s" : "unknown")
                .append("\n\n");
        sb.append(table(c).toText());
        sb.append("\nParametric only: whether a licence is needed also depends on destination, end user and whether the item is subject to the EAR.\n");
        return sb.toString();
    }
}
