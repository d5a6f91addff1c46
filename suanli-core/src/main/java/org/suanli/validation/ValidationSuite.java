package org.suanli.validation;

import java.util.List;

/**
 * A set of published measurements of one metric (of a training or an inference {@code kind}), with the error bounds the tests hold
 * (mean absolute percentage error, and the worst single row). An inference suite names the serving {@code runtime} its
 * measurements were taken on (empty for training suites, whose framework is per row).
 */
public record ValidationSuite(String name, String kind, String description, String metric, String runtime, double mapeBoundPct,
                              double maxErrorBoundPct, List<ValidationRow> rows) {
    public ValidationSuite {
        rows = List.copyOf(rows);
    }
}
