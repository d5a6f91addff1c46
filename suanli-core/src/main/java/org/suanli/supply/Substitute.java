package org.suanli.supply;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a domestic (Chinese) substitute for one foreign line of a bill needs: the line, its country, the rules that touch
 * it, the closest Chinese part in the catalog (empty when the catalog holds none of its kind) and the gaps between them.
 */
public record Substitute(String part, String category, String country, List<RuleTouch> rules, Optional<String> domesticId,
                         String domesticName, String basis, List<Gap> gaps, List<RuleTouch> domesticRules) {
    public Substitute {
        rules = List.copyOf(rules);
        gaps = List.copyOf(gaps);
        domesticRules = List.copyOf(domesticRules);
    }

    /**
     * One difference between the foreign part and its domestic substitute; {@code ratio} is domestic / foreign where both
     * are numbers (0.32 = the substitute has 32% of the foreign part's figure), empty for a qualitative link.
     */
    public record Gap(String metric, String foreign, String domestic, OptionalDouble ratio) {
    }
}
