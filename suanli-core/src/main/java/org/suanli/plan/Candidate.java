package org.suanli.plan;

import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Server;
import org.suanli.reliability.Goodput;
import org.suanli.training.Layout;
import org.suanli.training.TrainingResult;

/**
 * One evaluated plan: a layout on {@code servers} servers of one type, its step result, and with a
 * token budget its days, GPU-hours, energy and cost; with failures modelled also what it is expected to take.
 */
public record Candidate(Server server, int servers, Layout layout, TrainingResult result, OptionalDouble days,
                        OptionalDouble gpuHours, RunCost cost, Optional<Expected> expected) {

    /**
     * What the plan is expected to take with failures, checkpoints and restarts: the ideal days and GPU-hours over its
     * goodput, and the cost of holding the servers that long.
     */
    public record Expected(Goodput goodput, double days, double gpuHours, RunCost cost) {
        /**
         * Returns what {@code result}, training {@code tokens} on {@code servers} of {@code server}, is expected to take at
         * goodput {@code g}: ideal days, GPU-hours and wall seconds over the goodput, the servers held that long priced
         * by {@code costs}.
         */
        public static Expected of(Goodput g, TrainingResult result, Server server, int servers, double tokens, CostAssumptions costs) {
            double seconds = tokens / result.tokensPerS();
            return new Expected(g, g.expectedDays(result.timeToTrainDays().getAsDouble()), result.gpuHours().getAsDouble() / g.goodput(),
                    CostModel.run(server, servers, seconds / g.goodput(), tokens, costs));
        }
    }

    /** A plan judged on ideal (failure-free) time. */
    public Candidate(Server server, int servers, Layout layout, TrainingResult result, OptionalDouble days, OptionalDouble gpuHours,
                     RunCost cost) {
        this(server, servers, layout, result, days, gpuHours, cost, Optional.empty());
    }

    /**
     * Returns the value the objective minimises (infinite when the needed price is not published): time and cost are the
     * expected ones where failures are modelled; energy is the ideal run's (the energy of lost work and restarts is not modelled).
     */
    public double score(Objective objective) {
        return switch (objective) {
            case TIME -> expected.isPresent() ? expected.get().days()
                    : days.isPresent() ? days.getAsDouble() : result.stepTimeS() / result.tokensPerS();
            case COST -> {
                RunCost c = expected.isPresent() ? expected.get().cost() : cost;
                yield c.totalUsd().isPresent() ? c.totalUsd().getAsDouble() : Double.POSITIVE_INFINITY;
            }
            case ENERGY -> cost.energyKwh();
        };
    }

    /** Returns the days the plan is expected to take: with failures where modelled, else the ideal days. */
    public OptionalDouble expectedDays() {
        return expected.isPresent() ? OptionalDouble.of(expected.get().days()) : days;
    }
}
