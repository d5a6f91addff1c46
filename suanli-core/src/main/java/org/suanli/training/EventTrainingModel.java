package org.suanli.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.sim.Delay;
import org.suanli.sim.Observer;
import org.suanli.sim.SharedLink;
import org.suanli.sim.Simulation;
import org.suanli.sim.SerialResource;
import org.suanli.sim.Task;

/**
 * Runs one training step on the discrete-event engine. One GPU per pipeline stage stands for all
 * tensor- and data-parallel replicas (they behave alike), with a compute stream, a stream for the
 * tensor-parallel communication hidden behind GEMMs, a data-parallel stream and a copy engine;
 * pipeline messages cross shared links between stages. Each stage runs its micro-batches in 1F1B
 * or interleaved order (Narayanan et al. 2021 §2.2, Megatron-LM's schedules.py), operator by
 * operator, with the costs of {@link StepCosts} — the same ones the analytic model adds up. Tasks
 * are created one schedule block ahead, so a step never holds its whole graph.
 */
public final class EventTrainingModel {
    private final StepCosts c;
    private final Simulation sim = new Simulation();
    private final int p;
    private final int v;
    private final int m;
    private final Stage[] stages;
    private final Map<Long, Task> gates = new HashMap<>();
    private final SharedLink[] fwdLinks;
    private final SharedLink[] bwdLinks;
    private final Delay rendezvous = new Delay("rendezvous", -1);
    private final Map<Integer, Map<String, Double>> busy = new HashMap<>();
    private double[] dp;
    private double params;

    /** A pipeline stage's streams and its position in its schedule. */
    private final class Stage {
        final int rank;
        final SerialResource compute;
        final SerialResource tp;
        final SerialResource dpStream;
        final SerialResource copy;
        int next;
        Task last;
        Task lastSend;
        Task lastBackwardFirstOp;
        Task lastBackwardOp;
        Task firstForwardGate;
        Task waitDp;

        Stage(int rank) {
            this.rank = rank;
            compute = new SerialResource("compute", rank);
            tp = new SerialResource("tp_comm", rank);
            dpStream = new SerialResource("dp_comm", rank);
            copy = new SerialResource("copy_engine", rank);
        }
    }

    private EventTrainingModel(TrainingJob job) {
        c = StepCosts.of(job, true);
        p = c.layout().pp();
        v = c.layout().vpp();
        m = c.layout().microBatches();
        stages = new Stage[p];
        for (int i = 0; i < p; i++) {
            stages[i] = new Stage(i);
        }
        double bw = c.p2p() > 0 ? c.p2pBytes() / c.p2p() : 1;
        fwdLinks = new SharedLink[p];
        bwdLinks = new SharedLink[p];
        for (int i = 0; i < p; i++) {
            // link i carries stage i -> i+1 (and p-1 -> 0 for interleaved chunks); priced so that a lone
            // message takes exactly StepCosts.p2p()
            fwdLinks[i] = new SharedLink("pp_link " + i + "->" + (i + 1) % p, p, bw, 0);
            bwdLinks[i] = new SharedLink("pp_link " + (i + 1) % p + "->" + i, p, bw, 0);
        }
    }

    /** The outcome of a simulated step: the result in the analytic engine's terms, and engine statistics. */
    public record Run(TrainingResult result, long events, long tasks) {
    }

    /**
     * Simulates one step; {@code observers} (e.g. a trace writer) see every task. The engine schedules 1F1B and
     * interleaved 1F1B; any other pipeline schedule is refused with one error naming the analytic engine.
     */
    public static Run simulate(TrainingJob job, Observer... observers) {
        PipelineSchedule schedule = job.layout().schedule();
        if (schedule != PipelineSchedule.ONE_F_ONE_B && schedule != PipelineSchedule.INTERLEAVED) {
            throw new org.suanli.BadInputException("--engine event", "the event engine does not simulate the " + schedule.key()
                    + " schedule", "expected --engine analytic, or --schedule 1f1b or interleaved");
        }
        EventTrainingModel model = new EventTrainingModel(job);
        for (Observer o : observers) {
            model.sim.observe(o);
        }
        return model.run();
    }

    /** Returns trace names: one process per pipeline stage plus the network. */
    public static Map<Integer, String> processNames(TrainingJob job) {
        Map<Integer, String> names = new LinkedHashMap<>();
        int p = job.layout().pp();
        for (int i = 0; i < p; i++) {
            names.put(i, "stage " + i);
        }
        names.put(p, "pipeline links");
        return names;
    }

