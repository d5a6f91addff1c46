package org.suanli.plan;

import java.util.OptionalDouble;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Server;
import org.suanli.training.Layout;
import org.suanli.training.TrainingResult;

/**
 * One evaluated plan: a layout on {@code servers} servers of one type, its step result, and with a
 * token budget its days, GPU-hours, energy and cost.
 */
public record Candidate(Server server, int servers, Layout layout, TrainingResult result, OptionalDouble days,
                        OptionalDouble gpuHours, RunCost cost) {

    /** Returns the value the objective minimises (infinite when the needed price is not published). */
    public double score(Objective objective) {
        return switch (objective) {
            case TIME -> days.isPresent() ? days.getAsDouble() : result.stepTimeS() / result.tokensPerS();
            case COST -> cost.totalUsd().isPresent() ? cost.totalUsd().getAsDouble() : Double.POSITIVE_INFINITY;
            case ENERGY -> cost.energyKwh();
        };
    }
}
