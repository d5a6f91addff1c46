package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** Inference accuracy on TensorRT-LLM's published rows, with one set of constants for every row. */
class InferenceValidationTest {

    @Test
    void firstTokenLatencyRowsWithinTwentyPercent() {
        Validator.Report r = Validator.run(Validator.load("inference-ttft"), Catalog.builtIn());
        assertThat(r.rows()).hasSize(4);
        r.rows().forEach(row -> assertThat(Math.abs(row.errorPct())).as(row.row().id()).isLessThanOrEqualTo(20.0));
    }

    @Test
    void throughputRowsWithinTheWorstRowBound() {
        Validator.Report r = Validator.run(Validator.load("inference-published"), Catalog.builtIn());
        assertThat(r.rows()).hasSize(11);
        assertThat(r.maxErrorPct()).isLessThanOrEqualTo(r.suite().maxErrorBoundPct());
    }

    @Test
    void throughputMapeRegressionGuard() {
        // Issue 6 asks for MAPE <= 10%; the model reaches 11.25% today: the four Llama 2 70B rows read 15-20% slow,
        // the rest are within 12.4% (docs/MODEL.md). This guards against regressions until that is resolved; it is
        // not the bound.
        Validator.Report r = Validator.run(Validator.load("inference-published"), Catalog.builtIn());
        assertThat(r.mapePct()).isLessThanOrEqualTo(11.5);
    }
}
