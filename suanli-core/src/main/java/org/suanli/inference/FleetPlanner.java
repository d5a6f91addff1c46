package org.suanli.inference;

import org.suanli.software.ServingRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * Sizes a serving fleet: for every server type, tensor-parallel replica shape that holds the model
 * and policy (mixed, or a quarter of the replicas prefill-only), the fewest replicas whose simulated
 * p99 time-to-first-token and time-per-output-token meet
 * the targets at the request rate (exponential then binary search over replica counts, each count
 * checked by a {@link ServingSimulation}), then the cheapest such fleet by cost per hour (or by
 * GPUs where a server has no price).
 */
public final class FleetPlanner {
    private FleetPlanner() {
    }

    /**
     * A sized fleet: its shape, the simulated latencies at that size and what it costs. Costs are the middle of the range the
     * published price gives ({@code hour}: an hour of the fleet, with the price used and its range).
     */
    public record Fleet(Server server, int tp, Precision weights, int replicas, int prefillReplicas, int servers, int gpus,
                        ServingSimulation.Report report, OptionalDouble usdPerHour, OptionalDouble usdPerMillionTokens, ServingRuntime runtime,
                        RunCost hour) {

        /** Returns the published price behind the cost, if any. */
        public java.util.Optional<org.suanli.cost.PriceQuote> price() {
            return hour.price();
        }

        /** Returns "mixed" or "disaggregated P+D". */
        public String policy() {
            return prefillReplicas == 0 ? "mixed" : "disaggregated " + prefillReplicas + "+" + (replicas - prefillReplicas);
        }
    }

    /**
     * The question: serve {@code workload} ({@code requests} of it per check) within the p99 targets, each server type on the
     * runtime {@code runtimeFor} gives it (one runtime for all, or each family's default).
     */
    public record Request(Model model, List<Server> servers, RequestLoad workload, int requests, double ttftP99S, double tpotP99S,
                          ServingSimulation.Config config, CostAssumptions costs, int maxReplicas,
                          java.util.function.Function<Server, ServingRuntime> runtimeFor) {
    }

    /** Returns every feasible fleet, cheapest first (fleets without a price after, fewest GPUs first). */
    public static List<Fleet> plan(Request q) {
        return plan(q, n -> { }, new AtomicBoolean());
    }

    /**
     * As {@link #plan(Request)}, telling {@code progress} how many (server, tp) shapes are sized so far; once {@code cancel}
     * is set no further shape is sized and the fleets sized so far are returned.
     */
    public static List<Fleet> plan(Request q, LongConsumer progress, AtomicBoolean cancel) {
        List<Candidate> shapes = new ArrayList<>();
        for (Server s : q.servers()) {
            var accel = s.accelerator().orElseThrow();
            Precision w = accel.peak(Precision.FP8).isPresent() ? Precision.FP8 : accel.peak(Precision.BF16).isPresent()
                    ? Precision.BF16 : Precision.FP16;
            for (int tp = 1; tp <= s.scaleUpDomain().size(); tp *= 2) {
                if (q.model().heads() % tp != 0) {
                    continue;
                }
                shapes.add(new Candidate(s, tp, w));
            }
        }
        AtomicLong done = new AtomicLong();
        List<Fleet> fleets = shapes.parallelStream().map(c -> {
            Fleet f = cancel.get() ? null : size(q, c, cancel);
            progress.accept(done.incrementAndGet());
            return f;
        }).filter(f -> f != null).toList();
        List<Fleet> sorted = new ArrayList<>(fleets);
        sorted.sort(Comparator.comparingDouble((Fleet f) -> f.usdPerHour().orElse(Double.POSITIVE_INFINITY))
                .thenComparingInt(Fleet::gpus).thenComparing(f -> f.server().id()).thenComparingInt(Fleet::tp));
        return sorted;
    }

    private record Candidate(Server server, int tp, Precision weights) {
    }

