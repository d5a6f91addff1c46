package org.suanli.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.hardware.Server;
import org.suanli.report.json.TrainingJson;
import org.suanli.report.ChromeTrace;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.EventTrainingModel;
import org.suanli.training.LayoutSpec;
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
        @Option(names = "--servers", paramLabel = "N", description = "Number of servers.")
        Integer servers;

        @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs.")
        Integer gpus;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    @Option(names = "--tp", description = "Tensor-parallel size (default 1).")
    Integer tp;
    @Option(names = "--pp", description = "Pipeline-parallel size (default 1).")
    Integer pp;
    @Option(names = "--cp", description = "Context-parallel size (default 1).")
    Integer cp;
    @Option(names = "--ep", description = "Expert-parallel size (default 1).")
    Integer ep;
    @Option(names = "--vpp", description = "Virtual pipeline stages per rank, interleaved 1F1B (default 1).")
    Integer vpp;
    @Option(names = "--micro-batch", description = "Sequences per micro-batch (default 1).")
    Integer microBatch;
    @Option(names = "--global-batch", description = "Sequences per step (default: about 4M tokens).")
    Integer globalBatch;
    @Option(names = "--seq-len", description = "Sequence length (default: the model's, at most 8192).")
    Integer seqLen;
    @Option(names = "--sequence-parallel", arity = "0..1", fallbackValue = "true", description = "Sequence parallelism (default: the preset's, when tp > 1).")
    Boolean sequenceParallel;
    @Option(names = "--zero", description = "ZeRO stage 0-3 (default: the framework preset's, e.g. 1 for nemo-24.07, 0 for megatron-2021).")
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
    @Option(names = "--tokens", paramLabel = "T", description = "Training tokens, e.g. 2T or 300B: adds time_to_train_days and gpu_hours.")
    String tokens;
    @Option(names = "--engine", defaultValue = "analytic", description = "analytic (default, closed form) or event (discrete-event simulation of the schedule).")
    String engine;

    @Option(names = "--trace", paramLabel = "FILE", description = "With --engine event: write a Chrome trace-event JSON (open in Perfetto or chrome://tracing).")
    java.nio.file.Path trace;

    @Override
    public void run() {
        common.checkFormat();
        if (!engine.equals("analytic") && !engine.equals("event")) {
            throw new BadInputException("--engine " + engine, "unknown engine", "expected analytic or event");
        }
        if (trace != null && !engine.equals("event")) {
            throw new UsageException("--trace needs --engine event; expected both");
        }
        Catalog catalog = common.catalog();
        Model m = ModelResolver.resolve(catalog, model);
        Server s = catalog.server(server);
        int gpus = size.gpus != null ? size.gpus : size.servers * Math.max(1, s.acceleratorCount());
        if (size.servers != null && size.servers < 1) {
            throw new BadInputException("--servers", size.servers + " servers", "expected at least 1");
        }
        OptionalDouble budget = CommonOptions.tokens(tokens);
        TrainingJob job = options().job(catalog, m, s, gpus, budget);
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
        TrainingJson.EventCounts work = counts;
        common.render(() -> TrainingJson.of(job, result, confidence, engine, work, trace == null ? null : trace.toString()),
                () -> TrainReport.text(job, result, confidence, true),
                () -> TrainReport.text(job, result, confidence, false)
                        + (trace != null ? "\ntrace written to " + trace + " (open it in https://ui.perfetto.dev)\n" : ""));
    }

    private LayoutSpec options() {
        return LayoutSpec.builder().tp(tp).pp(pp).cp(cp).ep(ep).vpp(vpp).microBatch(microBatch).globalBatch(globalBatch)
                .seqLen(seqLen).sequenceParallel(sequenceParallel).zero(zero).recompute(recompute).precision(precision)
                .framework(framework).flashAttention(flashAttention).tpOverlap(tpOverlap).dpOverlap(dpOverlap).gradDtype(gradDtype)
                .blockingP2p(blockingP2p).scatterGatherP2p(scatterGatherP2p).build();
    }
}