    private Run run() {
        sim.observe(new Observer() {
            @Override
            public void finished(Task task, double time) {
                if (task.resource() instanceof SerialResource s && s.name().equals("compute")) {
                    busy.computeIfAbsent(s.group(), k -> new HashMap<>()).merge(task.category(), time - task.start(), Double::sum);
                }
            }
        });
        params = c.maxStageParams();
        dp = c.dpReduction(params);
        for (Stage s : stages) {
            startParameterGather(s);
            createNextBlock(s);
        }
        double step = sim.run();
        return new Run(result(step), sim.events(), sim.tasks());
    }

    // ---- schedule ------------------------------------------------------------------------------

    private int blocks() {
        return 2 * m * v;
    }

    private int warmup(int rank) {
        if (v == 1) {
            return Math.min(p - rank - 1, m);
        }
        return Math.min((p - rank - 1) * 2 + (v - 1) * p, m * v);
    }

    /**
     * Returns {forward?1:0, micro-batch, chunk} of block {@code k} of a stage: warm-up forwards, then one
     * forward and one backward in turn, then cool-down backwards (Megatron-LM schedules.py). Virtual
     * micro-batch i is micro-batch (i / (p·v))·p + i % p of chunk (i / p) % v, backwards in reverse chunk order.
     */
    private int[] block(int rank, int k) {
        int total = m * v;
        int w = warmup(rank);
        boolean forward;
        int index;
        if (k < w) {
            forward = true;
            index = k;
        } else if (k < 2 * total - w) {
            int j = k - w;
            forward = j % 2 == 0;
            index = forward ? w + j / 2 : j / 2;
        } else {
            forward = false;
            index = k - total;
        }
        int chunk = (index / p) % v;
        if (!forward) {
            chunk = v - 1 - chunk;
        }
        int mb = (index / (p * v)) * p + index % p;
        return new int[] {forward ? 1 : 0, mb, chunk};
    }

    private void createNextBlock(Stage s) {
        if (s.next >= blocks()) {
            finishStage(s);
            return;
        }
        int[] b = block(s.rank, s.next++);
        boolean forward = b[0] == 1;
        int mb = b[1];
        int chunk = b[2];
        List<Op> ops = blockOps(s.rank, forward, chunk);
        Task gate = incoming(s.rank, forward, mb, chunk);
        Task first = null;
        boolean lastBackward = s.next == blocks();
        if (forward && s.rank == 0 && chunk == 0) {
            Task copy = sim.submit(new Task("batch_copy_h2d", "other", s.copy, c.batchCopy(), Map.of("micro_batch", mb)));
            gate = gate == null ? copy : gate;
            if (gate != copy) {
                gate = join(gate, copy);
            }
        }
        for (Op op : ops) {
            Task t = opTask(s, op, forward, mb, chunk);
            if (first == null) {
                first = t;
                t.after(gate);
                if (forward && s.firstForwardGate != null) {
                    t.after(s.firstForwardGate);
                }
                if (c.layout().framework().blockingP2p() && s.lastSend != null) {
                    t.after(s.lastSend);
                }
                final Stage st = s;
                t.onStart(x -> createNextBlock(st));
            }
            if (op.kind() == Op.Kind.TP_HIDDEN) {
                sim.submit(t.after(s.last));
                continue;
            }
            sim.submit(t.after(s.last));
            s.last = t;
        }
        if (first == null) {
            // an empty block (no layers on this chunk): keep the schedule moving
            Task t = new Task("empty", "compute", s.compute, 0, Map.of());
            t.after(gate).after(s.last);
            final Stage st = s;
            t.onStart(x -> createNextBlock(st));
            sim.submit(t);
            s.last = t;
            first = t;
        }
        if (lastBackward) {
            s.lastBackwardFirstOp = first;
        }
        s.lastSend = outgoing(s.rank, forward, mb, chunk, s.last);
    }

    /** Creates a zero-length task that waits for both {@code a} and {@code b}. */
    private Task join(Task a, Task b) {
        return sim.submit(new Task("join", "other", rendezvous, 0, Map.of()).after(a).after(b));
    }

