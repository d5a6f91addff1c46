package org.suanli.compliance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One export-control rule as data (resources/compliance/rules.yaml): ordered clauses, each a
 * conjunction of parameter tests, the verdict when none holds, and optionally a precondition on
 * another rule's verdict (later rules refine 3A090 items) and origins it does not cover.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ExportRule(String id, String name, String citation, List<Clause> clauses, String otherwise,
                         String note, Requires requires,
                         @JsonProperty("excludes_origin") List<String> excludesOrigin,
                         @JsonProperty("note_2_exempts_non_datacenter_below_tpp") Double note2Tpp) {

    public ExportRule {
        clauses = List.copyOf(clauses);
        excludesOrigin = excludesOrigin == null ? List.of() : List.copyOf(excludesOrigin);
    }

    /** A clause of the rule: its name, the verdict it gives, and the tests that must all hold. */
    public record Clause(String clause, String verdict, List<String> when, String reason) {
        public Clause {
            when = when == null ? List.of() : List.copyOf(when);
        }
    }

    /** The rule applies only to items that another rule classified with one of these verdicts. */
    public record Requires(String rule, List<String> verdicts) {
    }
}
