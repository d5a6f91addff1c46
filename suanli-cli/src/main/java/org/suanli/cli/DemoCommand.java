package org.suanli.cli;

import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.compliance.ExportClassifier;
import org.suanli.compliance.RuleVerdict;
import org.suanli.report.CatalogView;
import org.suanli.report.Field;
import org.suanli.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code suanli demo}: a guided first run on built-in data — the seed report's AI servers side by
 * side, then why the A100 was export-controlled and the A800 and H20 were built the way they were.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "A guided tour on built-in data: the seed's servers and export-control verdicts.")
final class DemoCommand implements Runnable {
    static final List<String> SERVERS = List.of("dgx-a100", "nf5688m6", "x660-g45-lp", "dgx-h100", "hgx-h800", "hgx-h20", "atlas-800t-a2");
    static final List<String> CHIPS = List.of("a100-sxm-80gb", "a800-sxm-80gb", "h100-sxm", "h800-sxm", "h20", "ascend-910b");

    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        Catalog c = common.catalog();
        StringBuilder sb = new StringBuilder();
        sb.append("Suanli demo: the AI servers of the seed report, side by side\n");
        sb.append("(each figure from the built-in catalog; `suanli catalog show ID` gives its source)\n\n");
        List<String> header = new java.util.ArrayList<>(List.of(""));
        header.addAll(SERVERS);
        Table servers = new Table(header);
        List<List<Field>> cols = SERVERS.stream().map(id -> CatalogView.fields(c.server(id))).toList();
        for (String key : List.of("vendor", "accelerator", "accelerator_count", "scale_up_bytes_per_s_bidirectional", "cpu", "peak_16bit_pflops",
                "accelerator_memory_bytes", "scale_out_bytes_per_s", "power_w", "price_usd")) {
            List<String> row = new java.util.ArrayList<>();
            row.add(cols.get(0).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow().label());
            cols.forEach(col -> row.add(CatalogCommand.value(col, key)));
            servers.add(row);
        }
        sb.append(servers.toText()).append('\n');
        sb.append("Export control (US ECCN 3A090), parameter tests only:\n\n");
        ExportClassifier classifier = ExportClassifier.builtIn();
        Table verdicts = new Table(List.of("chip", "TPP", "PD", "Oct 2022 rule", "Oct 2023 rule", "Jan 2026 rule"));
        for (String id : CHIPS) {
            var cls = classifier.classify(c.accelerator(id), "all");
            verdicts.add(id,
                    cls.parameters().tpp().isPresent() ? org.suanli.units.Units.num(Math.round(cls.parameters().tpp().getAsDouble())) : "?",
                    cls.parameters().performanceDensity().isPresent() ? org.suanli.units.Units.num(cls.parameters().performanceDensity().getAsDouble()) : "?",
                    verdict(cls.rules(), "2022-10"), verdict(cls.rules(), "2023-10"), verdict(cls.rules(), "2026-01"));
        }
        sb.append(verdicts.toText()).append('\n');
        sb.append("Why: the Oct 2022 rule needed TPP >= 4800 AND I/O >= 600 GB/s, so cutting NVLink to 400 GB/s\n")
          .append("(A800, H800) escaped it; Oct 2023 dropped the I/O test and added performance density, which\n")
          .append("caught them, and the H20 was cut to TPP 2,368 / PD 2.91, just under every 2023 threshold.\n\n")
          .append("Next: `suanli classify h20` for the arithmetic, `suanli catalog compare h100-sxm h800-sxm h20`,\n")
          .append("`suanli catalog list --kind accelerator`.\n");
        common.print(sb.toString());
    }

    private static String verdict(List<RuleVerdict> rules, String id) {
        return rules.stream().filter(r -> r.rule().equals(id)).map(RuleVerdict::verdict).findFirst().orElse("");
    }
}
