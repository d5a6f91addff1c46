package org.suanli.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.input.Check;
import org.suanli.input.Inputs;
import org.suanli.jobs.OptionException.Kind;
import org.suanli.reliability.Goodput;
import org.suanli.reliability.MonteCarlo;
import org.suanli.report.json.TrainingJson;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;
import org.suanli.workload.Model;

/**
 * {@code train}: one training layout read from its options the way {@code suanli train} reads them, and its JSON.
 *
 * @param job the layout, checked
 * @param batchBasis "given", "default" or "raised" (a default batch raised to cover every data-parallel rank)
 */
public record TrainJob(Catalog catalog, TrainingJob job, Model model, Server server, int gpus, String engine, String batchBasis,
                       Integer monteCarlo, Long seed, Goodput.Assumptions goodput) implements Job {

    /** Reads a train options map; {@code forcedEngine} (or null) is the engine a caller needs, as a trace needs "event". */
    public static TrainJob read(Options b, JobContext ctx, String forcedEngine) {
        Catalog catalog = ctx.catalog();
        String engine = forcedEngine != null ? forcedEngine : b.string("engine", "analytic");
        if (forcedEngine != null && b.string("engine") != null && !b.string("engine").equals(forcedEngine)) {
            throw new OptionException(Kind.INPUT, "engine", "a trace needs the event engine", "expected engine \"event\" or none");
        }
        if (!engine.equals("analytic") && !engine.equals("event")) {
            throw new OptionException(Kind.INPUT, "engine", "unknown engine '" + engine + "'", "expected analytic or event");
        }
        String modelId = ctx.id("model", b.required("model", "expected a model id, e.g. llama3-70b"));
        String serverId = ctx.id("server", b.required("server", "expected a server id, e.g. dgx-h100"));
        Integer servers = b.integer("servers");
        Integer gpusGiven = b.integer("gpus");
        if ((servers == null) == (gpusGiven == null)) {
            throw new OptionException(Kind.USAGE, servers == null ? "gpus" : "servers", servers == null ? "missing" : "given with gpus",
                    "expected exactly one of gpus and servers");
        }
        Integer tp = b.integer("tp");
        Integer pp = b.integer("pp");
        Integer cp = b.integer("cp");
        Integer ep = b.integer("ep");
        Integer vpp = b.integer("vpp");
        Integer microBatch = b.integer("micro_batch");
        Integer globalBatch = b.integer("global_batch");
        Integer seqLen = b.integer("seq_len");
        Integer zero = b.integer("zero");
        Double tpOverlap = b.number("tp_overlap");
        String tokens = b.string("tokens");
        Integer monteCarlo = b.integer("monte_carlo");
        Long seed = b.longValue("seed");
        Double storageGbps = b.number("storage_gbps");
        Double restartMin = b.number("restart_min");
        String fabric = b.string("fabric");
        Double oversubscription = b.number("oversubscription");
        LayoutSpec spec = LayoutSpec.builder().tp(tp).pp(pp).cp(cp).ep(ep).vpp(vpp).microBatch(microBatch).globalBatch(globalBatch)
                .seqLen(seqLen).sequenceParallel(b.bool("sequence_parallel")).zero(zero).recompute(b.string("recompute"))
                .precision(b.string("precision")).framework(b.string("framework")).flashAttention(b.bool("flash_attention"))
                .tpOverlap(tpOverlap).dpOverlap(b.bool("dp_overlap")).gradDtype(b.string("grad_dtype")).blockingP2p(b.bool("blocking_p2p"))
                .scatterGatherP2p(b.bool("scatter_gather_p2p")).reshardAfterForward(b.bool("reshard_after_forward"))
                .epA2aOverlap(b.bool("ep_a2a_overlap")).offload(b.string("offload")).schedule(b.string("schedule"))
                .expertImbalance(b.number("expert_imbalance")).pipelineLayout(b.string("pipeline_layout")).expertTp(b.integer("expert_tp"))
                .capacityFactor(b.number("capacity_factor")).build();
        b.finish();
        if (gpusGiven != null) {
            Check.count("--gpus", gpusGiven, 1, Check.MAX_GPUS);
        } else {
            Check.count("--servers", servers, 1, Check.MAX_SERVERS);
        }
        Check.count("--vpp", vpp, 1, 1024);
        Check.count("--micro-batch", microBatch, 1, 65_536);
        Check.count("--global-batch", globalBatch, 1, 16_777_216);
        Check.count("--seq-len", seqLen, 1, Check.MAX_TOKENS);
        Check.count("--zero", zero, 0, 3);
        Check.between("--tp-overlap", tpOverlap, 0, 1);
        Check.positive("--storage-gbps", storageGbps, 10_000);
        Check.between("--restart-min", restartMin, 0, 10_080);
        Check.count("--monte-carlo", monteCarlo, 1, MonteCarlo.MAX_RUNS);
        if ((storageGbps != null || restartMin != null || monteCarlo != null) && tokens == null) {
            throw new OptionException(Kind.INPUT, "tokens", "missing", "expected tokens with storage_gbps, restart_min or monte_carlo");
        }
        if (seed != null && (seed < 0 || monteCarlo == null)) {
            throw new OptionException(Kind.INPUT, "seed", seed < 0 ? seed + " is negative" : "given without monte_carlo",
                    "expected a whole number from 0 with monte_carlo");
        }
        Model m = ModelResolver.resolve(catalog, modelId);
        Server s = withFabric(catalog, catalog.server(serverId), fabric, oversubscription);
        int gpus = gpusGiven != null ? gpusGiven
                : (int) Check.count("--servers", (long) servers * Math.max(1, s.acceleratorCount()), 1, Check.MAX_GPUS);
        for (var p : List.of(Map.entry("--tp", tp == null ? 1 : tp), Map.entry("--pp", pp == null ? 1 : pp),
                Map.entry("--cp", cp == null ? 1 : cp), Map.entry("--ep", ep == null ? 1 : ep))) {
            Check.count(p.getKey(), p.getValue(), 1, gpus);
        }
        long ranks = (long) (tp == null ? 1 : tp) * (pp == null ? 1 : pp) * (cp == null ? 1 : cp);
        long minBatch = gpus / ranks * (microBatch == null ? 1 : microBatch);
        if (globalBatch == null && gpus % ranks == 0 && minBatch > 16_777_216) {
            throw new OptionException(Kind.INPUT, "gpus", String.format(Locale.ROOT, "%,d data-parallel ranks x micro-batch need a global "
                    + "batch of at least %,d sequences", gpus / ranks, minBatch), "expected fewer GPUs or a smaller micro_batch");
        }
        TrainingJob job = spec.job(catalog, m, s, gpus, Inputs.tokens(tokens));
        String basis = "given";
        if (globalBatch == null) {
            var l = job.layout();
            double t = (double) l.globalBatch() * l.seqLen();
            if (t > 64.0 * 1024 * 1024) {
                throw new OptionException(Kind.INPUT, "gpus", String.format(Locale.ROOT, "%,d data-parallel ranks need a global batch of at "
                        + "least %,d sequences, far above the default of about 4M tokens", l.dp(), l.globalBatch()),
                        "expected global_batch to choose such a batch explicitly, or fewer GPUs");
            }
            basis = t > 2 * TrainingDefaults.BATCH_TOKENS ? "raised" : "default";
        }
        Goodput.Assumptions g = new Goodput.Assumptions(storageGbps == null ? OptionalDouble.empty() : OptionalDouble.of(storageGbps),
                restartMin == null ? OptionalDouble.empty() : OptionalDouble.of(restartMin));
        return new TrainJob(catalog, job, m, s, gpus, engine, basis, monteCarlo, seed, g);
    }

    private static Server withFabric(Catalog catalog, Server s, String fabric, Double oversubscription) {
        if (fabric == null && oversubscription == null) {
            return s;
        }
        if (s.nics().isEmpty()) {
            throw new BadInputException(fabric != null ? "fabric" : "oversubscription", "server " + s.id() + " has no scale-out NICs",
                    "expected a server with nics in the catalog");
        }
        var f = fabric != null ? catalog.fabric(fabric) : s.nics().get().fabric();
        if (oversubscription != null) {
            Check.between("--oversubscription", oversubscription, 1, 64);
            f = f.withOversubscription(oversubscription);
        }
        return s.withFabric(f);
    }

    /** Returns the training JSON of {@code suanli train --json}: the analytic or the event engine's result. */
    @Override
    public TrainingJson run(java.util.concurrent.atomic.AtomicBoolean cancel) {
        TrainingResult r;
        TrainingJson.EventCounts counts = null;
        if (engine.equals("event")) {
            EventTrainingModel.Run run = EventTrainingModel.simulate(job);
            r = run.result();
            counts = new TrainingJson.EventCounts(run.events(), run.tasks());
        } else {
            r = AnalyticTrainingModel.evaluate(job);
        }
        Confidence confidence = Trust.training(catalog, server.accelerator().orElseThrow(), job.layout().framework().presetId(),
                job.layout().framework().asPublished());
        TrainingJson.GoodputJson gj = null;
        if (r.timeToTrainDays().isPresent()) {
            Goodput g = Goodput.forJob(model, server, gpus, goodput.storageGbps(), goodput.restartMin());
            double ideal = r.timeToTrainDays().getAsDouble();
            gj = TrainingJson.GoodputJson.of(g, ideal, monteCarlo == null ? null
                    : MonteCarlo.run(g, ideal, monteCarlo, seed == null ? 1 : seed));
        }
        return TrainingJson.of(job, r, confidence, engine, counts, null, batchBasis, gj);
    }
}
