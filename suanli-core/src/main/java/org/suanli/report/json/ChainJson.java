package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.supply.ChipChain;
import org.suanli.supply.RuleTouch;

/**
 * One accelerator's supply chain in JSON ({@code classify --json}'s {@code supply_chain}, and each accelerator line of
 * {@code cost --bom --json}): designer, foundry, node, packaging and HBM with their countries (null where not published),
 * each link's country, and the rules that touch the links.
 */
@JsonNaming(SnakeCase.class)
public record ChainJson(String designer, String designerCountry, String foundry, String foundryCountry, String node, String packaging,
                        String packagingSource, String hbmGeneration, Double hbmPerStackGbPerS, List<Maker> hbmMakers, List<Link> links,
                        List<Rule> rules, List<String> notes) {

    /** An HBM maker, its country and the source that names it. */
    @JsonNaming(SnakeCase.class)
    public record Maker(String name, String country, String source) {
    }

    /** One link (designer, foundry, hbm) with its country: a code, several joined by '/', or "unknown". */
    @JsonNaming(SnakeCase.class)
    public record Link(String link, String what, String country) {
    }

    /** A rule touching a link: the link, the rule id and name, its verdict or effect, and its citation. */
    @JsonNaming(SnakeCase.class)
    public record Rule(String link, String rule, String name, String verdict, String citation) {
        static List<Rule> of(List<RuleTouch> touches) {
            return touches.stream().map(t -> new Rule(t.link(), t.rule(), t.name(), t.verdict(), t.citation())).toList();
        }
    }

    /** Returns chain {@code c} as JSON. */
    public static ChainJson of(ChipChain c) {
        return new ChainJson(c.designer(), c.designerCountry(), c.foundry().orElse(null), c.foundryCountry().orElse(null), c.node(),
                c.packaging().map(p -> p.text()).orElse(null), c.packaging().map(p -> p.source()).orElse(null),
                c.hbmGeneration().orElse(null), c.hbmPerStackGbPerS().isPresent() ? c.hbmPerStackGbPerS().getAsDouble() : null,
                c.hbmMakers().stream().map(m -> new Maker(m.name(), m.country(), m.source().source())).toList(),
                c.links().stream().map(l -> new Link(l.link(), l.what(), l.country())).toList(), Rule.of(c.rules()),
                c.notes().stream().map(n -> n.text() + " (" + n.source() + ")").toList());
    }
}
