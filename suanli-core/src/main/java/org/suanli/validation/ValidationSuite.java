package org.suanli.validation;

import java.util.List;

/**
 * A set of published measurements with the error bounds the tests hold: mean absolute percentage error and the
 * worst single row in sample, and where given the held-out MAPE over the suite and per hardware family with
 * three rows or more (NaN when the suite sets none). Rows are of the suite's {@code kind} (training or inference) and {@code metric}
 * unless they name their own; an inference suite names the serving {@code runtime} its measurements were
 * taken on (a row may name its own: the software the source states, which is data, not a knob).
 */
public record ValidationSuite(String name, String kind, String description, String metric, String runtime, double mapeBoundPct,
                              double maxErrorBoundPct, double heldOutMapeBoundPct, double familyHeldOutMapeBoundPct,
                              List<ValidationRow> rows) {
    public ValidationSuite {
        rows = List.copyOf(rows);
    }

    /** A suite bounded in sample only. */
    public ValidationSuite(String name, String kind, String description, String metric, String runtime, double mapeBoundPct,
                           double maxErrorBoundPct, List<ValidationRow> rows) {
        this(name, kind, description, metric, runtime, mapeBoundPct, maxErrorBoundPct, Double.NaN, Double.NaN, rows);
    }

    /** Returns the kind of one row: its own, else the suite's. */
    public String kindOf(ValidationRow row) {
        return row.kind().isEmpty() ? kind : row.kind();
    }

    /** Returns the metric of one row: its own, else the suite's. */
    public String metricOf(ValidationRow row) {
        return row.metric().isEmpty() ? metric : row.metric();
    }
}
