package org.suanli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Precision;

/** The planner's answer does not depend on how many threads search. */
class PlannerDeterminismTest {
    private static final Catalog C = Catalog.builtIn();

    private static PlanResult plan(int threads) {
        PlanRequest req = new PlanRequest(C.model("llama2-7b"), List.of(C.server("dgx-h100")), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 5,
                SearchSpace.full(4096, 256, List.of(Precision.BF16, Precision.FP8), C.framework("nemo-24.07")),
                CostAssumptions.defaults(), 4);
        return Planner.plan(req, n -> { }, new AtomicBoolean(), threads);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameResult() {
        PlanResult one = plan(1);
        PlanResult two = plan(2);
        assertThat(one.evaluated()).isPositive().isEqualTo(two.evaluated());
        assertThat(two.top()).isEqualTo(one.top());
        assertThat(two.bestPerServer()).isEqualTo(one.bestPerServer());
        assertThat(two.bestPerClusterSize()).isEqualTo(one.bestPerClusterSize());
        assertThat(two.pareto()).isEqualTo(one.pareto());
        assertThat(two.rejections()).containsExactlyEntriesOf(one.rejections());
        assertThat(two.complete()).isTrue();
    }
}
