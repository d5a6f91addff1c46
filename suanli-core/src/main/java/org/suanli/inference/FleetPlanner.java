package org.suanli.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * Sizes a serving fleet: for every server type and tensor-parallel replica shape that holds the
 * model, the fewest replicas whose simulated p99 time-to-first-token and time-per-output-token meet
 * the targets at the request rate (exponential then binary search over replica counts, each count
 * checked by a {@link ServingSimulation}), then the cheapest such fleet by cost per hour (or by
 * GPUs where a server has no price).
 */
public final class FleetPlanner {
    private FleetPlanner() {
    }

    /** A sized fleet: its shape, the simulated latencies at that size and what it costs. */
    public record Fleet(Server server, int tp, Precision weights, int replicas, int servers, int gpus,
                        ServingSimulation.Report report, OptionalDouble usdPerHour, OptionalDouble usdPerMillionTokens) {
    }

    /** The question: serve {@code workload} ({@code requests} of it per check) within the p99 targets. */
    public record Request(Model model, List<Server> servers, Workload workload, int requests, double ttftP99S, double tpotP99S,
                          ServingSimulation.Config config, CostAssumptions costs, int maxReplicas) {
    }

    /** Returns every feasible fleet, cheapest first (fleets without a price after, fewest GPUs first). */
    public static List<Fleet> plan(Request q) {
        List<Candidate> shapes = new ArrayList<>();
        for (Server s : q.servers()) {
            var accel = s.accelerator().orElseThrow();
            Precision w = accel.peak(Precision.FP8).isPresent() ? Precision.FP8 : accel.peak(Precision.BF16).isPresent()
                    ? Precision.BF16 : Precision.FP16;
            for (int tp = 1; tp <= s.acceleratorCount(); tp *= 2) {
                if (q.model().heads() % tp != 0) {
                    continue;
                }
                shapes.add(new Candidate(s, tp, w));
            }
        }
        List<Fleet> fleets = shapes.parallelStream().map(c -> size(q, c)).filter(f -> f != null).toList();
        List<Fleet> sorted = new ArrayList<>(fleets);
        sorted.sort(Comparator.comparingDouble((Fleet f) -> f.usdPerHour().orElse(Double.POSITIVE_INFINITY))
                .thenComparingInt(Fleet::gpus).thenComparing(f -> f.server().id()).thenComparingInt(Fleet::tp));
        return sorted;
    }

    private record Candidate(Server server, int tp, Precision weights) {
    }

    private static Fleet size(Request q, Candidate c) {
        Replica replica;
        try {
            replica = new Replica(q.model(), c.server(), c.tp(), 1, c.weights(), c.weights().bits() < 8 ? Precision.FP8 : c.weights());
        } catch (RuntimeException e) {
            return null;
        }
        InferenceModel m = new InferenceModel(replica);
        int context = (int) Math.ceil(q.workload().input().mean() + q.workload().output().mean());
        if (m.maxBatch(context * 2) < 1) {
            return null;
        }
        // unloaded latencies already above the targets: no number of replicas helps
        if (m.prefill(1, (int) q.workload().input().mean()) > q.ttftP99S() || m.decodeStep(1, context) > q.tpotP99S()) {
            return null;
        }
        int lo = 0;
        int hi = 1;
        ServingSimulation.Report ok = null;
        while (hi <= q.maxReplicas()) {
            ServingSimulation.Report r = simulate(q, m, hi);
            if (meets(q, r)) {
                ok = r;
                break;
            }
            lo = hi;
            hi *= 2;
        }
        if (ok == null) {
            return null;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            ServingSimulation.Report r = simulate(q, m, mid);
            if (meets(q, r)) {
                hi = mid;
                ok = r;
            } else {
                lo = mid;
            }
        }
        int gpn = c.server().acceleratorCount();
        int gpus = hi * c.tp();
        int servers = (gpus + gpn - 1) / gpn;
        RunCost hour = CostModel.run(c.server(), servers, 3600, ok.outputTokensPerS() * 3600, q.costs());
        return new Fleet(c.server(), c.tp(), c.weights(), hi, servers, gpus, ok, hour.totalUsd(), hour.usdPerMillionTokens());
    }

    private static ServingSimulation.Report simulate(Request q, InferenceModel m, int replicas) {
        return ServingSimulation.run(m, replicas, q.workload(), q.requests(), q.config(), OptionalDouble.of(q.ttftP99S()),
                OptionalDouble.of(q.tpotP99S()));
    }

    private static boolean meets(Request q, ServingSimulation.Report r) {
        return r.ttft().p99() <= q.ttftP99S() && r.tpot().p99() <= q.tpotP99S();
    }
}