    private List<Op> blockOps(int rank, boolean forward, int chunk) {
        int layers = c.chunkLayers(rank, chunk);
        int base = c.chunkFirstLayer(rank, chunk);
        List<Op> out = new ArrayList<>();
        boolean first = rank == 0 && chunk == 0;
        boolean last = rank == p - 1 && chunk == v - 1;
        if (forward) {
            if (first) {
                out.addAll(c.embed().fwd);
            }
            for (int j = 0; j < layers; j++) {
                out.addAll(c.layer(base + j).fwd);
            }
            if (last) {
                out.addAll(c.head().fwd);
            }
        } else {
            if (last) {
                out.addAll(c.head().bwd);
            }
            for (int j = layers - 1; j >= 0; j--) {
                LayerOps lo = c.layer(base + j);
                out.addAll(lo.recompute);
                out.addAll(lo.bwd);
            }
            if (first) {
                out.addAll(c.embed().bwd);
            }
        }
        return out;
    }

    private Task opTask(Stage s, Op op, boolean forward, int mb, int chunk) {
        String category = switch (op.kind()) {
            case COMPUTE -> op.name().startsWith("recompute_") ? "recompute" : "compute";
            case TP_COMM, TP_HIDDEN -> "tp_comm";
            case CP_COMM -> "cp_comm";
            case EP_COMM -> "ep_comm";
        };
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("op", op.name());
        args.put("micro_batch", mb);
        if (v > 1) {
            args.put("chunk", chunk);
        }
        args.put("phase", forward ? "forward" : "backward");
        if (op.flops() > 0) {
            args.put("flops", op.flops());
        }
        if (op.bytes() > 0) {
            args.put("bytes", op.bytes());
        }
        return new Task(op.name(), category, op.kind() == Op.Kind.TP_HIDDEN ? s.tp : s.compute, op.seconds(), args);
    }

    // ---- pipeline messages --------------------------------------------------------------------

    private long key(boolean forward, int mb, int chunk, int receiver) {
        return ((((long) mb * v + chunk) * p + receiver) << 1) | (forward ? 1 : 0);
    }

    /** The rendezvous a block waits on for its input from another stage, or null if it needs none. */
    private Task incoming(int rank, boolean forward, int mb, int chunk) {
        boolean needs = forward ? rank > 0 || chunk > 0 : rank < p - 1 || chunk < v - 1;
        if (!needs) {
            return null;
        }
        return gate(forward, mb, chunk, rank);
    }

    private Task gate(boolean forward, int mb, int chunk, int receiver) {
        long k = key(forward, mb, chunk, receiver);
        Task g = gates.remove(k);
        if (g == null) {
            g = new Task("recv", "pp_comm", rendezvous, 0, Map.of("micro_batch", mb)).hold();
            sim.submit(g);
            gates.put(k, g);
        }
        return g;
    }

    /** Sends a block's output to the stage that needs it next, returning the send task (null if none). */
    private Task outgoing(int rank, boolean forward, int mb, int chunk, Task after) {
        int toRank;
        int toChunk;
        SharedLink link;
        if (forward) {
            if (rank == p - 1 && chunk == v - 1) {
                return null;
            }
            toRank = (rank + 1) % p;
            toChunk = rank == p - 1 ? chunk + 1 : chunk;
            link = fwdLinks[rank];
        } else {
            if (rank == 0 && chunk == 0) {
                return null;
            }
            toRank = (rank - 1 + p) % p;
            toChunk = rank == 0 ? chunk - 1 : chunk;
            link = bwdLinks[toRank];
        }
        double bytes = c.p2pBytes();
        Task send = new Task(forward ? "send_activation" : "send_gradient", "pp_comm", link, bytes,
                Map.of("micro_batch", mb, "bytes", bytes));
        sim.submit(send.after(after));
        long k = key(forward, mb, toChunk, toRank);
        Task g = gates.remove(k);
        if (g == null) {
            g = new Task("recv", "pp_comm", rendezvous, 0, Map.of("micro_batch", mb)).hold();
            sim.submit(g);
            gates.put(k, g);
        }
        g.after(send);
        sim.release(g);
        return send;
    }

    // ---- data parallelism, optimizer, host -----------------------------------------------------

    private void startParameterGather(Stage s) {
        if (c.layout().zero() == 0 || c.layout().zero() == 3 || dp[1] <= 0 || !c.layout().framework().dpOverlap()) {
            return;
        }
        // Megatron-Core gathers parameters bucket by bucket ahead of the first forward: only the first bucket waits
        double firstBucket = StageSchedule.oneBucket(dp[1], params);
        Task first = sim.submit(new Task("param_allgather_first_bucket", "dp_comm", s.dpStream, firstBucket, Map.of()));
        sim.submit(new Task("param_allgather", "dp_comm", s.dpStream, dp[1] - firstBucket, Map.of()).after(first));
        s.firstForwardGate = first;
    }

