package org.suanli.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * The layout options of one training job as given, each empty when not given, checked when built (one error naming
 * the option); {@link #job} fills what is open with what a practitioner would choose ({@link TrainingDefaults}):
 * sequence parallelism whenever tp > 1 on a preset that uses it, the preset's ZeRO stage, recompute none.
 *
 * <p>Bounds: parallel sizes, batches and the sequence length are at least 1; {@code zero} is 0 to 3;
 * {@code tpOverlap} is a fraction in [0, 1]; precision is bf16, fp16 or fp8; {@code gradDtype} fp32, bf16 or fp16.
 * Whether the sizes fit the model and the GPUs is {@link LayoutCheck}'s part, once the job is known.
 *
 * @param distributedOptimizer Megatron's distributed optimizer: at least ZeRO stage 1
 * @param framework a framework preset id of the catalog
 * @param flashAttention a framework feature the job overrides; so are the ones after it up to {@code offload} (see
 *     {@link Framework#FEATURES})
 * @param offload what is kept in host memory (none, optimizer, activations, both; default none)
 * @param schedule the pipeline schedule (default 1f1b, or interleaved when vpp > 1)
 * @param expertImbalance max/mean expert load, at least 1 (default 1: balanced, an assumption; see
 *                        {@link TrainingDefaults#EXPERT_IMBALANCE})
 * @param pipelineLayout the layers of each pipeline stage in Megatron-Core's layout grammar (default the even split)
 * @param expertTp expert tensor-parallel size (default {@link Layout#defaultExpertTp})
 * @param capacityFactor token-dropping MoE: each expert's buffer holds this times its even share of the routed tokens
 *                       (at least 1, at most experts / top-k, where one buffer holds every token; see
 *                       {@link Layout#capacityFactor}); empty: dropless
 */
public record LayoutSpec(OptionalInt tp, OptionalInt pp, OptionalInt cp, OptionalInt ep, OptionalInt vpp, OptionalInt microBatch,
                         OptionalInt globalBatch, OptionalInt seqLen, Optional<Boolean> sequenceParallel, OptionalInt zero,
                         boolean distributedOptimizer, Optional<Recompute> recompute, Optional<Precision> precision,
                         Optional<String> framework, Optional<Boolean> flashAttention, OptionalDouble tpOverlap,
                         Optional<Boolean> dpOverlap, Optional<String> gradDtype, Optional<Boolean> blockingP2p,
                         Optional<Boolean> scatterGatherP2p, Optional<Boolean> reshardAfterForward, Optional<Boolean> epA2aOverlap,
                         Optional<Offload> offload, Optional<PipelineSchedule> schedule, OptionalDouble expertImbalance,
                         Optional<PipelineLayout> pipelineLayout, OptionalInt expertTp, OptionalDouble capacityFactor) {

    /** The precisions a training job may compute its GEMMs in. */
    private static final List<Precision> TRAINING_PRECISIONS = List.of(Precision.BF16, Precision.FP16, Precision.FP8);
    private static final List<String> GRAD_DTYPES = List.of("fp32", "bf16", "fp16");
    /**
     * The largest capacity factor any model may take: experts / top-k of the widest-routed catalog models is at most 64
     * (gpt-oss-120b 128 / 4 = 32, DeepSeek-V3 256 / 8 = 32); above experts / top-k a buffer exceeds every token of the
     * group, so the model's own bound is checked in {@link #job}.
     */
    static final double MAX_CAPACITY_FACTOR = 64;
    private static final String CAPACITY_EXPECTED = "a capacity factor from 1 (buffers of each expert's even share of the "
            + "routed tokens) to experts / top-k (buffers that hold every token)";

    public LayoutSpec {
        List.of(tp, pp, cp, ep, vpp, microBatch, globalBatch, seqLen, sequenceParallel, zero, recompute, precision, framework,
                flashAttention, tpOverlap, dpOverlap, gradDtype, blockingP2p, scatterGatherP2p, reshardAfterForward, epA2aOverlap, offload,
                schedule, expertImbalance, pipelineLayout, expertTp, capacityFactor).forEach(Objects::requireNonNull);
        if (capacityFactor.isPresent() && !(capacityFactor.getAsDouble() >= 1 && capacityFactor.getAsDouble() <= MAX_CAPACITY_FACTOR)) {
            throw bad("capacity_factor", capacityFactor.getAsDouble(), CAPACITY_EXPECTED);
        }
        if (expertImbalance.isPresent() && !(expertImbalance.getAsDouble() >= 1 && expertImbalance.getAsDouble() <= 64)) {
            throw bad("expert_imbalance", expertImbalance.getAsDouble(), "max/mean expert load, from 1 to 64");
        }
        atLeast("tp", tp, 1);
        atLeast("pp", pp, 1);
        atLeast("cp", cp, 1);
        atLeast("ep", ep, 1);
        atLeast("vpp", vpp, 1);
        atLeast("expert_tp", expertTp, 1);
        atLeast("micro_batch", microBatch, 1);
        atLeast("global_batch", globalBatch, 1);
        atLeast("seq_len", seqLen, 1);
        atLeast("zero", zero, 0);
        if (zero.isPresent() && zero.getAsInt() > 3) {
            throw bad("zero", zero.getAsInt(), "0, 1, 2 or 3");
        }
        if (precision.isPresent() && !TRAINING_PRECISIONS.contains(precision.get())) {
            throw bad("precision", precision.get().key(), "bf16, fp16 or fp8");
        }
        if (tpOverlap.isPresent() && !(tpOverlap.getAsDouble() >= 0 && tpOverlap.getAsDouble() <= 1)) {
            throw bad("tp_overlap", tpOverlap.getAsDouble(), "a fraction in [0, 1]");
        }
        if (gradDtype.isPresent() && !GRAD_DTYPES.contains(gradDtype.get())) {
            throw bad("grad_dtype", gradDtype.get(), "fp32, bf16 or fp16");
        }
    }

    /** Returns a builder with every option open. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the spec with every option open: all defaults. */
    public static LayoutSpec defaults() {
        return builder().build();
    }

    /** Returns the training precision named {@code key} (bf16, fp16 or fp8, any case), or one error naming --precision. */
    public static Precision trainingPrecision(String key) {
        return Precision.fromKey(key.trim()).filter(TRAINING_PRECISIONS::contains)
                .orElseThrow(() -> bad("precision", key, "bf16, fp16 or fp8"));
    }

    /** Returns the job on the built-in catalog's framework presets. */
    public TrainingJob job(Model model, Server server, int gpus, OptionalDouble tokens) {
        return job(Catalog.builtIn(), model, server, gpus, tokens);
    }

    /**
     * Returns the checked job for {@code gpus} GPUs of {@code server}: the options given, the defaults for the rest,
     * the framework preset from {@code catalog} with the features this spec overrides.
     */
    public TrainingJob job(Catalog catalog, Model model, Server server, int gpus, OptionalDouble tokens) {
        if (gpus < 1) {
            throw new BadInputException("--gpus", gpus + " GPUs", "expected at least 1");
        }
        if (!server.isAiServer()) {
            throw new BadInputException("--server " + server.id(), "has no accelerators", "expected an AI server, e.g. dgx-h100");
        }
        server.requireSimulatable();
        Framework fw = framework(catalog, server);
        int t = tp.orElse(1);
        int p = pp.orElse(1);
        int c = cp.orElse(1);
        int mb = microBatch.orElse(1);
        long tpc = (long) t * p * c;
        if (gpus % tpc != 0) {
            throw new BadInputException("layout", "tp x pp x cp = " + t + " x " + p + " x " + c + " = " + tpc
                    + " does not divide " + gpus + " GPUs", "expected a data-parallel size that is a whole number");
        }
        int dp = (int) (gpus / tpc);
        int seq = seqLen.orElse(TrainingDefaults.seqLen(model));
        int gb = globalBatch.isPresent() ? globalBatch.getAsInt() : TrainingDefaults.globalBatch(seq, dp, mb);
        boolean sp = sequenceParallel.orElse(t > 1 && fw.sequenceParallel());
        int z = zero.orElse(fw.zero());
        if (distributedOptimizer) {
            z = Math.max(z, 1);
        }
        Precision pr = precision.orElse(TrainingDefaults.precision(server.accelerator().orElseThrow()));
        int v = vpp.orElse(1);
        checkCapacity(model);
        int e = ep.orElse(1);
        Layout layout = new Layout(t, p, dp, c, e, v, mb, gb, seq, sp, z, recompute.orElse(Recompute.NONE), pr, fw,
                offload.orElse(Offload.NONE), schedule.orElse(PipelineSchedule.defaultFor(v)),
                expertImbalance.orElse(TrainingDefaults.EXPERT_IMBALANCE), pipelineLayout,
                expertTp.orElse(Layout.defaultExpertTp(t, dp, c, e)), capacityFactor, epA2aOverlap.orElse(false));
        LayoutCheck.check(model, server, layout);
        return new TrainingJob(model, server, layout, tokens);
    }

    /**
     * A capacity factor needs an MoE model, and is at most experts / top-k: there each expert's buffer already holds
     * every token of its group (capacity = factor x tokens x top-k / experts; Fedus et al. 2021 §2.2 eq. 3).
     */
    private void checkCapacity(Model model) {
        if (capacityFactor.isEmpty()) {
            return;
        }
        double f = capacityFactor.getAsDouble();
        var moe = model.moe();
        if (moe.isEmpty()) {
            throw new BadInputException(flag("capacity_factor"), "model " + model.id() + " has no experts",
                    "expected an MoE model, or no capacity factor");
        }
        double max = (double) moe.get().experts() / moe.get().topK();
        if (f > max) {
            throw new BadInputException(flag("capacity_factor"), String.format(Locale.ROOT,
                    "%s gives buffers larger than every token for model %s (%d experts, top-%d)", plain(f), model.id(),
                    moe.get().experts(), moe.get().topK()), "expected 1 to " + plain(max));
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Returns the framework preset named (or the part family's default) with the features this spec overrides. */
    public Framework framework(Catalog catalog, Server server) {
        Framework preset = catalog.framework(framework.orElse(TrainingDefaults.frameworkId(server)));
        Map<String, Object> overrides = new LinkedHashMap<>();
        flashAttention.ifPresent(v -> overrides.put("flash_attention", v));
        tpOverlap.ifPresent(v -> overrides.put("tp_overlap", v));
        dpOverlap.ifPresent(v -> overrides.put("dp_overlap", v));
        gradDtype.ifPresent(v -> overrides.put("grad_dtype", v));
        blockingP2p.ifPresent(v -> overrides.put("blocking_p2p", v));
        scatterGatherP2p.ifPresent(v -> overrides.put("scatter_gather_p2p", v));
        reshardAfterForward.ifPresent(v -> overrides.put("reshard_after_forward", v));
        return preset.with(overrides);
    }

    private static void atLeast(String key, OptionalInt value, int min) {
        if (value.isPresent() && value.getAsInt() < min) {
            throw new BadInputException(flag(key), value.getAsInt() + " is too small", "expected at least " + min);
        }
    }

    /** Returns the command-line flag of an option, e.g. --micro-batch for micro_batch (the name every error gives). */
    static String flag(String key) {
        return "--" + key.replace('_', '-');
    }

    static BadInputException bad(String key, Object value, String expected) {
        return new BadInputException(flag(key), "'" + value + "' is not allowed", "expected " + expected);
    }

    /**
     * Builds a {@link LayoutSpec}; a setter given null leaves its option open, so optional command-line values pass
     * straight through. {@link #build} checks every value.
     */
    public static final class Builder {
        private Integer tp;
        private Integer pp;
        private Integer cp;
        private Integer ep;
        private Integer vpp;
        private Integer microBatch;
        private Integer globalBatch;
        private Integer seqLen;
        private Boolean sequenceParallel;
        private Integer zero;
        private boolean distributedOptimizer;
        private Recompute recompute;
        private Precision precision;
        private String framework;
        private Boolean flashAttention;
        private Double tpOverlap;
        private Boolean dpOverlap;
        private String gradDtype;
        private Boolean blockingP2p;
        private Boolean scatterGatherP2p;
        private Boolean reshardAfterForward;
        private Boolean epA2aOverlap;
        private Offload offload;
        private PipelineSchedule schedule;
        private Double expertImbalance;
        private PipelineLayout pipelineLayout;
        private Integer expertTp;
        private Double capacityFactor;

        private Builder() {
        }

        /** Tensor-parallel size. */
        public Builder tp(Integer v) {
            tp = v;
            return this;
        }

        /** Pipeline-parallel size. */
        public Builder pp(Integer v) {
            pp = v;
            return this;
        }

        /** Context-parallel size. */
        public Builder cp(Integer v) {
            cp = v;
            return this;
        }

        /** Expert-parallel size (inside data parallelism). */
        public Builder ep(Integer v) {
            ep = v;
            return this;
        }

        /** Virtual pipeline stages per rank (interleaved 1F1B). */
        public Builder vpp(Integer v) {
            vpp = v;
            return this;
        }

        /** Sequences per micro-batch. */
        public Builder microBatch(Integer v) {
            microBatch = v;
            return this;
        }

        /** Sequences per step. */
        public Builder globalBatch(Integer v) {
            globalBatch = v;
            return this;
        }

        /** Sequence length, tokens. */
        public Builder seqLen(Integer v) {
            seqLen = v;
            return this;
        }

        /** Sequence parallelism. */
        public Builder sequenceParallel(Boolean v) {
            sequenceParallel = v;
            return this;
        }

        /** ZeRO stage, 0 to 3. */
        public Builder zero(Integer v) {
            zero = v;
            return this;
        }

        /** Megatron's distributed optimizer (at least ZeRO 1); null is false. */
        public Builder distributedOptimizer(Boolean v) {
            distributedOptimizer = v != null && v;
            return this;
        }

        /** Activation recompute. */
        public Builder recompute(Recompute v) {
            recompute = v;
            return this;
        }

        /** Activation recompute by name: none, selective or full (any case). */
        public Builder recompute(String name) {
            if (name == null) {
                recompute = null;
                return this;
            }
            String rc = name.trim().toLowerCase(Locale.ROOT);
            recompute = switch (rc) {
                case "none" -> Recompute.NONE;
                case "selective" -> Recompute.SELECTIVE;
                case "full" -> Recompute.FULL;
                default -> throw bad("recompute", rc, "none, selective or full");
            };
            return this;
        }

        /** GEMM precision: bf16, fp16 or fp8. */
        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        /** GEMM precision by key: bf16, fp16 or fp8 (any case). */
        public Builder precision(String key) {
            precision = key == null ? null : trainingPrecision(key);
            return this;
        }

        /** Framework preset id. */
        public Builder framework(String id) {
            framework = id == null ? null : id.trim();
            return this;
        }

        /** Overrides the preset: fused (flash) attention. */
        public Builder flashAttention(Boolean v) {
            flashAttention = v;
            return this;
        }

        /** Overrides the preset: share of tensor-parallel communication overlapped with GEMMs, 0 to 1. */
        public Builder tpOverlap(Double v) {
            tpOverlap = v;
            return this;
        }

        /** Overrides the preset: gradient reduction overlapped with the backward pass. */
        public Builder dpOverlap(Boolean v) {
            dpOverlap = v;
            return this;
        }

        /** Overrides the preset: the type gradients are reduced in, fp32, bf16 or fp16 (any case). */
        public Builder gradDtype(String v) {
            if (v != null && !GRAD_DTYPES.contains(v.trim().toLowerCase(Locale.ROOT))) {
                throw bad("grad_dtype", v, "fp32, bf16 or fp16");
            }
            gradDtype = v == null ? null : v.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** Overrides the preset: pipeline send/recv blocks compute. */
        public Builder blockingP2p(Boolean v) {
            blockingP2p = v;
            return this;
        }

        /** Overrides the preset: pipeline sends split over the tensor-parallel ranks. */
        public Builder scatterGatherP2p(Boolean v) {
            scatterGatherP2p = v;
            return this;
        }

        /** Overrides the preset: under ZeRO-3, free each layer's gathered parameters after its forward and gather again. */
        public Builder reshardAfterForward(Boolean v) {
            reshardAfterForward = v;
            return this;
        }

        /** Megatron-Core's batch-level EP all-to-all overlap between adjacent micro-batches (default off). */
        public Builder epA2aOverlap(Boolean v) {
            epA2aOverlap = v;
            return this;
        }

        /** What is kept in host memory by name: none, optimizer, activations or both (any case). */
        public Builder offload(String name) {
            offload = name == null ? null : Offload.fromKey(name).orElseThrow(() -> bad("offload", name.trim(),
                    "none, optimizer, activations or both"));
            return this;
        }

        /** Pipeline schedule. */
        public Builder schedule(PipelineSchedule v) {
            schedule = v;
            return this;
        }

        /** Pipeline schedule by key: 1f1b, interleaved, dualpipe, zb-h1 or zb-v (any case). */
        public Builder schedule(String key) {
            schedule = key == null ? null : PipelineSchedule.fromKey(key)
                    .orElseThrow(() -> bad("schedule", key.trim(), PipelineSchedule.keys()));
            return this;
        }

        /** Max/mean expert load, at least 1. */
        public Builder expertImbalance(Double v) {
            expertImbalance = v;
            return this;
        }

        /** The layers of each pipeline stage in Megatron-Core's layout grammar, e.g. "Et*4|(t*4|)*14tmL"; null leaves it open. */
        public Builder pipelineLayout(String text) {
            pipelineLayout = text == null ? null : PipelineLayout.parse(text);
            return this;
        }

        /** Expert tensor-parallel size (Megatron-Core's expert_tensor_parallel_size). */
        public Builder expertTp(Integer v) {
            expertTp = v;
            return this;
        }

        /** Token-dropping MoE: each expert's buffer holds this times its even share of the routed tokens; null: dropless. */
        public Builder capacityFactor(Double v) {
            capacityFactor = v;
            return this;
        }

        /** Returns the checked spec. */
        public LayoutSpec build() {
            return new LayoutSpec(of(tp), of(pp), of(cp), of(ep), of(vpp), of(microBatch), of(globalBatch), of(seqLen),
                    Optional.ofNullable(sequenceParallel), of(zero), distributedOptimizer, Optional.ofNullable(recompute),
                    Optional.ofNullable(precision), Optional.ofNullable(framework), Optional.ofNullable(flashAttention),
                    tpOverlap == null ? OptionalDouble.empty() : OptionalDouble.of(tpOverlap), Optional.ofNullable(dpOverlap),
                    Optional.ofNullable(gradDtype), Optional.ofNullable(blockingP2p), Optional.ofNullable(scatterGatherP2p),
                    Optional.ofNullable(reshardAfterForward), Optional.ofNullable(epA2aOverlap), Optional.ofNullable(offload),
                    Optional.ofNullable(schedule), expertImbalance == null ? OptionalDouble.empty() : OptionalDouble.of(expertImbalance),
                    Optional.ofNullable(pipelineLayout), of(expertTp),
                    capacityFactor == null ? OptionalDouble.empty() : OptionalDouble.of(capacityFactor));
        }

        private static OptionalInt of(Integer v) {
            return v == null ? OptionalInt.empty() : OptionalInt.of(v);
        }
    }
}
