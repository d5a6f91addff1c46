package org.suanli.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.compliance.Classification;
import org.suanli.compliance.ExportClassifier;
import org.suanli.compliance.ExportRule;
import org.suanli.compliance.RuleVerdict;
import org.suanli.report.CatalogView;
import org.suanli.report.Field;
import org.suanli.report.Json;
import org.suanli.report.json.CatalogEntryJson;
import org.suanli.report.json.ClassificationJson;
import org.suanli.report.json.DemoJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
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
        common.checkFormat();
        if (common.format() == OutputFormat.CSV) {
            throw new UsageException("--csv: the demo is two tables of different shapes; expected --json or no format option "
                    + "(catalog compare --csv and classify --csv give each as CSV)");
        }
        Catalog c = common.catalog();
        ExportClassifier classifier = ExportClassifier.builtIn();
        Map<String, Classification> chips = new LinkedHashMap<>();
        for (String id : CHIPS) {
            chips.put(id, classifier.classify(c.accelerator(id), "all"));
        }
        if (common.format() == OutputFormat.JSON) {
            common.print(Json.write(new DemoJson(SERVERS.stream().map(id -> CatalogEntryJson.of(Kind.SERVER.singular(), c.server(id))).toList(),
                    chips.values().stream().map(ClassificationJson::of).toList())));
            return;
        }
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
        Table verdicts = new Table(List.of("chip", "TPP", "PD", "Oct 2022 rule", "Oct 2023 rule", "Jan 2026 rule"));
        chips.forEach((id, cls) -> verdicts.add(id, tpp(cls), pd(cls), verdict(cls.rules(), "2022-10"), verdict(cls.rules(), "2023-10"),
                verdict(cls.rules(), "2026-01")));
        sb.append(verdicts.toText()).append('\n');
        sb.append(why(classifier, chips));
        sb.append("Next: `suanli classify h20` for the arithmetic, `suanli catalog compare h100-sxm h800-sxm h20`,\n")
          .append("`suanli catalog list --kind accelerator`.\n");
        common.print(sb.toString());
    }

    /** The story of the table, every figure in it computed from the catalog and the rules (none typed in). */
    private static String why(ExportClassifier classifier, Map<String, Classification> chips) {
        Classification a800 = chips.get("a800-sxm-80gb");
        Classification h800 = chips.get("h800-sxm");
        Classification h20 = chips.get("h20");
        return "Why: the Oct 2022 rule controlled a chip when " + conditions(classifier, "2022-10", "controlled") + ";\n"
                + "the A800 and H800 cut I/O to " + io(a800) + " and " + io(h800) + " and escaped it (" + verdict(a800.rules(), "2022-10")
                + ", " + verdict(h800.rules(), "2022-10") + ").\n"
                + "Oct 2023 dropped the I/O test and added performance density (" + conditions(classifier, "2023-10", "3A090.a") + "),\n"
                + "which caught them (" + verdict(a800.rules(), "2023-10") + ", " + verdict(h800.rules(), "2023-10") + "); the H20 was cut to TPP "
                + tpp(h20) + " / PD " + pd(h20) + " (Oct 2023: " + verdict(h20.rules(), "2023-10") + ").\n\n";
    }

    /** Returns a rule's tests for a verdict as people write them, e.g. "I/O >= 600 GB/s AND TPP >= 4800", clauses joined by "or". */
    private static String conditions(ExportClassifier classifier, String ruleId, String verdict) {
        ExportRule rule = classifier.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow();
        return String.join(" or ", rule.clauses().stream().filter(cl -> cl.verdict().equals(verdict))
                .map(cl -> String.join(" AND ", cl.when().stream().map(DemoCommand::readable).toList())).toList());
    }

    private static String readable(String test) {
        String t = test.replace("io_gb_s", "I/O").replace("tpp", "TPP").replace("pd", "PD");
        return test.startsWith("io_gb_s") ? t + " GB/s" : t;
    }

    private static String tpp(Classification cls) {
        return cls.parameters().tpp().isPresent() ? Units.num(Math.round(cls.parameters().tpp().getAsDouble())) : "?";
    }

    private static String pd(Classification cls) {
        return cls.parameters().performanceDensity().isPresent() ? Units.num(cls.parameters().performanceDensity().getAsDouble()) : "?";
    }

    private static String io(Classification cls) {
        return cls.parameters().ioGbPerS().isPresent() ? Units.num(cls.parameters().ioGbPerS().getAsDouble()) + " GB/s" : "an unknown I/O";
    }

    private static String verdict(List<RuleVerdict> rules, String id) {
        return rules.stream().filter(r -> r.rule().equals(id)).map(RuleVerdict::verdict).findFirst().orElse("");
    }
}