    private void finishStage(Stage s) {
        boolean overlap = c.layout().framework().dpOverlap();
        Task lastDp;
        double lastBucket = StageSchedule.oneBucket(dp[0], params);
        if (c.layout().zero() == 3) {
            // the per-layer gathers and reduce-scatters the stage's compute does not hide (ShardedSchedule), priced
            // as the analytic engine prices them and waited for at the end of the stage's last backward
            lastDp = sim.submit(new Task("zero3_gather_reduce_exposed", "dp_comm", s.dpStream, c.shardedDataParallel(s.rank),
                    Map.of()).after(s.last));
        } else if (overlap && s.lastBackwardFirstOp != null) {
            Task bulk = sim.submit(new Task("grad_reduce", "dp_comm", s.dpStream, Math.max(0, dp[0] - lastBucket), Map.of())
                    .after(s.lastBackwardFirstOp));
            lastDp = sim.submit(new Task("grad_reduce_last_bucket", "dp_comm", s.dpStream, lastBucket, Map.of())
                    .after(bulk).after(s.last));
        } else {
            lastDp = sim.submit(new Task("grad_reduce", "dp_comm", s.dpStream, dp[0], Map.of()).after(s.last));
            if (dp[1] > 0) {
                lastDp = sim.submit(new Task("param_allgather", "dp_comm", s.dpStream, dp[1], Map.of()).after(lastDp));
            }
        }
        double tied = c.tiedEmbeddingReduction();
        if (tied > 0 && (s.rank == 0 || s.rank == p - 1)) {
            lastDp = sim.submit(new Task("tied_embedding_allreduce", "dp_comm", s.dpStream, tied, Map.of()).after(lastDp));
        }
        double offload = c.offloadTransfers(s.rank);
        if (offload > 0) {
            lastDp = sim.submit(new Task("offload_copies_exposed", "offload", s.copy, offload, Map.of()).after(lastDp));
        }
        s.lastBackwardOp = s.last;
        Task waitDp = sim.submit(new Task("wait_dp", "dp_comm", s.compute, 0, Map.of()).after(s.last).after(lastDp));
        s.waitDp = waitDp;
        Task opt = sim.submit(new Task("optimizer_step", "optimizer", s.compute, c.optimizer(c.stageParams(s.rank)), Map.of())
                .after(waitDp));
        s.last = opt;
        if (s.rank == p - 1) {
            s.last = sim.submit(new Task("loss_copy_d2h", "other", s.copy, c.lossSync(), Map.of()).after(opt));
        }
    }

    // ---- result ----------------------------------------------------------------------------------

    private TrainingResult result(double step) {
        int crit = c.criticalStage();
        Map<String, Double> b = busy.getOrDefault(crit, Map.of());
        Map<String, Double> breakdown = new LinkedHashMap<>();
        double compute = b.getOrDefault("compute", 0.0);
        double recompute = b.getOrDefault("recompute", 0.0);
        double tp = b.getOrDefault("tp_comm", 0.0);
        double cp = b.getOrDefault("cp_comm", 0.0);
        double ep = b.getOrDefault("ep_comm", 0.0);
        double optimizer = b.getOrDefault("optimizer", 0.0);
        double other = c.hostTime();
        double ppComm = c.layout().framework().blockingP2p() && p > 1 ? 2.0 * v * m * c.p2p() : 0;
        Stage s = stages[crit];
        // exposed data-parallel time: the compute stream waits from its last backward op until the reduction ends
        double offload = c.offloadTransfers(crit);
        double dpExposed = Math.max(0, s.waitDp.start() - s.lastBackwardOp.end() - offload);
        double accounted = compute + recompute + tp + cp + ep + optimizer + other + ppComm + dpExposed + offload;
        breakdown.put("compute", compute);
        breakdown.put("recompute", recompute);
        breakdown.put("tp_comm", tp);
        breakdown.put("cp_comm", cp);
        breakdown.put("pp_bubble", Math.max(0, step - accounted));
        breakdown.put("pp_comm", ppComm);
        breakdown.put("dp_comm", dpExposed);
        breakdown.put("ep_comm", ep);
        breakdown.put("optimizer", optimizer);
        breakdown.put("other", other);
        if (c.layout().offload() != Offload.NONE) {
            breakdown.put("offload", offload);
        }
        double sum = breakdown.values().stream().mapToDouble(Double::doubleValue).sum();
        double stepReported = Math.max(step, sum);
        return c.result(stepReported, breakdown, params);
    }
}
