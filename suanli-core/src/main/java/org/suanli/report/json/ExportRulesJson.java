package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.compliance.ExportRule;

/**
 * The export-control rules the classifier applies ({@code GET /api/rules}), from the built-in rule data: each rule's
 * clauses with their parameter tests, and the distinct TPP and performance-density thresholds those tests use, so a
 * chart can draw the lines the classifier compares against rather than a copy of them.
 */
@JsonNaming(SnakeCase.class)
public record ExportRulesJson(List<Rule> rules) {

    /** One rule: its clauses in the order they are tried, what it gives when none holds, and its thresholds. */
    @JsonNaming(SnakeCase.class)
    public record Rule(String id, String name, String citation, List<Clause> clauses, String otherwise, String requiresRule,
                       List<String> requiresVerdicts, List<String> excludesOrigin, List<Double> tppThresholds,
                       List<Double> pdThresholds) {
    }

    /** One clause: its name, the verdict it gives, and the tests that must all hold. */
    @JsonNaming(SnakeCase.class)
    public record Clause(String clause, String verdict, List<Test> tests) {
    }

    /** One test, e.g. {@code {"variable": "tpp", "op": ">=", "threshold": 4800}}. */
    @JsonNaming(SnakeCase.class)
    public record Test(String variable, String op, double threshold) {
    }

    public static ExportRulesJson of(List<ExportRule> rules) {
        return new ExportRulesJson(rules.stream().map(ExportRulesJson::rule).toList());
    }

    private static Rule rule(ExportRule r) {
        List<Clause> clauses = r.clauses().stream().map(c -> new Clause(c.clause(), c.verdict(),
                c.tests().stream().map(t -> new Test(t.variable(), t.op(), t.threshold())).toList())).toList();
        return new Rule(r.id(), r.name(), r.citation(), clauses, r.otherwise(), r.requires() == null ? null : r.requires().rule(),
                r.requires() == null ? List.of() : r.requires().verdicts(), r.excludesOrigin(), thresholds(r, "tpp"),
                thresholds(r, "pd"));
    }

    private static List<Double> thresholds(ExportRule r, String variable) {
        return r.clauses().stream().flatMap(c -> c.tests().stream()).filter(t -> t.variable().equals(variable))
                .map(ExportRule.Test::threshold).distinct().sorted().toList();
    }
}
