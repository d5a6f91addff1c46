package org.suanli.plan;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.cost.CostAssumptions;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * A planning question: train {@code model} on {@code tokens} tokens using one of {@code servers},
 * either on a fixed number of servers, within a number of days, or within a budget, minimising
 * {@code objective}; return the best {@code topK}.
 *
 * @param maxServers the largest cluster considered when searching sizes (deadline and budget modes)
 */
public record PlanRequest(Model model, List<Server> servers, OptionalDouble tokens, OptionalInt fixedServers,
                          OptionalDouble days, OptionalDouble budgetUsd, Objective objective, int topK, SearchSpace space,
                          CostAssumptions costs, int maxServers) {
    public PlanRequest {
        servers = List.copyOf(servers);
    }
}
