package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import org.suanli.cost.BillOfMaterials;

/**
 * A server's bill of materials ({@code suanli cost --bom --json}): its lines with prices and shares, the share of each
 * category and of Chinese vendors, and the export-control verdict of its accelerators under one rule.
 */
@JsonNaming(SnakeCase.class)
public record BomJson(String server, double usd, List<Line> lines, Map<String, Double> categoryShares, double chineseVendorShare,
                      String exportRule, Map<String, String> exportVerdicts) {

    /** One line of the bill: a part, how many, its unit and total price, its share of the bill and who makes it where. */
    @JsonNaming(SnakeCase.class)
    public record Line(String part, String category, int count, double unitUsd, double usd, double share, String maker, String country) {
    }

    /** Returns bill {@code b} with verdicts under export rule {@code rule}. */
    public static BomJson of(BillOfMaterials b, String rule) {
        return new BomJson(b.server().id(), b.totalUsd(), b.lines().stream().map(l -> new Line(l.part(), l.category(), l.count(),
                l.unitPriceUsd(), l.totalUsd(), l.totalUsd() / b.totalUsd(), l.maker(), l.country())).toList(), b.categoryShares(),
                b.chineseShare(), rule, b.exportVerdicts());
    }
}
