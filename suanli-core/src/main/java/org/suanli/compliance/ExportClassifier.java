package org.suanli.compliance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;

/**
 * Classifies an accelerator under the US 3A090 rules held as data in {@code compliance/rules.yaml}.
 * Tests use three-valued logic: a test on an input the catalog lacks (no die area, no I/O figure)
 * is unknown, and a rule whose outcome hinges on an unknown test is "indeterminate: needs X",
 * never "not controlled".
 */
public final class ExportClassifier {

    private final Map<String, ExportRule> rules;

    private ExportClassifier(List<ExportRule> rules) {
        Map<String, ExportRule> m = new LinkedHashMap<>();
        rules.forEach(r -> m.put(r.id(), r));
        this.rules = m;
    }

    /** Returns the classifier over the built-in rules. */
    public static ExportClassifier builtIn() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = ExportClassifier.class.getResourceAsStream("/compliance/rules.yaml")) {
            RuleFile file = mapper.readValue(in, RuleFile.class);
            return new ExportClassifier(file.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("built-in compliance/rules.yaml is unreadable", e);
        }
    }

    private record RuleFile(List<ExportRule> rules) {
    }

    /** Returns the rules in date order. */
    public List<ExportRule> rules() {
        return List.copyOf(rules.values());
    }

    /** Classifies under one rule id, or under every rule for "all". */
    public Classification classify(Accelerator a, String rule) {
        List<String> ids;
        if (rule.equalsIgnoreCase("all")) {
            ids = new ArrayList<>(rules.keySet());
        } else if (rules.containsKey(rule)) {
            ids = List.of(rule);
        } else {
            throw new BadInputException("--rule " + rule, "unknown rule", "expected all or one of " + String.join(", ", rules.keySet()));
        }
        ChipParameters p = ChipParameters.of(a);
        List<RuleVerdict> out = new ArrayList<>();
        for (String id : ids) {
            out.add(evaluate(rules.get(id), a, p));
        }
        return new Classification(a.id(), a.name(), p, out);
    }

    private RuleVerdict evaluate(ExportRule rule, Accelerator a, ChipParameters p) {
        if (rule.requires() != null) {
            RuleVerdict prior = evaluate(rules.get(rule.requires().rule()), a, p);
            if (prior.indeterminate()) {
                return new RuleVerdict(rule.id(), rule.name(), prior.verdict(), "",
                        "depends on rule " + prior.rule() + ", which is " + prior.verdict());
            }
            if (!rule.requires().verdicts().contains(prior.verdict())) {
                return new RuleVerdict(rule.id(), rule.name(), "not applicable", "",
                        "covers only " + String.join("/", rule.requires().verdicts()) + " items; under rule "
                                + prior.rule() + " this part is " + prior.verdict());
            }
        }
        if (rule.excludesOrigin().contains(a.country())) {
            return new RuleVerdict(rule.id(), rule.name(), "not applicable", "",
                    "covers exports from the US; this part is made in " + a.country());
        }
        if (rule.note2Tpp() != null && !a.dataCenter() && p.tpp().isPresent() && p.tpp().getAsDouble() < rule.note2Tpp()) {
            return new RuleVerdict(rule.id(), rule.name(), rule.otherwise(), "Note 2",
                    "not designed or marketed for data centres and TPP " + fmt(p.tpp().getAsDouble()) + " < " + fmt(rule.note2Tpp()));
        }
        List<String> failures = new ArrayList<>();
        Set<String> needs = new LinkedHashSet<>();
        Set<String> unknownVerdicts = new LinkedHashSet<>();
        for (ExportRule.Clause c : rule.clauses()) {
            Outcome o = conjunction(c.when(), p);
            if (o.value == Truth.TRUE) {
                if (!unknownVerdicts.isEmpty() && !(unknownVerdicts.size() == 1 && unknownVerdicts.contains(c.verdict()))) {
                    return new RuleVerdict(rule.id(), rule.name(), "indeterminate: needs " + String.join(", ", needs), "",
                            "earlier clauses cannot be decided; " + c.clause() + " holds (" + o.text + ")");
                }
                String reason = c.reason() != null ? c.reason() : o.text;
                return new RuleVerdict(rule.id(), rule.name(), c.verdict(), c.clause(), reason);
            }
            if (o.value == Truth.UNKNOWN) {
                needs.addAll(o.needs);
                unknownVerdicts.add(c.verdict());
            } else {
                failures.add(c.clause() + " fails (" + o.text + ")");
            }
        }
        if (!needs.isEmpty()) {
            return new RuleVerdict(rule.id(), rule.name(), "indeterminate: needs " + String.join(", ", needs), "",
                    String.join("; ", failures));
        }
        return new RuleVerdict(rule.id(), rule.name(), rule.otherwise(), "", String.join("; ", failures));
    }

    private enum Truth { TRUE, FALSE, UNKNOWN }

    private record Outcome(Truth value, String text, List<String> needs) {
    }

    /** Evaluates "all tests hold": false if one is false, else unknown if one is unknown, else true. */
    private static Outcome conjunction(List<String> tests, ChipParameters p) {
        List<String> held = new ArrayList<>();
        List<String> needs = new ArrayList<>();
        for (String test : tests) {
            ExportRule.Test t = ExportRule.Test.parse(test);
            String var = t.variable();
            String op = t.op();
            double threshold = t.threshold();
            OptionalDouble value = value(var, p);
            String label = label(var);
            if (value.isEmpty()) {
                needs.add(need(var, p));
                continue;
            }
            double v = value.getAsDouble();
            boolean lowerBound = var.equals("io_gb_s") && p.ioIsLowerBound();
            boolean holds = compare(v, op, threshold);
            if (lowerBound && !(holds && op.startsWith(">")) && !(!holds && op.startsWith("<"))) {
                needs.add("host_interface");
                continue;
            }
            String text = label + " " + fmt(v) + unit(var) + " " + (holds ? op : negate(op)) + " " + fmt(threshold);
            if (!holds) {
                return new Outcome(Truth.FALSE, text, List.of());
            }
            held.add(text);
        }
        if (!needs.isEmpty()) {
            return new Outcome(Truth.UNKNOWN, "", needs);
        }
        return new Outcome(Truth.TRUE, held.isEmpty() ? "no parameter test" : String.join(" and ", held), List.of());
    }

    private static boolean compare(double v, String op, double t) {
        return switch (op) {
            case ">=" -> v >= t;
            case ">" -> v > t;
            case "<=" -> v <= t;
            default -> v < t;
        };
    }

    private static String negate(String op) {
        return switch (op) {
            case ">=" -> "<";
            case ">" -> "<=";
            case "<=" -> ">";
            default -> ">=";
        };
    }

    private static OptionalDouble value(String var, ChipParameters p) {
        return switch (var) {
            case "tpp" -> p.tpp();
            case "pd" -> p.performanceDensity();
            case "io_gb_s" -> p.ioGbPerS();
            case "dram_gb_s" -> p.dramGbPerS();
            default -> throw new IllegalStateException("compliance/rules.yaml: unknown variable '" + var + "'");
        };
    }

    private static String label(String var) {
        return switch (var) {
            case "tpp" -> "TPP";
            case "pd" -> "PD";
            case "io_gb_s" -> "I/O";
            default -> "DRAM bandwidth";
        };
    }

    private static String unit(String var) {
        return var.endsWith("_gb_s") ? " GB/s" : "";
    }

    private static String need(String var, ChipParameters p) {
        return switch (var) {
            case "tpp" -> "a published peak rate";
            case "pd" -> p.tpp().isEmpty() ? "a published peak rate" : "die_area_mm2";
            case "io_gb_s" -> "scale_up and host_interface bandwidth";
            default -> "memory bandwidth";
        };
    }

    /** Formats a figure as export_control.md does: thousands separators, up to two decimals. */
    static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%,.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
