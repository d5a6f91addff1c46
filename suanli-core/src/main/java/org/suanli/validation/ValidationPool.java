package org.suanli.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.suanli.catalog.Fields;
import org.suanli.catalog.Node;
import org.suanli.catalog.TreeReader;

/**
 * Rows of one kind of measurement pooled across the built-in suites (validation/pools.yaml): every row whose metric is
 * one of {@code metrics}, whichever suite holds it, bounded as a whole by a held-out MAPE. A pool states a target that
 * spans suites split by source, such as issue 13's "the inference suites hold held-out MAPE of at most 10% for
 * throughput"; membership is the metric alone, so a pool chooses no rows.
 */
public record ValidationPool(String id, String description, List<String> metrics, double heldOutMapeBoundPct) {
    public ValidationPool {
        metrics = List.copyOf(metrics);
    }

    /** One pooled row: the suite that holds it and its outcome there. */
    public record Member(String suite, Validator.RowResult row) {
    }

    /** A pool's outcome: its rows, the suites they come from, MAPE and held-out MAPE and worst row. */
    public record Report(ValidationPool pool, List<Member> members, List<String> suites, double mapePct, double heldOutMapePct,
                         double heldOutMaxErrorPct) {
        /** Returns true when the pool has rows and its held-out MAPE is within its bound. */
        public boolean withinBounds() {
            return !members.isEmpty() && heldOutMapePct <= pool.heldOutMapeBoundPct();
        }
    }

    /** Returns the pools that ship with Suanli (validation/pools.yaml), each naming the metrics it pools. */
    public static List<ValidationPool> builtIn() {
        Node root = TreeReader.readResource("/validation/pools.yaml", "validation/pools.yaml");
        Fields m = Fields.of(root, "the pools file", "");
        List<Node> nodes = m.list("pools").orElseThrow(() -> m.missingField("pools", "expected a list of pools"));
        m.finish();
        List<ValidationPool> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Fields p = Fields.of(nodes.get(i), "pools[" + i + "]", "pools[" + i + "].");
            String id = p.requireString("id");
            String description = p.stringOr("description", "");
            List<String> metrics = new ArrayList<>();
            for (Node n : p.list("metrics").orElseThrow(() -> p.missingField("metrics", "expected a list of metric names"))) {
                if (!(n instanceof Node.Scalar s)) {
                    throw p.fieldError("metrics", "a nested list or mapping", "expected metric names, e.g. ttft_s");
                }
                metrics.add(s.text());
            }
            Fields bound = p.mapping("bound").orElseThrow(() -> p.missingField("bound", "expected bound: {held_out_mape_pct: ...}"));
            String pct = "expected a percentage above 0, e.g. 10";
            double heldOut = bound.number("held_out_mape_pct", 1e6, pct).orElseThrow(() -> bound.missingField("held_out_mape_pct", pct));
            bound.finish();
            p.finish();
            out.add(new ValidationPool(id, description, metrics, heldOut));
        }
        return out;
    }

    /**
     * Returns every built-in pool over {@code reports}, or none unless they are the reports of every built-in suite (a
     * pool over some suites only would read as the target and is not one).
     */
    public static List<Report> overBuiltInSuites(List<Validator.Report> reports) {
        boolean all = reports.stream().map(r -> r.suite().name()).toList().equals(Validator.SUITES);
        return all ? builtIn().stream().map(p -> p.pool(reports)).toList() : List.of();
    }

    /** Pools the rows of {@code reports} (one per suite) whose metric this pool lists; errors are absolute percentages, averaged. */
    public Report pool(List<Validator.Report> reports) {
        List<Member> members = new ArrayList<>();
        LinkedHashSet<String> suites = new LinkedHashSet<>();
        for (Validator.Report r : reports) {
            for (Validator.RowResult row : r.rows()) {
                if (metrics.contains(r.suite().metricOf(row.row()))) {
                    members.add(new Member(r.suite().name(), row));
                    suites.add(r.suite().name());
                }
            }
        }
        double mape = members.stream().mapToDouble(x -> Math.abs(x.row().errorPct())).average().orElse(0);
        double heldOut = members.stream().mapToDouble(x -> Math.abs(x.row().heldOutErrorPct())).average().orElse(0);
        double worst = members.stream().mapToDouble(x -> Math.abs(x.row().heldOutErrorPct())).max().orElse(0);
        return new Report(this, members, List.copyOf(suites), mape, heldOut, worst);
    }
}
