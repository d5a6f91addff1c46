package org.suanli.plan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Server;
import org.suanli.reliability.Goodput;
import org.suanli.workload.Model;

/**
 * A planning question: train {@code model} on {@code tokens} tokens using one of {@code servers},
 * either on a fixed number of servers, within a number of days, or within a budget, minimising
 * {@code objective}; return the best {@code topK}.
 *
 * @param maxServers the largest cluster considered when searching sizes (deadline and budget modes)
 * @param failures   with a token budget, the recovery assumptions that make each plan's expected days (ideal days over
 *                   its goodput), which then rank the plans, meet the deadline and price the cost; empty: ideal days only
 */
public record PlanRequest(Model model, List<Server> servers, OptionalDouble tokens, OptionalInt fixedServers,
                          OptionalDouble days, OptionalDouble budgetUsd, Objective objective, int topK, SearchSpace space,
                          CostAssumptions costs, int maxServers, Optional<Goodput.Assumptions> failures) {
    public PlanRequest {
        servers = List.copyOf(servers);
    }

    /** A request judged on ideal (failure-free) days. */
    public PlanRequest(Model model, List<Server> servers, OptionalDouble tokens, OptionalInt fixedServers, OptionalDouble days,
                       OptionalDouble budgetUsd, Objective objective, int topK, SearchSpace space, CostAssumptions costs, int maxServers) {
        this(model, servers, tokens, fixedServers, days, budgetUsd, objective, topK, space, costs, maxServers, Optional.empty());
    }
}
