package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.supply.ServerSupply;
import org.suanli.supply.Substitute;

/**
 * A server's bill of materials ({@code suanli cost --bom --json}): its lines with prices, shares, origin and the rules on
 * each; the shares by category and by country (empty, with {@code shares_unknown_because}, when a price is missing);
 * the assumptions of a derived bill; the export verdicts under one rule; and what a domestic substitute needs.
 * Money and shares are null where unknown, never zero.
 */
@JsonNaming(SnakeCase.class)
public record BomJson(String server, String billBasis, Double usd, List<Line> lines, Map<String, Double> categoryShares,
                      Map<String, Double> countryShares, Double chineseVendorShare, String sharesUnknownBecause, List<String> assumptions,
                      String exportRule, Map<String, String> exportVerdicts, List<ChainJson.Rule> systemRules, List<Sub> substitutes) {

    /** One line of the bill: a part, how many, its unit and total price, its share and who makes it where, and on what basis. */
    @JsonNaming(SnakeCase.class)
    public record Line(String part, String category, int count, Double unitUsd, Double usd, Double share, String maker, String country,
                       String basis, String ref, ChainJson origin, List<ChainJson.Rule> rules) {
    }

    /** A foreign line's domestic substitute: the closest Chinese catalog part, the basis of the choice and the gaps. */
    @JsonNaming(SnakeCase.class)
    public record Sub(String part, String category, String country, List<ChainJson.Rule> rules, String domesticId, String domesticName,
                      String basis, List<Gap> gaps, List<ChainJson.Rule> domesticRules) {
    }

    /** One gap: the metric, the foreign and the domestic figure, and domestic / foreign where both are numbers. */
    @JsonNaming(SnakeCase.class)
    public record Gap(String metric, String foreign, String domestic, Double ratio) {
    }

    /** Returns bill {@code b} as JSON. */
    public static BomJson of(ServerSupply b) {
        Double total = d(b.totalUsd());
        List<Line> lines = b.lines().stream().map(l -> new Line(l.part(), l.category(), l.count(), d(l.unitUsd()), d(l.totalUsd()),
                total == null ? null : l.totalUsd().getAsDouble() / total, l.maker(), l.country(), l.basis(), l.ref().orElse(null),
                l.chain().map(ChainJson::of).orElse(null), ChainJson.Rule.of(l.rules()))).toList();
        List<Sub> subs = b.substitutes().stream().map(BomJson::sub).toList();
        return new BomJson(b.server().id(), b.basis(), total, lines, b.categoryShares(), b.countryShares(), d(b.chineseShare()),
                b.sharesUnknownBecause().orElse(null), b.assumptions(), b.rule(), b.exportVerdicts(), ChainJson.Rule.of(b.systemRules()), subs);
    }

    private static Sub sub(Substitute s) {
        return new Sub(s.part(), s.category(), s.country(), ChainJson.Rule.of(s.rules()), s.domesticId().orElse(null), s.domesticName(),
                s.basis(), s.gaps().stream().map(g -> new Gap(g.metric(), g.foreign(), g.domestic(), d(g.ratio()))).toList(),
                ChainJson.Rule.of(s.domesticRules()));
    }

    private static Double d(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
