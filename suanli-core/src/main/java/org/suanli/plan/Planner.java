package org.suanli.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.suanli.cost.CostModel;
import org.suanli.cost.RunCost;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.reliability.Goodput;
import org.suanli.software.Framework;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.Layout;
import org.suanli.training.LayoutCheck;
import org.suanli.training.Offload;
import org.suanli.training.PipelineSchedule;
import org.suanli.training.Recompute;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.workload.Model;

/**
 * Searches every valid layout of a training job over cluster sizes and server types with the
 * analytic model, prunes what cannot divide or fit (counting rejections by reason), and ranks the
 * rest by the objective; with failures modelled ({@link PlanRequest#failures}) time and cost are the expected ones (ideal
 * over goodput, which depends only on the GPUs, servers and checkpoint and so is computed once per shard). Work is split into independent shards (server type x cluster size x
 * tp x cp) run on all cores; each keeps its own best-K and counters, merged at the end. A cancel
 * flag stops it cleanly with the best found so far.
 */
public final class Planner {
    /** The rejection reasons beyond layout constraints. */
    public static final String DOES_NOT_FIT = "memory: the layout does not fit in accelerator memory";
    public static final String MISSES_DEADLINE = "deadline: takes longer than --days";
    public static final String OVER_BUDGET = "budget: costs more than --budget";
    public static final String NO_PRICE = "price: the server has no published price (cost objective)";
    public static final String NEVER_FINISHES = "failures: interruptions come faster than the work each one loses";
    public static final String NO_HOST_ROOM = "host memory: the offload needs a host link and room in the server's host memory";
    public static final String DOMINATED = "dominated: an offload where the layout fits without it, or the gradient reduction not "
            + "overlapped, beside a twin that is never slower (wide space; not evaluated)";

    private Planner() {
    }

    /** Runs the plan; {@code progress} receives the number of layouts evaluated so far; {@code cancel} stops it. */
    public static PlanResult plan(PlanRequest req, LongConsumer progress, AtomicBoolean cancel) {
        return plan(req, progress, cancel, Runtime.getRuntime().availableProcessors());
    }

