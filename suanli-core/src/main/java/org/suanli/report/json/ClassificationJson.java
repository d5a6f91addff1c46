package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.OptionalDouble;
import org.suanli.compliance.ChipParameters;
import org.suanli.compliance.Classification;
import org.suanli.supply.ChipChain;

/**
 * An accelerator's export-control classification ({@code suanli classify --json}): the 3A090 parameters, rounded to
 * two decimals (null where unknown), the verdict of each rule with its clause and reason, and the part's supply chain
 * (designer, foundry, packaging, HBM, their countries and the rules touching each link).
 */
@JsonNaming(SnakeCase.class)
public record ClassificationJson(String id, String name, Double tpp, String tppPrecision, Double performanceDensity,
                                 Double ioBidirectionalGbPerS, Double dramGbPerS, List<Rule> rules,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) ChainJson supplyChain) {

    /** One rule's verdict. */
    public record Rule(String rule, String verdict, String clause, String reason) {
    }

    /** Returns classification {@code c} without the supply chain (the demo's export-control table). */
    public static ClassificationJson of(Classification c) {
        return of(c, null);
    }

    /** Returns classification {@code c} with the accelerator's supply chain {@code chain} (null: left out). */
    public static ClassificationJson of(Classification c, ChipChain chain) {
        ChipParameters p = c.parameters();
        return new ClassificationJson(c.id(), c.name(), round2(p.tpp()), p.tppPrecision().map(x -> x.key()).orElse(null),
                round2(p.performanceDensity()), round2(p.ioGbPerS()), round2(p.dramGbPerS()),
                c.rules().stream().map(v -> new Rule(v.rule(), v.verdict(), v.clause(), v.reason())).toList(),
                chain == null ? null : ChainJson.of(chain));
    }

    private static Double round2(OptionalDouble v) {
        return v.isPresent() ? Math.round(v.getAsDouble() * 100) / 100.0 : null;
    }
}
