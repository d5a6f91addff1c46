package org.suanli.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.suanli.catalog.BuiltInNodes;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Fields;
import org.suanli.catalog.Node;

/**
 * What the built-in validation suites establish, per kind of job (training, inference): the (hardware family,
 * software preset) pairs inside the validated envelope with their held-out errors, and the error a prediction
 * has without an end-to-end constant of its own (the 90th percentile of the validation rows' absolute errors
 * when each row's own fitted constant is replaced by the mean of the others). Computing it runs every suite,
 * so it is generated once ({@code suanli validate --write-envelope validation/envelope.yaml}, run by
 * docs/update-validation.sh) and ships in the jar; a test checks that it is current.
 */
public record Envelope(Map<String, Kind> kinds) {

    /** The envelope of one kind of job. */
    public record Kind(List<Pair> validated, double measuredBandPct, int rows) {
        public Kind {
            validated = List.copyOf(validated);
        }
    }

    /** One validated (family, preset) pair: its rows and held-out errors, percent. */
    public record Pair(String family, String preset, int rows, double heldOutMapePct, double heldOutMaxPct, List<String> suites) {
        public Pair {
            suites = List.copyOf(suites);
        }
    }

    private static volatile Envelope builtIn;

    public Envelope {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /** Returns the validated pair, if {@code family} and {@code preset} form one for jobs of {@code kind}. */
    public Optional<Pair> pair(String kind, String family, String preset) {
        Kind k = kinds.get(kind);
        return k == null ? Optional.empty()
                : k.validated().stream().filter(p -> p.family().equals(family) && p.preset().equals(preset)).findFirst();
    }

    /** Returns the band of a measured-but-unvalidated prediction of {@code kind}, percent. */
    public double measuredBandPct(String kind) {
        Kind k = kinds.get(kind);
        return k == null ? 50 : k.measuredBandPct();
    }

    /** Returns the envelope shipped with Suanli. */
    public static Envelope builtIn() {
        Envelope e = builtIn;
        if (e == null) {
            synchronized (Envelope.class) {
                if (builtIn == null) {
                    builtIn = read(BuiltInNodes.envelope());
                }
                e = builtIn;
            }
        }
        return e;
    }

    /** Computes the envelope by running the built-in suites on {@code catalog}. */
    public static Envelope compute(Catalog catalog) {
        Map<String, Map<String, List<Validator.RowResult>>> byPair = new TreeMap<>();
        Map<String, List<String>> suitesOf = new TreeMap<>();
        Map<String, List<Double>> noOwnFit = new TreeMap<>();
        List<Constant> constants = Constant.all(catalog);
        for (String name : Validator.SUITES) {
            ValidationSuite suite = Validator.load(name);
            Validator.Report report = Validator.run(suite, catalog);
            for (Validator.RowResult r : report.rows()) {
                String kind = suite.kindOf(r.row());
                String key = r.family() + "|" + r.preset();
                byPair.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                List<String> suites = suitesOf.computeIfAbsent(kind + "|" + key, k -> new ArrayList<>());
                if (!suites.contains(name)) {
                    suites.add(name);
                }
                noOwnFit.computeIfAbsent(kind, k -> new ArrayList<>()).add(Math.abs(withoutOwnConstant(suite, r, catalog, constants)));
            }
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (var e : byPair.entrySet()) {
            List<Pair> pairs = new ArrayList<>();
            int rows = 0;
            for (var p : e.getValue().entrySet()) {
                String[] fp = p.getKey().split("\\|", 2);
                List<Validator.RowResult> rs = p.getValue();
                rows += rs.size();
                pairs.add(new Pair(fp[0], fp[1], rs.size(), round(rs.stream().mapToDouble(x -> Math.abs(x.heldOutErrorPct())).average().orElse(0)),
                        round(rs.stream().mapToDouble(x -> Math.abs(x.heldOutErrorPct())).max().orElse(0)),
                        suitesOf.get(e.getKey() + "|" + p.getKey())));
            }
            kinds.put(e.getKey(), new Kind(pairs, round(percentile(noOwnFit.get(e.getKey()), 0.9)), rows));
        }
        return new Envelope(kinds);
    }

    /**
     * Returns a row's error, percent, when the end-to-end constant of its own (family, preset) is replaced by what a family
     * without one would get: the mean of the other families' constants of that preset kind.
     */
    private static double withoutOwnConstant(ValidationSuite suite, Validator.RowResult r, Catalog catalog, List<Constant> constants) {
        for (Constant c : constants) {
            if (!c.actsOn(r.family(), r.preset())) {
                continue;
            }
            List<Double> others = constants.stream().filter(o -> o.name().equals(c.name()) && o != c
                    && (c.name().equals("e2e") || o.preset().equals(c.preset()))).map(Constant::value).toList();
            if (others.isEmpty()) {
                return r.heldOutErrorPct();
            }
            double mean = others.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double p = Validator.predict(suite, r.row(), catalog, Optional.of(new Validator.Trial(c, mean))).value();
            return (p - r.row().published()) / r.row().published() * 100;
        }
        return r.heldOutErrorPct();
    }

    private static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Returns the envelope as the YAML file stores it. */
    public String toYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by `suanli validate --write-envelope validation/envelope.yaml` (docs/update-validation.sh); do not edit.\n");
        sb.append("# Per kind of job: the validated (family, preset) pairs with their held-out errors (percent), and the\n");
        sb.append("# 90th-percentile error of validation rows predicted without their own end-to-end constant (measured band).\n");
        for (var e : kinds.entrySet()) {
            Kind k = e.getValue();
            sb.append(e.getKey()).append(":\n");
            sb.append(String.format(Locale.ROOT, "  rows: %d%n  measured_band_pct: %.2f%n  validated:%n", k.rows(), k.measuredBandPct()));
            for (Pair p : k.validated()) {
                sb.append(String.format(Locale.ROOT, "    - {family: %s, preset: %s, rows: %d, held_out_mape_pct: %.2f, held_out_max_pct: %.2f, suites: [%s]}%n",
                        p.family(), p.preset(), p.rows(), p.heldOutMapePct(), p.heldOutMaxPct(), String.join(", ", p.suites())));
            }
        }
        return sb.toString();
    }

    /** Reads an envelope as {@link #toYaml} writes it, through the one strict reader (unknown keys and bad numbers refused). */
    static Envelope read(Node root) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        Fields top = Fields.of(root, "the envelope");
        for (String kind : top.keysAsKnown()) {
            Fields k = top.mapping(kind).orElseThrow();
            onlyKeys(k, KIND_KEYS);
            List<Pair> pairs = new ArrayList<>();
            List<Node> validated = k.list("validated").orElseThrow(() -> k.missingField("validated", "expected a list of pairs"));
            for (int i = 0; i < validated.size(); i++) {
                Fields p = Fields.of(validated.get(i), "a validated pair", kind + ".validated[" + i + "].");
                onlyKeys(p, PAIR_KEYS);
                List<String> suites = new ArrayList<>();
                for (Node n : p.list("suites").orElseThrow(() -> p.missingField("suites", "expected a list of suite names"))) {
                    suites.add(((Node.Scalar) n).text());
                }
                pairs.add(new Pair(p.requireString("family"), p.requireString("preset"), p.requireInt("rows", 1),
                        percent(p, "held_out_mape_pct"), percent(p, "held_out_max_pct"), suites));
                p.finish();
            }
            kinds.put(kind, new Kind(pairs, percent(k, "measured_band_pct"), k.requireInt("rows", 0)));
            k.finish();
        }
        return new Envelope(kinds);
    }

    private static final List<String> KIND_KEYS = List.of("rows", "measured_band_pct", "validated");
    private static final List<String> PAIR_KEYS = List.of("family", "preset", "rows", "held_out_mape_pct", "held_out_max_pct", "suites");

    /** Refuses a key outside {@code keys} before any is read, so a misspelt key is named rather than reported missing. */
    private static void onlyKeys(Fields f, List<String> keys) {
        for (String key : f.node().entries().keySet()) {
            if (!keys.contains(key)) {
                throw f.fieldError(key, "unknown field" + Fields.didYouMean(key, keys), "expected one of " + String.join(", ", keys));
            }
        }
    }

    private static double percent(Fields f, String key) {
        Node n = f.raw(key).orElseThrow(() -> f.missingField(key, "expected a percentage"));
        if (!(n instanceof Node.Scalar s)) {
            throw f.fieldError(key, "is not a number", "expected a percentage");
        }
        double v = Fields.finiteNumber(s, key, s.where(), "expected a percentage");
        if (v < 0) {
            throw f.fieldError(key, v + " is negative", "expected a percentage >= 0");
        }
        return v;
    }
}
