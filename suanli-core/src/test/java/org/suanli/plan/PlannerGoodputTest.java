package org.suanli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.reliability.Goodput;
import org.suanli.training.TrainingResult;
import org.suanli.workload.Model;

/** With a token budget and failures modelled, the planner judges plans on expected days, not ideal ones. */
class PlannerGoodputTest {
    private static final Catalog C = Catalog.builtIn();
    private static final Server DGX = C.server("dgx-h100");
    private static final Model LLAMA2_7B = C.model("llama2-7b");

    private static PlanRequest request(OptionalInt fixed, OptionalDouble days, Objective objective, Optional<Goodput.Assumptions> failures) {
        return new PlanRequest(LLAMA2_7B, List.of(DGX), OptionalDouble.of(1e12), fixed, days, OptionalDouble.empty(), objective, 5,
                SearchSpace.full(4096, 256, List.of(Precision.BF16), C.framework("nemo-24.07")), CostAssumptions.defaults(), 64,
                failures);
    }

    private static PlanResult plan(PlanRequest r) {
        return Planner.plan(r, n -> { }, new AtomicBoolean());
    }

    private static final Optional<Goodput.Assumptions> FAILURES = Optional.of(Goodput.Assumptions.DEFAULTS);

    /**
     * The ranking itself: one evaluated layout whose ideal days are claimed for 8 and for 16 servers (equal ideal time),
     * each with its own goodput. 128 GPUs fail twice as often as 64, so the smaller plan is expected sooner and ranks
     * first; judged on ideal days alone the two tie.
     */
    @Test
    void aPlanOnFewerGpusAtTheSameIdealTimeRanksAheadOnExpectedTime() {
        PlanResult any = plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.TIME, Optional.empty()));
        Candidate evaluated = any.top().get(0);
        TrainingResult res = evaluated.result();
        List<Candidate> both = new ArrayList<>();
        for (int servers : List.of(16, 8)) {
            Goodput g = Goodput.Assumptions.DEFAULTS.forJob(LLAMA2_7B, DGX, servers * 8).orElseThrow();
            both.add(new Candidate(DGX, servers, evaluated.layout(), res, res.timeToTrainDays(), res.gpuHours(),
                    CostModel.run(DGX, servers, 1e12 / res.tokensPerS(), 1e12, CostAssumptions.defaults()),
                    Optional.of(Candidate.Expected.of(g, res, DGX, servers, 1e12, CostAssumptions.defaults()))));
        }
        assertThat(both.get(0).days().getAsDouble()).isEqualTo(both.get(1).days().getAsDouble());
        both.sort(Comparator.comparingDouble(c -> c.score(Objective.TIME)));
        assertThat(both.get(0).servers()).isEqualTo(8);
        assertThat(both.get(0).score(Objective.TIME)).isLessThan(both.get(1).score(Objective.TIME));
    }

    @Test
    void expectedDaysAreTheIdealDaysOverTheGoodput() {
        PlanResult r = plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.TIME, FAILURES));
        for (Candidate c : r.top()) {
            Candidate.Expected e = c.expected().orElseThrow();
            assertThat(e.days()).isCloseTo(c.days().getAsDouble() / e.goodput().goodput(), within(1e-9));
            assertThat(e.gpuHours()).isCloseTo(c.gpuHours().getAsDouble() / e.goodput().goodput(), within(1e-6));
            assertThat(c.score(Objective.TIME)).isEqualTo(e.days());
        }
    }

    @Test
    void onAFixedClusterFailuresLeaveTheOrderOfLayoutsAlone() {
        // goodput depends on the GPUs, servers and checkpoint, not the layout: on one cluster every plan shares it
        List<String> ideal = plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.TIME, Optional.empty())).top().stream()
                .map(c -> c.layout().toString()).toList();
        List<String> expected = plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.TIME, FAILURES)).top().stream()
                .map(c -> c.layout().toString()).toList();
        assertThat(expected).isEqualTo(ideal);
    }

    @Test
    void theDeadlineIsMetInExpectedDays() {
        PlanResult r = plan(request(OptionalInt.empty(), OptionalDouble.of(10), Objective.TIME, FAILURES));
        assertThat(r.top()).isNotEmpty();
        r.top().forEach(c -> assertThat(c.expected().orElseThrow().days()).isLessThanOrEqualTo(10));
    }

    @Test
    void theCostObjectivePricesTheExpectedTime() {
        PlanResult r = plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.COST, FAILURES));
        Candidate best = r.top().get(0);
        double expectedUsd = best.expected().orElseThrow().cost().totalUsd().getAsDouble();
        assertThat(best.score(Objective.COST)).isEqualTo(expectedUsd);
        assertThat(expectedUsd).isGreaterThan(best.cost().totalUsd().getAsDouble());
    }

    @Test
    void layoutsOnAClusterThatFailsFasterThanItRestartsAreRejectedAndCounted() {
        // 512 servers (4,096 GPUs): an interruption every 3,600 / (4,096 · 1.973e-5) ≈ 44,500 s, under a 1,000-minute
        // (60,000 s) restart: no layout can finish
        PlanRequest req = new PlanRequest(LLAMA2_7B, List.of(DGX), OptionalDouble.of(1e12), OptionalInt.of(512), OptionalDouble.empty(),
                OptionalDouble.empty(), Objective.TIME, 5, SearchSpace.full(4096, 4096, List.of(Precision.BF16), C.framework("nemo-24.07")),
                CostAssumptions.defaults(), 512, Optional.of(new Goodput.Assumptions(OptionalDouble.empty(), OptionalDouble.of(1000))));
        PlanResult r = plan(req);
        assertThat(r.top()).isEmpty();
        assertThat(r.rejections().get(Planner.NEVER_FINISHES)).isPositive();
    }

    @Test
    void withoutFailuresModelledPlansCarryNoExpectedTime() {
        plan(request(OptionalInt.of(8), OptionalDouble.empty(), Objective.TIME, Optional.empty())).top()
                .forEach(c -> assertThat(c.expected()).isEmpty());
    }
}