    /** Runs the plan on {@code threads} worker threads; the result does not depend on the count. */
    public static PlanResult plan(PlanRequest req, LongConsumer progress, AtomicBoolean cancel, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        long t0 = System.nanoTime();
        List<Shard> shards = shards(req);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "suanli-planner");
            t.setDaemon(true);
            return t;
        });
        AtomicLong evaluated = new AtomicLong();
        List<Future<Partial>> futures = new ArrayList<>();
        for (Shard s : shards) {
            futures.add(pool.submit(() -> s.run(req, cancel, evaluated, progress)));
        }
        List<Partial> partials = new ArrayList<>();
        try {
            for (Future<Partial> f : futures) {
                partials.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.set(true);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return merge(req, partials, evaluated.get(), !cancel.get(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The most accelerators one plan may use, as {@code train --gpus} allows: without it a cluster of {@code --max-servers}
     * TPU pods (8,960 chips each) would be searched up to 36 M chips.
     */
    public static final int MAX_GPUS = 1_000_000;

    /**
     * Returns an upper bound on the layouts {@link #plan} would evaluate, counted from the search's loops without
     * evaluating any (milliseconds), so a caller can refuse a search too large before it starts.
     */
    public static long candidateBound(PlanRequest req) {
        SearchSpace sp = req.space();
        long inner = (long) sp.zeroStages().size() * sp.recompute().size() * sp.precisions().size() * sp.offloads().size()
                * (sp.dpOverlap() ? 2 : 1);
        long total = 0;
        for (Shard sh : shards(req)) {
            int rest = sh.gpus() / (sh.tp() * sh.cp());
            for (int pp = 1; pp <= Math.min(rest, req.model().layers()); pp++) {
                if (rest % pp == 0) {
                    List<Integer> vpps = vpps(req.model(), pp, sp.maxVpp());
                    long schedules = vpps.size() + (sp.schedules() && pp > 1 ? SearchSpace.EXTRA_SCHEDULES.size() : 0);
                    total += schedules * eps(req.model(), rest / pp * sh.cp()).size() * microBatches(sp, rest / pp).size() * inner;
                }
            }
        }
        return total;
    }

    /** Returns the number of servers to try for each server type. */
    static List<Integer> clusterSizes(PlanRequest req) {
        if (req.fixedServers().isPresent()) {
            return List.of(req.fixedServers().getAsInt());
        }
        List<Integer> sizes = new ArrayList<>();
        for (int n = 1; n <= req.maxServers(); n *= 2) {
            sizes.add(n);
            if (n >= 2 && n * 3 / 2 <= req.maxServers()) {
                sizes.add(n * 3 / 2);
            }
        }
        sizes.sort(Integer::compare);
        return sizes;
    }

    private record Shard(Server server, int servers, int gpus, int tp, int cp) {
        Partial run(PlanRequest req, AtomicBoolean cancel, AtomicLong evaluated, LongConsumer progress) {
            Partial out = new Partial(req.topK(), req.objective());
            Model m = req.model();
            SearchSpace sp = req.space();
            Framework fw = sp.frameworkFor().apply(server);
            int rest = gpus / (tp * cp);
            // goodput depends on the GPUs, servers and checkpoint only, not the layout: once per shard
            Optional<Goodput> goodput = req.failures().isPresent() && req.tokens().isPresent()
                    ? req.failures().get().forJob(m, server, gpus) : Optional.empty();
            boolean neverFinishes = req.failures().isPresent() && req.tokens().isPresent() && goodput.isEmpty();
            // under the cost objective a server with no price (and no rental price given) cannot rank: reject its layouts
            // before evaluating them rather than after
            boolean unpriced = req.objective() == Objective.COST && CostModel.run(server, servers, 1, 0, req.costs()).totalUsd().isEmpty();
            // the preset, and where the wide space asks for it the preset with gradient reduction overlapped with backward
            // (never slower, same memory; the preset without overlap is then dominated and not evaluated)
            List<Framework> frameworks = sp.dpOverlap() && !fw.dpOverlap() ? List.of(fw.with(Map.of("dp_overlap", true))) : List.of(fw);
            int twins = frameworks.get(0) == fw ? 1 : 2;
            long local = 0;
            for (int pp = 1; pp <= Math.min(rest, m.layers()) && !cancel.get(); pp++) {
                if (rest % pp != 0) {
                    continue;
                }
                int dp = rest / pp;
                List<Integer> microBatches = microBatches(sp, dp);
                for (int vpp : vpps(m, pp, sp.maxVpp())) {
                    for (PipelineSchedule schedule : schedules(sp, pp, vpp)) {
                        for (int ep : eps(m, dp * cp)) {
                            for (int mb : microBatches) {
                                for (int zero : sp.zeroStages()) {
                                    if (zero > 0 && dp * cp == 1) {
                                        continue;   // nothing to shard over
                                    }
                                    for (Recompute rc : sp.recompute()) {
                                        for (Precision pr : sp.precisions()) {
                                            if (pr == Precision.FP16 && sp.precisions().contains(Precision.BF16)
                                                    && server.accelerator().get().peak(Precision.BF16).isPresent()) {
                                                continue;   // fp16 is tried only where the part has no bf16
                                            }
                                            for (Framework f : frameworks) {
                                                // an offload only adds host transfers: it is tried where the layout does not fit without it
                                                for (Offload off : sp.offloads()) {
                                                    Layout l = new Layout(tp, pp, dp, cp, ep, vpp, mb, sp.globalBatch(), sp.seqLen(),
                                                            tp > 1 && f.sequenceParallel(), zero, rc, pr, f, off, schedule, 1.0);
                                                    Outcome o = out.consider(req, server, servers, l, goodput, neverFinishes, unpriced);
                                                    local++;
                                                    out.dominated += twins - 1;
                                                    if (o == Outcome.RANKED) {
                                                        out.dominated += (long) twins * (sp.offloads().size() - 1 - off.ordinal());
                                                    }
                                                    if (o != Outcome.DOES_NOT_FIT) {
                                                        break;
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if (local > 20_000) {
                    progress.accept(evaluated.addAndGet(local));
                    local = 0;
                }
            }
            progress.accept(evaluated.addAndGet(local));
            return out;
        }
    }

    /** The micro-batches tried with {@code dp} data-parallel ranks: the space's list, or every divisor of the local batch. */
    static List<Integer> microBatches(SearchSpace sp, int dp) {
        if (!sp.microBatchDivisors() || sp.globalBatch() % dp != 0) {
            return sp.microBatches();
        }
        int local = sp.globalBatch() / dp;
        List<Integer> out = new ArrayList<>();
        for (int d = 1; d <= local; d++) {
            if (local % d == 0) {
                out.add(d);
            }
        }
        return out;
    }

    /** The schedules tried for {@code pp} stages of {@code vpp} chunks: the default, and in the wide space ZB-H1 and DualPipe. */
    private static List<PipelineSchedule> schedules(SearchSpace sp, int pp, int vpp) {
        if (!sp.schedules() || pp == 1 || vpp > 1) {
            return List.of(PipelineSchedule.defaultFor(vpp));
        }
        List<PipelineSchedule> out = new ArrayList<>();
        out.add(PipelineSchedule.defaultFor(vpp));
        out.addAll(SearchSpace.EXTRA_SCHEDULES);
        return out;
    }

    private static List<Integer> vpps(Model m, int pp, int max) {
        List<Integer> out = new ArrayList<>();
        out.add(1);
        if (pp > 1 && m.layers() % pp == 0) {
            int perStage = m.layers() / pp;
            for (int v = 2; v <= Math.min(perStage, max); v++) {
                if (perStage % v == 0) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static List<Integer> eps(Model m, int dpcp) {
        List<Integer> out = new ArrayList<>();
        out.add(1);
        if (m.moe().isPresent()) {
            int e = m.moe().get().experts();
            for (int ep = 2; ep <= Math.min(e, dpcp); ep++) {
                if (e % ep == 0 && dpcp % ep == 0) {
                    out.add(ep);
                }
            }
        }
        return out;
    }

    /**
     * The GPU counts tried on {@code n} units of a server: all of them; on a rack whose domain spans nodes (NVL72) also the
     * largest power-of-two number of whole nodes per domain (64 of 72), the size published runs use, so tensor-parallel
     * groups of 16-64 fit the racks evenly.
     */
    static List<Integer> jobSizes(Server s, int n) {
        int all = n * s.acceleratorCount();
        var d = s.scaleUpDomain();
        if (!d.spansNodes() || d.size() != s.acceleratorCount()) {
            return List.of(all);
        }
        int p = d.node();
        while (p * 2 <= d.size() && (p * 2) % d.node() == 0) {
            p *= 2;
        }
        return p == d.size() ? List.of(all) : List.of(all, n * p);
    }

    private static List<Shard> shards(PlanRequest req) {
        List<Shard> out = new ArrayList<>();
        Model m = req.model();
        for (Server s : req.servers()) {
            int gpn = s.acceleratorCount();
            // tensor parallelism up to the scale-up domain: 8 on an 8-GPU server, 64 on an NVL72 rack, a TPU slice's axes
            int maxTp = Math.max(s.scaleUpDomain().size(), req.space().maxTp());
            for (int n : clusterSizes(req)) {
                if ((long) n * gpn > MAX_GPUS) {
                    continue;
                }
                for (int gpus : jobSizes(s, n)) {
                    for (int tp = 1; tp <= maxTp; tp *= 2) {
                        for (int cp = 1; cp <= req.space().maxCp(); cp *= 2) {
                            if (gpus % (tp * cp) == 0 && m.heads() % tp == 0) {
                                out.add(new Shard(s, n, gpus, tp, cp));
                            }
                        }
                    }
                }
            }
        }
        // the largest shards first, so the cores finish together
        out.sort(Comparator.comparingInt((Shard sh) -> -sh.servers()));
        return out;
    }

    /** What became of one layout: refused, too large for memory, or evaluated and ranked (or refused after evaluation). */
    private enum Outcome { REJECTED, DOES_NOT_FIT, RANKED }

    /** A worker's best candidates and rejection counts. */
    private static final class Partial {
        final int k;
        final Objective objective;
        final PriorityQueue<Candidate> best;
        final Map<String, Candidate> bestPerSize = new LinkedHashMap<>();
        final EnumMap<LayoutCheck.Reason, Long> layoutRejections = new EnumMap<>(LayoutCheck.Reason.class);
        final Map<String, Long> otherRejections = new LinkedHashMap<>();
        /** Layouts of the wide space not evaluated because a twin evaluated in their place is never slower and no larger. */
        long dominated;

        Partial(int k, Objective objective) {
            this.k = k;
            this.objective = objective;
            Comparator<Candidate> byScore = Comparator.comparingDouble(c -> c.score(objective));
            this.best = new PriorityQueue<>(byScore.reversed());
        }

        Outcome consider(PlanRequest req, Server server, int servers, Layout l, Optional<Goodput> goodput, boolean neverFinishes,
                         boolean unpriced) {
            LayoutCheck.Reason r = LayoutCheck.reason(req.model(), server, l);
            if (r != null) {
                layoutRejections.merge(r, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            if (unpriced) {
                otherRejections.merge(NO_PRICE, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            TrainingJob job = new TrainingJob(req.model(), server, l, req.tokens());
            TrainingResult res;
            try {
                res = AnalyticTrainingModel.evaluate(job);
            } catch (org.suanli.BadInputException e) {
                if (l.offload() == Offload.NONE) {
                    throw e;
                }
                // the model refuses an offload with no host link or more than the server's host memory (TransformerStepCosts)
                otherRejections.merge(NO_HOST_ROOM, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            if (!res.fits()) {
                otherRejections.merge(DOES_NOT_FIT, 1L, Long::sum);
                return Outcome.DOES_NOT_FIT;
            }
            if (neverFinishes) {
                otherRejections.merge(NEVER_FINISHES, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            double tokens = req.tokens().orElse(0);
            double seconds = tokens > 0 ? tokens / res.tokensPerS() : res.stepTimeS();
            RunCost cost = CostModel.run(server, servers, seconds, tokens, req.costs());
            Optional<Candidate.Expected> expected = goodput.map(g -> Candidate.Expected.of(g, res, server, servers, tokens, req.costs()));
            Candidate c = new Candidate(server, servers, l, res, res.timeToTrainDays(), res.gpuHours(), cost, expected);
            RunCost priced = expected.isPresent() ? expected.get().cost() : cost;
            if (req.days().isPresent() && c.expectedDays().orElse(Double.POSITIVE_INFINITY) > req.days().getAsDouble()) {
                otherRejections.merge(MISSES_DEADLINE, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            if (req.budgetUsd().isPresent() && priced.totalUsd().orElse(Double.POSITIVE_INFINITY) > req.budgetUsd().getAsDouble()) {
                otherRejections.merge(priced.totalUsd().isPresent() ? OVER_BUDGET : NO_PRICE, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            if (objective == Objective.COST && cost.totalUsd().isEmpty()) {
                otherRejections.merge(NO_PRICE, 1L, Long::sum);
                return Outcome.REJECTED;
            }
            double score = c.score(objective);
            if (best.size() < k) {
                best.add(c);
            } else if (score < best.peek().score(objective)) {
                best.poll();
                best.add(c);
            }
            String key = server.id() + "/" + servers;
            Candidate prev = bestPerSize.get(key);
            if (prev == null || c.score(Objective.TIME) < prev.score(Objective.TIME)) {
                bestPerSize.put(key, c);
            }
            return Outcome.RANKED;
        }
    }

    private static PlanResult merge(PlanRequest req, List<Partial> partials, long evaluated, boolean complete, double wall) {
        List<Candidate> all = new ArrayList<>();
        Map<String, Candidate> perSize = new LinkedHashMap<>();
        Map<String, Long> rejections = new LinkedHashMap<>();
        for (Partial p : partials) {
            all.addAll(p.best);
            p.bestPerSize.forEach((k, c) -> perSize.merge(k, c, (a, b) -> a.score(Objective.TIME) <= b.score(Objective.TIME) ? a : b));
            p.layoutRejections.forEach((r, n) -> rejections.merge(r.name().toLowerCase() + ": needs " + r.expected(), n, Long::sum));
            p.otherRejections.forEach((r, n) -> rejections.merge(r, n, Long::sum));
            if (p.dominated > 0) {
                rejections.merge(DOMINATED, p.dominated, Long::sum);
            }
        }
        Comparator<Candidate> order = Comparator.comparingDouble((Candidate c) -> c.score(req.objective()))
                .thenComparingInt(Candidate::servers)
                .thenComparing(c -> c.server().id())
                .thenComparing(c -> c.layout().toString());
        all.sort(order);
        List<Candidate> top = all.subList(0, Math.min(req.topK(), all.size()));
        Map<String, Candidate> perServer = new LinkedHashMap<>();
        for (Candidate c : perSize.values()) {
            perServer.merge(c.server().id(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        for (Candidate c : all) {
            perServer.merge(c.server().id(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        List<Candidate> perServerList = new ArrayList<>(perServer.values());
        perServerList.sort(order);
        List<Candidate> sizes = new ArrayList<>(perSize.values());
        sizes.sort(Comparator.comparingInt(Candidate::servers).thenComparing(c -> c.server().id()));
        return new PlanResult(List.copyOf(top), List.copyOf(perServerList), List.copyOf(sizes), pareto(new ArrayList<>(perSize.values())),
                evaluated, rejections, complete, wall);
    }

    /** Returns the candidates no other beats on both time and cost (cost unknown counts as worst), fastest first. */
    static List<Candidate> pareto(List<Candidate> candidates) {
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.score(Objective.TIME))
                .thenComparingDouble(c -> c.score(Objective.COST)));
        List<Candidate> front = new ArrayList<>();
        double cheapest = Double.POSITIVE_INFINITY;
        for (Candidate c : candidates) {
            double cost = c.score(Objective.COST);
            if (cost < cheapest) {
                front.add(c);
                cheapest = cost;
            }
        }
        return front;
    }

    /** Returns the result's best candidate's days, if any. */
    public static OptionalDouble bestDays(PlanResult r) {
        return r.top().isEmpty() ? OptionalDouble.empty() : r.top().get(0).days();
    }
}
