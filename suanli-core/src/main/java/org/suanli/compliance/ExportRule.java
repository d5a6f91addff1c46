package org.suanli.compliance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        /** The clause's tests, parsed. */
        public List<Test> tests() {
            return when.stream().map(Test::parse).toList();
        }
    }

    /**
     * One parameter test of a clause, such as {@code tpp >= 4800}: a variable (tpp, pd, io_gb_s or dram_gb_s), a
     * comparison and a threshold; the thresholds are what charts of the rules draw.
     */
    public record Test(String variable, String op, double threshold) {
        private static final Pattern FORM = Pattern.compile("\\s*(\\w+)\\s*(>=|<=|<|>)\\s*([0-9.]+)\\s*");

        /** Parses "variable op threshold"; a malformed test is a fault of the built-in rule data. */
        public static Test parse(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                throw new IllegalStateException("compliance/rules.yaml: malformed test '" + text + "'");
            }
            return new Test(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
        }
    }

    /** The rule applies only to items that another rule classified with one of these verdicts. */
    public record Requires(String rule, List<String> verdicts) {
    }
}
