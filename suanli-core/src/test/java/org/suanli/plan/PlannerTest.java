package org.suanli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.LayoutCheck;
import org.suanli.training.TrainingJob;

/** Pruning, ranking and the Pareto front of the planner. */
class PlannerTest {
    private static final Catalog C = Catalog.builtIn();

    private static PlanRequest request(String model, List<String> servers, OptionalDouble tokens, OptionalInt fixed,
                                       OptionalDouble days, OptionalDouble budget, Objective objective, int maxServers) {
        return request(model, servers, tokens, fixed, days, budget, objective, maxServers, 256);
    }

    private static PlanRequest request(String model, List<String> servers, OptionalDouble tokens, OptionalInt fixed,
                                       OptionalDouble days, OptionalDouble budget, Objective objective, int maxServers,
                                       int globalBatch) {
        List<Server> s = new ArrayList<>();
        servers.forEach(id -> s.add(C.server(id)));
        return new PlanRequest(C.model(model), s, tokens, fixed, days, budget, objective, 5,
                SearchSpace.full(4096, globalBatch, List.of(Precision.BF16, Precision.FP8), C.framework("nemo-24.07")),
                CostAssumptions.defaults(), maxServers);
    }

    private static PlanResult plan(PlanRequest r) {
        return Planner.plan(r, n -> { }, new AtomicBoolean());
    }

    @Test
    void fixedServersRanksByStepTimeAndEveryTopLayoutFits() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100"), OptionalDouble.empty(), OptionalInt.of(2),
                OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 8));
        assertThat(r.top()).hasSize(5);
        for (int i = 1; i < r.top().size(); i++) {
            assertThat(r.top().get(i).score(Objective.TIME)).isGreaterThanOrEqualTo(r.top().get(i - 1).score(Objective.TIME));
        }
        r.top().forEach(c -> assertThat(c.result().fits()).isTrue());
        r.top().forEach(c -> assertThat(c.servers()).isEqualTo(2));
        assertThat(r.complete()).isTrue();
    }

    @Test
    void theBestPlanIsNoSlowerThanAHandPickedLayout() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100"), OptionalDouble.empty(), OptionalInt.of(2),
                OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 8));
        TrainingJob manual = org.suanli.training.LayoutOptions.job(C.model("llama2-7b"), C.server("dgx-h100"), 16,
                java.util.Map.of("tp", 1, "global_batch", 256, "seq_len", 4096), OptionalDouble.empty());
        double step = AnalyticTrainingModel.evaluate(manual).stepTimeS();
        assertThat(r.top().get(0).result().stepTimeS()).isLessThanOrEqualTo(step);
    }

    @Test
    void layoutRejectionsAreCountedByReason() {
        // a global batch of 96 sequences: micro-batch 16 x dp 8 = 128 cannot divide it
        PlanResult r = plan(request("llama2-70b", List.of("dgx-h100", "hgx-h20", "dgx-a100"), OptionalDouble.empty(),
                OptionalInt.of(1), OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 8, 96));
        assertThat(r.rejections().keySet()).anyMatch(k -> k.startsWith("batch:"));
        assertThat(r.rejections().keySet()).anyMatch(k -> k.startsWith("precision_missing:"));   // fp8 on the A100
        assertThat(r.rejections()).containsKey(Planner.DOES_NOT_FIT);                         // 70B on one server
        long rejected = r.rejections().values().stream().mapToLong(Long::longValue).sum();
        assertThat(rejected).isLessThanOrEqualTo(r.evaluated());
    }

    @Test
    void everyLayoutConstraintCanBeTheRejectionReason() {
        // the planner counts LayoutCheck reasons; each reason is reachable (LayoutCheckTest covers each one)
        assertThat(LayoutCheck.Reason.values()).hasSizeGreaterThan(15);
    }

    @Test
    void deadlineRejectsSlowPlansAndFindsTheSmallestCluster() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100"), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.of(10), OptionalDouble.empty(), Objective.TIME, 64));
        assertThat(r.rejections()).containsKey(Planner.MISSES_DEADLINE);
        r.top().forEach(c -> assertThat(c.days().getAsDouble()).isLessThanOrEqualTo(10));
    }

    @Test
    void costObjectiveSkipsServersWithoutAPrice() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100", "dgx-b300"), OptionalDouble.of(1e11), OptionalInt.empty(),
                OptionalDouble.of(30), OptionalDouble.empty(), Objective.COST, 16));
        assertThat(r.rejections()).containsKey(Planner.NO_PRICE);
        r.top().forEach(c -> assertThat(c.server().id()).isEqualTo("dgx-h100"));
        for (int i = 1; i < r.top().size(); i++) {
            assertThat(r.top().get(i).score(Objective.COST)).isGreaterThanOrEqualTo(r.top().get(i - 1).score(Objective.COST));
        }
    }

    @Test
    void budgetRejectsPlansThatCostTooMuch() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100"), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.empty(), OptionalDouble.of(20_000), Objective.TIME, 64));
        assertThat(r.rejections()).containsKey(Planner.OVER_BUDGET);
        r.top().forEach(c -> assertThat(c.cost().totalUsd().getAsDouble()).isLessThanOrEqualTo(20_000));
    }

    @Test
    void paretoFrontKeepsOnlyUndominatedPlans() {
        PlanResult r = plan(request("llama2-7b", List.of("dgx-h100", "dgx-a100-320gb"), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.of(60), OptionalDouble.empty(), Objective.COST, 64));
        List<Candidate> front = r.pareto();
        assertThat(front).isNotEmpty();
        for (Candidate a : front) {
            for (Candidate b : front) {
                boolean dominates = b.score(Objective.TIME) < a.score(Objective.TIME) && b.score(Objective.COST) < a.score(Objective.COST);
                assertThat(dominates).as(b.server().id() + " dominates " + a.server().id()).isFalse();
            }
        }
        for (int i = 1; i < front.size(); i++) {
            assertThat(front.get(i).score(Objective.TIME)).isGreaterThanOrEqualTo(front.get(i - 1).score(Objective.TIME));
            assertThat(front.get(i).score(Objective.COST)).isLessThan(front.get(i - 1).score(Objective.COST));
        }
    }

    @Test
    void aCancelledSearchStopsAndSaysSo() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        PlanResult r = Planner.plan(request("llama2-7b", List.of("dgx-h100"), OptionalDouble.empty(), OptionalInt.of(4),
                OptionalDouble.empty(), OptionalDouble.empty(), Objective.TIME, 8), n -> { }, cancel);
        assertThat(r.complete()).isFalse();
    }

    @Test
    void theCandidateBoundCoversEveryLayoutTheSearchEvaluates() {
        PlanRequest r = request("llama2-7b", List.of("dgx-h100"), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.of(10), OptionalDouble.empty(), Objective.TIME, 16);
        long bound = Planner.candidateBound(r);
        long evaluated = plan(r).evaluated();
        assertThat(bound).isGreaterThanOrEqualTo(evaluated).isLessThan(2 * evaluated);
    }

    @Test
    void clusterSizesGrowGeometrically() {
        PlanRequest r = request("llama2-7b", List.of("dgx-h100"), OptionalDouble.of(1e12), OptionalInt.empty(),
                OptionalDouble.of(10), OptionalDouble.empty(), Objective.TIME, 16);
        assertThat(Planner.clusterSizes(r)).containsExactly(1, 2, 3, 4, 6, 8, 12, 16);
    }
}
