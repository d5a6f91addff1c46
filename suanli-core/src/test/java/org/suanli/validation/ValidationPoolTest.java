package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/**
 * Pools of validation/pools.yaml: every row of the listed metrics across the suites, against a held-out bound (issue 13:
 * "the inference suites hold held-out MAPE of at most 10% for throughput and 15% for first-token latency").
 */
class ValidationPoolTest {

    private static Validator.RowResult row(String id, String metric, double errorPct, double heldOutErrorPct) {
        var r = new ValidationRow(id, "", "", "", 1, Map.of(), 100, OptionalDouble.empty(), "", "", metric, Optional.empty());
        return new Validator.RowResult(r, "f", "p", 100 + errorPct, errorPct, 100 + heldOutErrorPct, heldOutErrorPct, null);
    }

    private static Validator.Report report(String suite, String metric, List<Validator.RowResult> rows) {
        var s = new ValidationSuite(suite, "inference", "", metric, "", 10, 25, List.of());
        return new Validator.Report(s, rows, List.of(), 0, 0, 0, 0, Map.of(), List.of());
    }

    @Test
    void aPoolAveragesTheAbsoluteErrorsOfEveryRowOfItsMetricsWhicheverSuiteHoldsThem() {
        var a = report("a", "ttft_s", List.of(row("a1", "", +10, +10), row("a2", "", -20, -30), row("a3", "tpot_s", +50, +50)));
        var b = report("b", "output_tokens_per_s_per_gpu", List.of(row("b1", "", +5, +5), row("b2", "ttft_s", -6, -8)));
        var pool = new ValidationPool("first-token", "", List.of("ttft_s"), 15);

        ValidationPool.Report r = pool.pool(List.of(a, b));

        // a1, a2 (suite metric ttft_s) and b2 (its own metric): (10 + 20 + 6) / 3 = 12; held out (10 + 30 + 8) / 3 = 16, worst 30
        assertThat(r.members()).extracting(m -> m.row().row().id()).containsExactly("a1", "a2", "b2");
        assertThat(r.suites()).containsExactly("a", "b");
        assertThat(r.mapePct()).isCloseTo(12, within(1e-9));
        assertThat(r.heldOutMapePct()).isCloseTo(16, within(1e-9));
        assertThat(r.heldOutMaxErrorPct()).isCloseTo(30, within(1e-9));
        assertThat(r.withinBounds()).isFalse();
    }

    @Test
    void anEmptyPoolIsNotWithinItsBound() {
        var pool = new ValidationPool("none", "", List.of("no_such_metric"), 10);
        assertThat(pool.pool(List.of(report("a", "ttft_s", List.of(row("a1", "", 1, 1))))).withinBounds()).isFalse();
    }

    @Test
    void theBuiltInInferencePoolsHoldIssue13sHeldOutBounds() {
        List<Validator.Report> reports = new ArrayList<>();
        for (String s : Validator.SUITES) {
            reports.add(Validator.run(Validator.load(s), Catalog.builtIn()));
        }
        List<ValidationPool> pools = ValidationPool.builtIn();
        assertThat(pools).extracting(ValidationPool::id).containsExactly("inference-throughput", "inference-first-token");
        assertThat(pools).extracting(ValidationPool::heldOutMapeBoundPct).containsExactly(10.0, 15.0);
        for (ValidationPool p : pools) {
            ValidationPool.Report r = p.pool(reports);
            assertThat(r.members()).as(p.id()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(r.suites()).as(p.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(r.withinBounds()).as(p.id() + ": held-out MAPE " + r.heldOutMapePct()).isTrue();
        }
    }
}
