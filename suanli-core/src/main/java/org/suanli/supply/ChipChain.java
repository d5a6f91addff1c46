package org.suanli.supply;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The supply chain of one accelerator, link by link: designer and its country (catalog), foundry, node and the
 * foundry's country (parsed from the catalog's process), packaging (sourced, or empty when not published), HBM
 * generation (the catalog's memory type) with its bandwidth per stack, and the HBM makers with their countries where a
 * source names them. {@code rules} are the rules that touch each link under the chosen chip rule.
 *
 * @param foundryCountry empty when the foundry is not published or not in supply-chain.yaml
 * @param hbmGeneration empty for a part without HBM (GDDR, LPDDR, DDR or unpublished memory)
 */
public record ChipChain(String id, String name, String designer, String designerCountry, Optional<String> foundry,
                        Optional<String> foundryCountry, String node, OptionalDouble nodeNm, Optional<Sourced> packaging,
                        Optional<String> hbmGeneration, OptionalDouble hbmPerStackGbPerS, List<Maker> hbmMakers,
                        List<Sourced> notes, List<RuleTouch> rules) {
    public ChipChain {
        hbmMakers = List.copyOf(hbmMakers);
        notes = List.copyOf(notes);
        rules = List.copyOf(rules);
    }

    /** The links a domestic (Chinese) part is judged on, each "CN", another country code, or "unknown". */
    public record Link(String link, String what, String country) {
    }

    /** Returns the links designer, foundry and (for an HBM part) hbm with their countries; unknown where not published. */
    public List<Link> links() {
        List<Link> out = new java.util.ArrayList<>();
        out.add(new Link("designer", designer, designerCountry));
        out.add(new Link("foundry", foundry.map(f -> f + " " + node).orElse("not published (" + node + ")"),
                foundryCountry.orElse("unknown")));
        if (hbmGeneration.isPresent()) {
            List<String> countries = hbmMakers.stream().map(Maker::country).distinct().toList();
            String makers = hbmMakers.isEmpty() ? "makers not published"
                    : String.join(" / ", hbmMakers.stream().map(m -> m.name() + " (" + m.country() + ")").toList());
            out.add(new Link("hbm", hbmGeneration.get() + ", " + makers, countries.isEmpty() ? "unknown" : String.join("/", countries)));
        }
        return out;
    }

    /** Returns the links that are not confirmed Chinese (another country, several countries, or unknown). */
    public List<Link> foreignOrUnknownLinks() {
        return links().stream().filter(l -> !l.country().equals("CN")).toList();
    }

    /** Returns a one-line summary of the HBM link: generation, makers and their countries, or why it is absent. */
    public String hbmSummary() {
        return links().stream().filter(l -> l.link().equals("hbm")).findFirst().map(l -> l.what() + " [" + l.country() + "]")
                .orElse("no HBM");
    }
}
