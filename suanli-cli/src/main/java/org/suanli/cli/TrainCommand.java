package org.suanli.cli;

import org.suanli.input.Check;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.report.json.TrainingJson;
import org.suanli.report.ChromeTrace;
import org.suanli.reliability.Goodput;
import org.suanli.reliability.MonteCarlo;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutSpec;
import org.suanli.training.TrainingDefaults;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;
import org.suanli.workload.Model;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli train}: one training layout — step time, where it goes, memory, time to train. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict one training layout: step time and its breakdown, throughput, MFU, memory per GPU, time to train.")
final class TrainCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "M", description = "Model id, YAML/JSON file or Hugging Face config.json.")
    String model;

    @Option(names = "--server", required = true, paramLabel = "S", description = "Server id, e.g. dgx-h100.")
    String server;

    static final class Size {
        @Option(names = "--servers", paramLabel = "N", description = "Number of servers (at most 1,000,000 GPUs in all).")
        Integer servers;

        @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs, 1 to 1,000,000.")
        Integer gpus;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    @Option(names = "--tp", description = "Tensor-parallel size, 1 to the GPU count (default 1).")
    Integer tp;
    @Option(names = "--pp", description = "Pipeline-parallel size, 1 to the GPU count (default 1).")
    Integer pp;
    @Option(names = "--cp", description = "Context-parallel size, 1 to the GPU count (default 1).")
    Integer cp;
    @Option(names = "--ep", description = "Expert-parallel size, 1 to the GPU count (default 1).")
    Integer ep;
    @Option(names = "--vpp", description = "Virtual pipeline stages per rank, interleaved 1F1B, 1 to 1,024 (default 1).")
    Integer vpp;
    @Option(names = "--schedule", description = "Pipeline schedule: 1f1b, interleaved (with --vpp > 1), dualpipe, zb-h1 or zb-v "
            + "(default 1f1b, or interleaved when --vpp > 1); the event engine simulates 1f1b and interleaved.")
    String schedule;
    @Option(names = "--expert-imbalance", description = "MoE: the most-loaded expert's tokens over the mean, 1 to 64 "
            + "(default 1, balanced: an assumption).")
    Double expertImbalance;
    @Option(names = "--pipeline-layout", description = "Which layers sit on each pipeline stage, in Megatron-Core's "
            + "pipeline_model_parallel_layout grammar: E embedding, t transformer layer, m MTP module, L loss; '|' between the "
            + "pp x vpp stages, stage g on rank g mod pp; x*n and (...)*n repeat (e.g. 'Et*4|(t*4|)*14tmL'; default the even split).")
    String pipelineLayout;
    @Option(names = "--expert-tp", description = "MoE: expert tensor-parallel size, the GPUs each expert's weights split over; "
            + "ep x expert tp divides tp x cp x dp (MoE parallel folding) (default tp, or 1 when ep does not divide dp x cp).")
    Integer expertTp;
    @Option(names = "--capacity-factor", description = "MoE token dropping: each expert's buffer holds this times its even "
            + "share of the routed tokens, padded (GShard, Switch Transformer); 1 to experts / top-k (default: dropless).")
    Double capacityFactor;
    @Option(names = "--micro-batch", description = "Sequences per micro-batch, 1 to 65,536 (default 1).")
    Integer microBatch;
    @Option(names = "--global-batch", description = "Sequences per step, 1 to 16,777,216 (default: about 4M tokens; raised to one micro-batch per "
            + "data-parallel rank, which is refused above 64M tokens: give --global-batch then).")
    Integer globalBatch;
    @Option(names = "--seq-len", description = "Sequence length, 1 to 16,777,216 and within the model's context (default: the model's, at most 8192).")
    Integer seqLen;
    @Option(names = "--sequence-parallel", arity = "0..1", fallbackValue = "true", description = "Sequence parallelism (default: the preset's, when tp > 1).")
    Boolean sequenceParallel;
    @Option(names = "--zero", description = "ZeRO stage 0 to 3 (default: the framework preset's, e.g. 1 for nemo-24.07, 0 for megatron-2021).")
    Integer zero;
    @Option(names = "--recompute", description = "none, selective or full (default none).")
    String recompute;
    @Option(names = "--precision", description = "bf16, fp16 or fp8 (default bf16).")
    String precision;
    @Option(names = "--framework", description = "Training framework preset (catalog list --kind framework): megatron-2021, megatron-deepspeed-2022, "
            + "megatron-lm-2023, deepspeed-zero3, pytorch-fsdp-2024, nemo-24.07, rocm-megatron, mindspeed, maxtext, neuron; default: the part's family's.")
    String framework;
    @Option(names = "--flash-attention", arity = "0..1", fallbackValue = "true", description = "Override the preset: fused (flash) attention.")
    Boolean flashAttention;
    @Option(names = "--tp-overlap", paramLabel = "F", description = "Override the preset: share of tensor-parallel communication overlapped with GEMMs, 0-1.")
    Double tpOverlap;
    @Option(names = "--dp-overlap", arity = "0..1", fallbackValue = "true", description = "Override the preset: gradient reduction overlapped with backward.")
    Boolean dpOverlap;
    @Option(names = "--grad-dtype", description = "Override the preset: type gradients are reduced in (fp32, bf16, fp16).")
    String gradDtype;
    @Option(names = "--blocking-p2p", arity = "0..1", fallbackValue = "true", description = "Override the preset: pipeline send/recv blocks compute.")
    Boolean blockingP2p;
    @Option(names = "--scatter-gather-p2p", arity = "0..1", fallbackValue = "true", description = "Override the preset: pipeline sends split over tp ranks.")
    Boolean scatterGatherP2p;
    @Option(names = "--reshard-after-forward", arity = "0..1", fallbackValue = "true", description = "Override the preset: under ZeRO-3, "
            + "free each layer's gathered weights after its forward and gather them again for its backward.")
    Boolean reshardAfterForward;
    @Option(names = "--ep-a2a-overlap", arity = "0..1", fallbackValue = "true", description = "MoE: Megatron-Core's batch-level expert "
            + "all-to-all overlap, --overlap-moe-expert-parallel-comm (forward and backward of adjacent micro-batches merged).")
    Boolean epA2aOverlap;
    @Option(names = "--offload", description = "What to keep in host memory over the host link: none (default), optimizer (states and "
            + "Adam step on the CPU, ZeRO-Offload), activations (stashed activations copied out and back) or both.")
    String offload;
    @Option(names = "--tokens", paramLabel = "T", description = "Training tokens, e.g. 2T or 300B: adds time_to_train_days and gpu_hours.")
    String tokens;
    @Mixin
    GoodputOptions goodputOptions;
    @Option(names = "--monte-carlo", paramLabel = "N", description = "With --tokens: draw failures over N whole runs, 1 to "
            + "100,000, and report the spread of wall-clock days (p10, p50, p90, mean).")
    Integer monteCarlo;
    @Option(names = "--seed", paramLabel = "S", description = "With --monte-carlo: the random seed, 0 to 9,223,372,036,854,775,807 "
            + "(default 1); the same seed gives the same spread.")
    Long seed;
    @Option(names = "--fabric", paramLabel = "F", description = "Run the server's NICs on another fabric, e.g. ib-ndr-superpod "
            + "(catalog list --kind fabric).")
    String fabric;
    @Option(names = "--oversubscription", paramLabel = "R", description = "Down:up ratio R (1 to 64) at the fabric's tiers above the "
            + "leaf (the only tier of a one-tier fabric), e.g. 2 for a spine built 2:1.")
    Double oversubscription;
    @Option(names = "--engine", defaultValue = "analytic", description = "analytic (default, closed form) or event (discrete-event simulation of the schedule).")
    String engine;

    @Option(names = "--trace", paramLabel = "FILE", description = "With --engine event: write a Chrome trace-event JSON (open in Perfetto or chrome://tracing).")
    java.nio.file.Path trace;

    /** Returns the server with the fabric variant the options ask for (--fabric, --oversubscription). */
    private Server withFabric(Catalog catalog, Server s) {
        if (fabric == null && oversubscription == null) {
            return s;
        }
        if (s.nics().isEmpty()) {
            throw new BadInputException("--" + (fabric != null ? "fabric " + fabric : "oversubscription " + Check.num(oversubscription)),
                    "server " + s.id() + " has no scale-out NICs", "expected a server with nics in the catalog");
        }
        var f = fabric != null ? catalog.fabric(fabric) : s.nics().get().fabric();
        if (oversubscription != null) {
            Check.between("--oversubscription", oversubscription, 1, 64);
            f = f.withOversubscription(oversubscription);
        }
        return s.withFabric(f);
    }

    @Override
    public void run() {
        common.checkFormat();
        if (!engine.equals("analytic") && !engine.equals("event")) {
            throw new BadInputException("--engine " + engine, "unknown engine", "expected analytic or event");
        }
        if (trace != null && !engine.equals("event")) {
            throw new UsageException("--trace needs --engine event; expected both");
        }
        checkNumbers();
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        Server s = withFabric(catalog, catalog.server(server));
        int gpus = size.gpus != null ? size.gpus : (int) Check.count("--servers", (long) size.servers * Math.max(1, s.acceleratorCount()),
                1, Check.MAX_GPUS);
        for (var p : java.util.List.of(java.util.Map.entry("--tp", tp == null ? 1 : tp), java.util.Map.entry("--pp", pp == null ? 1 : pp),
                java.util.Map.entry("--cp", cp == null ? 1 : cp), java.util.Map.entry("--ep", ep == null ? 1 : ep))) {
            Check.count(p.getKey(), p.getValue(), 1, gpus);
        }
        long ranks = (long) (tp == null ? 1 : tp) * (pp == null ? 1 : pp) * (cp == null ? 1 : cp);
        long minBatch = gpus / ranks * (microBatch == null ? 1 : microBatch);
        if (globalBatch == null && gpus % ranks == 0 && minBatch > 16_777_216) {
            throw new BadInputException("--gpus " + gpus, String.format(java.util.Locale.ROOT, "%,d data-parallel ranks x micro-batch need a "
                    + "global batch of at least %,d sequences", gpus / ranks, minBatch), "expected fewer GPUs or a smaller --micro-batch");
        }
        OptionalDouble budget = CommonOptions.tokens(tokens);
        TrainingJob job = options().job(catalog, m, s, gpus, budget);
        String batchBasis = batchBasis(job);
        TrainingResult r;
        TrainingJson.EventCounts counts = null;
        if (engine.equals("event")) {
            EventTrainingModel.Run run;
            if (trace != null) {
                try (ChromeTrace writer = ChromeTrace.open(trace, EventTrainingModel.processNames(job))) {
                    run = EventTrainingModel.simulate(job, writer);
                    writer.commit();
                }
            } else {
                run = EventTrainingModel.simulate(job);
            }
            r = run.result();
            counts = new TrainingJson.EventCounts(run.events(), run.tasks());
        } else {
            r = AnalyticTrainingModel.evaluate(job);
        }
        Confidence confidence = Trust.training(catalog, s.accelerator().orElseThrow(), job.layout().framework().presetId(),
                job.layout().framework().asPublished());
        TrainingResult result = r;
        TrainingJson.GoodputJson goodput = goodput(job, result, m, s, gpus);
        TrainingJson.EventCounts work = counts;
        String note = batchBasis.equals("raised") ? String.format(java.util.Locale.ROOT,
                "note: global batch raised to %,d sequences (%s tokens per step) so that each of the %,d data-parallel ranks gets "
                        + "a micro-batch; the default is about 4M tokens; --global-batch sets it%n", job.layout().globalBatch(),
                org.suanli.units.Units.num((double) job.layout().globalBatch() * job.layout().seqLen()), job.layout().dp()) : "";
        common.render(() -> TrainingJson.of(job, result, confidence, engine, work, trace == null ? null : trace.toString(), batchBasis,
                goodput),
                () -> TrainReport.text(job, result, confidence, true, goodput),
                () -> note + TrainReport.text(job, result, confidence, false, goodput)
                        + (trace != null ? "\ntrace written to " + trace + " (open it in https://ui.perfetto.dev)\n" : ""));
    }

    /** Seed of {@code --monte-carlo} when {@code --seed} is not given: fixed, so that a run is reproducible. */
    static final long DEFAULT_SEED = 1;

    /** Most tokens per step a default (not given) global batch may be raised to, for the data-parallel ranks' micro-batches. */
    static final double MAX_RAISED_BATCH_TOKENS = 64 * 1024 * 1024;

    /** Range-checks the numeric options before any work starts. */
    private void checkNumbers() {
        if (size.gpus != null) {
            Check.count("--gpus", size.gpus, 1, Check.MAX_GPUS);
        } else {
            Check.count("--servers", size.servers, 1, Check.MAX_SERVERS);
        }
        Check.count("--vpp", vpp, 1, 1024);
        Check.count("--micro-batch", microBatch, 1, 65_536);
        Check.count("--global-batch", globalBatch, 1, 16_777_216);
        Check.count("--seq-len", seqLen, 1, Check.MAX_TOKENS);
        Check.count("--zero", zero, 0, 3);
        Check.between("--tp-overlap", tpOverlap, 0, 1);
        goodputOptions.check(tokens);
        Check.count("--monte-carlo", monteCarlo, 1, MonteCarlo.MAX_RUNS);
        if (seed != null && seed < 0) {
            throw new BadInputException("--seed", seed + " is negative", "expected a whole number from 0 to 9,223,372,036,854,775,807");
        }
        if (monteCarlo != null && tokens == null) {
            throw new UsageException("--monte-carlo needs --tokens; expected --tokens with it");
        }
        if (seed != null && monteCarlo == null) {
            throw new UsageException("--seed needs --monte-carlo; expected --monte-carlo N with it");
        }
    }

    /** Expected days with failures and checkpoints (Llama 3 failure rates), or null without a time to train. */
    private TrainingJson.GoodputJson goodput(TrainingJob job, TrainingResult r, Model m, Server s, int gpus) {
        if (r.timeToTrainDays().isEmpty()) {
            return null;
        }
        Goodput.Assumptions a = goodputOptions.assumptions();
        Goodput g = Goodput.forJob(m, s, gpus, a.storageGbps(), a.restartMin());
        double ideal = r.timeToTrainDays().getAsDouble();
        return TrainingJson.GoodputJson.of(g, ideal, monteCarlo == null ? null
                : MonteCarlo.run(g, ideal, monteCarlo, seed == null ? DEFAULT_SEED : seed));
    }

    /** "given", "default", or "raised" (the default batch grown to one micro-batch per data-parallel rank); refuses an absurd raise. */
    private String batchBasis(TrainingJob job) {
        if (globalBatch != null) {
            return "given";
        }
        var l = job.layout();
        double tokens = (double) l.globalBatch() * l.seqLen();
        if (tokens > MAX_RAISED_BATCH_TOKENS) {
            throw new BadInputException("--gpus " + (long) l.dp() * l.tp() * l.pp() * l.cp(), String.format(java.util.Locale.ROOT,
                    "%,d data-parallel ranks need a global batch of at least %,d sequences (%s tokens per step), far above the default "
                            + "of about 4M tokens", l.dp(), l.globalBatch(), org.suanli.units.Units.num(tokens)),
                    "expected --global-batch to choose such a batch explicitly, or fewer GPUs");
        }
        return tokens > 2 * TrainingDefaults.BATCH_TOKENS ? "raised" : "default";
    }

    private LayoutSpec options() {
        return LayoutSpec.builder().tp(tp).pp(pp).cp(cp).ep(ep).vpp(vpp).microBatch(microBatch).globalBatch(globalBatch)
                .seqLen(seqLen).sequenceParallel(sequenceParallel).zero(zero).recompute(recompute).precision(precision)
                .framework(framework).flashAttention(flashAttention).tpOverlap(tpOverlap).dpOverlap(dpOverlap).gradDtype(gradDtype)
                .blockingP2p(blockingP2p).scatterGatherP2p(scatterGatherP2p).reshardAfterForward(reshardAfterForward).epA2aOverlap(epA2aOverlap)
                .offload(offload).schedule(schedule).expertImbalance(expertImbalance).pipelineLayout(pipelineLayout).expertTp(expertTp)
                .capacityFactor(capacityFactor).build();
    }
}
