package org.suanli.plan;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a plan: the best candidates by the objective, the best plan of each server type,
 * the fastest plan of each server type and cluster size (smallest first),
 * the time-versus-cost Pareto front
 * across server types, how many layouts were evaluated and how many were rejected for each reason,
 * and whether the search was stopped early (Ctrl-C) so that these are the best found so far.
 */
public record PlanResult(List<Candidate> top, List<Candidate> bestPerServer, List<Candidate> bestPerClusterSize,
                         List<Candidate> pareto, long evaluated,
                         Map<String, Long> rejections, boolean complete, double wallS) {
}
