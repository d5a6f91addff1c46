package org.suanli.cli;

import java.util.List;
import org.suanli.compliance.Classification;
import org.suanli.compliance.ExportClassifier;
import org.suanli.report.json.ClassificationJson;
import org.suanli.supply.ChipChain;
import org.suanli.supply.SupplyChain;
import org.suanli.report.Table;
import org.suanli.units.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suanli classify ID}: US export-control (3A090) verdicts with their arithmetic. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Export-control classification of an accelerator under the US 3A090 rules, with the TPP/PD arithmetic, "
                + "and its supply chain: designer, foundry and node, packaging, HBM and the rules that touch each link.")
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
        ChipChain chain = SupplyChain.builtIn().chain(accelerator, rule);
        common.render(() -> ClassificationJson.of(c, chain), () -> table(c).toCsv(), () -> text(c) + chainText(chain));
    }

    static Table table(Classification c) {
        Table t = new Table(List.of("rule", "verdict", "clause", "reason")).wrap(3, 70);
        c.rules().forEach(v -> t.add(v.rule(), v.verdict(), v.clause(), v.reason()));
        return t;
    }

    /** The part's supply chain, link by link with countries, and the rules that touch the links other than the chip's own. */
    static String chainText(ChipChain chain) {
        StringBuilder sb = new StringBuilder("\nSupply chain:\n");
        chain.links().forEach(l -> sb.append("  ").append(String.format(java.util.Locale.ROOT, "%-9s", l.link())).append(l.what())
                .append(" [").append(l.country()).append("]\n"));
        sb.append("  packaging ").append(chain.packaging().map(p -> p.text() + " (" + p.source() + ")").orElse("not published")).append('\n');
        if (chain.hbmPerStackGbPerS().isPresent()) {
            sb.append("  ").append(chain.hbmGeneration().get()).append(" bandwidth per stack: ").append(Units.num(chain.hbmPerStackGbPerS().getAsDouble()))
                    .append(" GB/s\n");
        }
        chain.rules().stream().filter(r -> !r.link().equals("chip") || !r.rule().matches("\\d{4}-\\d{2}")).forEach(r -> sb.append("  rule on the ")
                .append(r.link()).append(": ").append(r.rule()).append(" ").append(r.name()).append(" -> ").append(r.verdict()).append('\n'));
        chain.notes().forEach(n -> sb.append("  note: ").append(n.text()).append('\n'));
        return sb.toString();
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
