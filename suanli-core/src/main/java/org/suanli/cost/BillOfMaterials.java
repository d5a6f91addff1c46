package org.suanli.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.compliance.ExportClassifier;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.BomLine;
import org.suanli.hardware.Server;

/**
 * A server's bill of materials analysed: total, share of each category (the seed's "GPUs are
 * 72.6% of a DGX H100"), share made by Chinese vendors (the seed's domestic-substitution question),
 * and the export-control verdict of each accelerator line under a chosen rule.
 */
public record BillOfMaterials(Server server, List<BomLine> lines, double totalUsd, Map<String, Double> categoryShares,
                              double chineseShare, Map<String, String> exportVerdicts) {

    /** Analyses {@code server}'s catalog BOM; verdicts under {@code rule} (e.g. "2023-10"). */
    public static BillOfMaterials of(Server server, Catalog catalog, String rule) {
        List<BomLine> lines = server.bom();
        double total = lines.stream().mapToDouble(BomLine::totalUsd).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        double chinese = 0;
        Map<String, String> verdicts = new LinkedHashMap<>();
        ExportClassifier classifier = ExportClassifier.builtIn();
        for (BomLine l : lines) {
            shares.merge(l.category(), l.totalUsd() / total, Double::sum);
            if (l.country().equals("CN")) {
                chinese += l.totalUsd() / total;
            }
            if (l.ref().isPresent() && catalog.find(Kind.ACCELERATOR, l.ref().get()).isPresent()) {
                Accelerator a = catalog.accelerator(l.ref().get());
                verdicts.put(l.part(), classifier.classify(a, rule).rules().get(0).verdict());
            }
        }
        return new BillOfMaterials(server, lines, total, shares, chinese, verdicts);
    }
}