    private static Fleet size(Request q, Candidate c, AtomicBoolean cancel) {
        Replica replica;
        try {
            replica = new Replica(q.model(), c.server(), c.tp(), 1, c.weights(), c.weights().bits() < 8 ? Precision.FP8 : c.weights());
        } catch (RuntimeException e) {
            return null;
        }
        InferenceModel m = new InferenceModel(replica, q.runtimeFor().apply(c.server()));
        int context = (int) Math.ceil(q.workload().input().mean() + q.workload().output().mean());
        if (m.maxBatch(1, context * 2) < 1) {
            return null;
        }
        // unloaded latencies already above the targets: no number of replicas helps
        if (m.prefill(1, (int) q.workload().input().mean()) > q.ttftP99S() || m.decodeStep(1, context) > q.tpotP99S()) {
            return null;
        }
        // the two policies: every replica mixes prefill and decode, or a quarter of them (at least one) only prefill
        Sized mixed = search(q, m, 0, cancel);
        Sized split = search(q, m, 0.25, cancel);
        Sized best = mixed == null ? split : split == null || mixed.replicas() <= split.replicas() ? mixed : split;
        if (best == null) {
            return null;
        }
        int gpn = c.server().acceleratorCount();
        int gpus = best.replicas() * c.tp();
        int servers = (gpus + gpn - 1) / gpn;
        ServingSimulation.Report ok = best.report();
        RunCost hour = CostModel.run(c.server(), servers, 3600, ok.outputTokensPerS() * 3600, q.costs());
        return new Fleet(c.server(), c.tp(), c.weights(), best.replicas(), best.prefill(), servers, gpus, ok, hour.totalUsd(),
                hour.usdPerMillionTokens(), m.runtime(), hour);
    }

    /** Returns the cheapest fleet of each server type among {@code ranked} (cheapest first), in the same order. */
    public static List<Fleet> cheapestPerServer(List<Fleet> ranked) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return ranked.stream().filter(f -> seen.add(f.server().id())).toList();
    }

    private record Sized(int replicas, int prefill, ServingSimulation.Report report) {
    }

    /** Fewest replicas meeting the targets with {@code prefillShare} of them prefill-only (0: mixed), or null. */
    private static Sized search(Request q, InferenceModel m, double prefillShare, AtomicBoolean cancel) {
        int lo = prefillShare > 0 ? 1 : 0;
        int hi = prefillShare > 0 ? 2 : 1;
        ServingSimulation.Report ok = null;
        while (hi <= q.maxReplicas()) {
            if (cancel.get()) {
                return null;
            }
            ServingSimulation.Report r = simulate(q, m, hi, prefill(hi, prefillShare));
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
            if (cancel.get()) {
                return null;
            }
            int mid = (lo + hi) / 2;
            ServingSimulation.Report r = simulate(q, m, mid, prefill(mid, prefillShare));
            if (meets(q, r)) {
                hi = mid;
                ok = r;
            } else {
                lo = mid;
            }
        }
        return new Sized(hi, prefill(hi, prefillShare), ok);
    }

    private static int prefill(int replicas, double share) {
        return share <= 0 ? 0 : Math.max(1, Math.min(replicas - 1, (int) Math.round(replicas * share)));
    }

    private static ServingSimulation.Report simulate(Request q, InferenceModel m, int replicas, int prefill) {
        ServingSimulation.Config c = q.config();
        return ServingSimulation.run(m, replicas, q.workload(), q.requests(),
                new ServingSimulation.Config(c.maxSeqs(), c.tokenBudget(), c.blockTokens(), prefill, c.swap()),
                OptionalDouble.of(q.ttftP99S()), OptionalDouble.of(q.tpotP99S()));
    }

    private static boolean meets(Request q, ServingSimulation.Report r) {
        return r.ttft().p99() <= q.ttftP99S() && r.tpot().p99() <= q.tpotP99S();
    }
}
