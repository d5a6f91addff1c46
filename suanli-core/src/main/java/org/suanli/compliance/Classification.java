package org.suanli.compliance;

import java.util.List;

/** Every requested rule's verdict for one chip, with the parameters they were computed from. */
public record Classification(String id, String name, ChipParameters parameters, List<RuleVerdict> rules) {
    public Classification {
        rules = List.copyOf(rules);
    }
}
