package org.suanli.perf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How close real kernels and collectives get to one hardware family's published peaks. Every
 * fraction comes from a published microbenchmark of the family (GEMM, memory, attention, collectives;
 * {@code sources} names it per figure), never from an end-to-end run; a family without measurements is
 * {@code assumed}: each figure is then the lowest measured figure among families of its kind. The only
 * end-to-end constant is {@code e2e}, at most one per (family, software preset), fitted on a named
 * validation suite where the microbenchmark chain leaves a gap (sustained clocks under the power
 * limit, framework bookkeeping, kernels not modelled one by one); framework presets without one take
 * {@code transferredE2e}: the mean of the built-in fits of the family's kind (all fits where the kind has none) on a
 * measured family, the lowest of them on an assumed one. A serving runtime's end-to-end constant is its
 * host time per layer (the host CPU differs from server to server), fitted the same way; serving kernels
 * otherwise run at their measured rates. Values live in {@code catalog/efficiency.yaml}.
 *
 * @param kind gpu, tpu or npu: the peer group an assumed family borrows from
 * @param basis measured (figures from microbenchmarks of this family) or assumed
 * @param gemm fraction of dense 16-bit peak a large GEMM reaches
 * @param gemmFp8 fraction of the fp8 dense peak a large fp8 GEMM reaches
 * @param gemmFp4 fraction of the fp4 dense peak a large fp4 GEMM reaches
 * @param gemmHalfDim GEMM dimension at which the shape factor d/(d + gemmHalfDim) halves a compute-bound GEMM's rate
 * @param memory fraction of memory bandwidth streaming kernels reach
 * @param gemmFp8Memory fraction of memory bandwidth a weight-bound (skinny) fp8 GEMM reaches
 * @param attention fraction of dense 16-bit peak a fused attention kernel reaches, forward
 * @param attentionBwd the same for its backward pass
 * @param scaleUpCollective fraction of per-direction scale-up link bandwidth a ring collective reaches
 * @param scaleOutCollective fraction of per-direction NIC line rate a collective reaches
 * @param epAllToAll fraction of per-direction NIC line rate an expert-parallel dispatch or combine between servers reaches
 * @param kernelOverheadS gap between back-to-back kernels launched one by one, seconds
 * @param graphKernelOverheadS gap between kernels replayed from a CUDA graph, seconds
 * @param scaleUpLatencyS latency of a small all-reduce inside a server, seconds
 * @param scaleOutLatencyS per-step latency (alpha) of a collective between servers, seconds
 * @param fitted the end-to-end constant per software preset id (framework or runtime), with the suites it was fitted on
 * @param transferredE2e the end-to-end constant of a framework preset that has no fit of its own
 * @param transferredHost per runtime constant ("runtime/host_per_layer", "runtime/layer_overhead"), the value a family that has no
 *        fit of its own takes (mean of the fits; the longest on an assumed family)
 * @param framework the default training preset on this family
 * @param runtime the default serving runtime on this family
 */
public record Efficiency(String id, String name, String kind, Basis basis, double gemm, double gemmFp8, double gemmFp4, double gemmHalfDim,
                         double memory, double gemmFp8Memory, double attention, double attentionBwd, double scaleUpCollective,
                         double scaleOutCollective, double epAllToAll, double kernelOverheadS, double graphKernelOverheadS, double scaleUpLatencyS, double scaleOutLatencyS,
                         Map<String, Fitted> fitted, double transferredE2e, Map<String, Double> transferredHost,
                         String framework, String runtime,
                         Map<String, String> sources, String source) {

    /** The figures of a family by their catalog keys, in catalog order (the keys of {@link #figures()}). */
    public static final List<String> FIGURES = List.of("gemm", "gemm_fp8", "gemm_fp4", "gemm_half_dim", "memory", "gemm_fp8_memory",
            "attention", "attention_bwd", "scale_up_collective", "scale_out_collective", "ep_all_to_all", "kernel_overhead", "graph_kernel_overhead",
            "scale_up_latency", "scale_out_latency");

    /** Where a family's figures come from. */
    public enum Basis { MEASURED, ASSUMED }

    /**
     * An end-to-end constant fitted on validation suites: {@code e2e} (a framework preset's GEMM factor),
     * {@code host_per_layer} (a serving runtime's host seconds per layer, which the GPU's work hides) or
     * {@code layer_overhead} (a serving runtime's GPU seconds per layer beyond the kernels the model lists, added to them).
     */
    public record Fitted(String constant, double value, List<String> suites) {
        public Fitted {
            suites = List.copyOf(suites);
            if (constant.equals("e2e") && !(value > 0 && value <= 1.5)) {
                throw new IllegalArgumentException("e2e must lie in (0, 1.5], was " + value);
            }
            if (!RUNTIME_CONSTANTS.contains(constant) && !constant.equals("e2e")) {
                throw new IllegalArgumentException("a fitted constant is e2e, host_per_layer or layer_overhead, was " + constant);
            }
            if (constant.equals("host_per_layer") && !(value >= 0 && value < 0.1)) {
                throw new IllegalArgumentException("host_per_layer must lie in [0, 0.1) s, was " + value);
            }
            if (constant.equals("layer_overhead") && !(value >= 0 && value < 0.01)) {
                throw new IllegalArgumentException("layer_overhead must lie in [0, 0.01) s, was " + value);
            }
            if (suites.isEmpty()) {
                throw new IllegalArgumentException("a fitted constant names the suites it was fitted on");
            }
        }
    }

    public Efficiency {
        for (double f : new double[] {gemm, gemmFp8, gemmFp4, memory, gemmFp8Memory, attention, attentionBwd, scaleUpCollective,
                scaleOutCollective, epAllToAll}) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("efficiency " + id + ": fractions must lie in (0, 1], got " + f);
            }
        }
        if (gemmHalfDim < 0 || kernelOverheadS < 0 || graphKernelOverheadS < 0 || scaleUpLatencyS < 0 || scaleOutLatencyS < 0) {
            throw new IllegalArgumentException("efficiency " + id + ": gemm_half_dim, kernel_overhead and latencies must be >= 0");
        }
        if (!(transferredE2e > 0 && transferredE2e <= 1.5)) {
            throw new IllegalArgumentException("efficiency " + id + ": transferred e2e must lie in (0, 1.5]");
        }
        fitted = Collections.unmodifiableMap(new LinkedHashMap<>(fitted));
        transferredHost = Collections.unmodifiableMap(new LinkedHashMap<>(transferredHost));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * Returns the shape factor of one GEMM dimension for compute-bound work: a dimension d runs at d/(d + pad)
     * (tile and wave quantisation: NVIDIA "Matrix Multiplication Background User's Guide"), where the pad is the
     * family's measured {@code gemmHalfDim} but never more than twice the dimension (at least 16): libraries run
     * skinny problems on small tiles, so an M=1 GEMM wastes 16x its FLOPs, not 160x, and stays bound by its weights.
     */
    public double shape(double dim) {
        if (gemmHalfDim == 0) {
            return 1;
        }
        double pad = Math.min(gemmHalfDim, 2 * Math.max(8, dim));
        return dim / (dim + pad);
    }

    /** Returns the end-to-end constant runs on training {@code preset} reach on this family. */
    public double e2e(String preset) {
        Fitted f = fitted.get(preset);
        return f != null && f.constant().equals("e2e") ? f.value() : transferredE2e;
    }

    /** The constants a serving runtime may have fitted per family. */
    public static final List<String> RUNTIME_CONSTANTS = List.of("host_per_layer", "layer_overhead");

    /** Returns the host seconds per layer of {@code runtime} on this family's servers, or {@code fallback} where none was fitted. */
    public double hostPerLayerS(String runtime, double fallback) {
        return runtimeConstant(runtime, "host_per_layer", fallback);
    }

    /**
     * Returns the GPU seconds per layer that {@code runtime}'s forward pass spends on this family beyond the kernels the
     * model lists (0 where the runtime has no such fit on any family).
     */
    public double layerOverheadS(String runtime) {
        return runtimeConstant(runtime, "layer_overhead", 0);
    }

    private double runtimeConstant(String runtime, String constant, double fallback) {
        Fitted f = fitted.get(runtime);
        if (f != null && f.constant().equals(constant)) {
            return f.value();
        }
        return transferredHost.getOrDefault(runtime + "/" + constant, fallback);
    }

    /** Returns the fit of {@code preset}, if one was made on this family. */
    public Optional<Fitted> fit(String preset) {
        return Optional.ofNullable(fitted.get(preset));
    }

    /** Returns this family with {@code preset}'s end-to-end constant set to {@code value} (calibration trials). */
    public Efficiency withFit(String preset, String constant, double value, List<String> suites) {
        Map<String, Fitted> m = new LinkedHashMap<>(fitted);
        m.put(preset, new Fitted(constant, value, suites));
        return new Efficiency(id, name, kind, basis, gemm, gemmFp8, gemmFp4, gemmHalfDim, memory, gemmFp8Memory, attention, attentionBwd, scaleUpCollective,
                scaleOutCollective, epAllToAll, kernelOverheadS, graphKernelOverheadS, scaleUpLatencyS, scaleOutLatencyS, m, transferredE2e,
                transferredHost, framework, runtime, sources, source);
    }

    /** Returns every figure by its catalog key (fractions, a GEMM dimension, seconds), in catalog order. */
    public Map<String, Double> figures() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("gemm", gemm);
        m.put("gemm_fp8", gemmFp8);
        m.put("gemm_fp4", gemmFp4);
        m.put("gemm_half_dim", gemmHalfDim);
        m.put("memory", memory);
        m.put("gemm_fp8_memory", gemmFp8Memory);
        m.put("attention", attention);
        m.put("attention_bwd", attentionBwd);
        m.put("scale_up_collective", scaleUpCollective);
        m.put("scale_out_collective", scaleOutCollective);
        m.put("ep_all_to_all", epAllToAll);
        m.put("kernel_overhead", kernelOverheadS);
        m.put("graph_kernel_overhead", graphKernelOverheadS);
        m.put("scale_up_latency", scaleUpLatencyS);
        m.put("scale_out_latency", scaleOutLatencyS);
        return Collections.unmodifiableMap(m);
    }

    /** Returns true when {@code figure} (a catalog key) was filled by assumption rather than stated with a measurement. */
    public boolean assumed(String figure) {
        String s = sources.get(figure);
        return s == null || s.startsWith("assumed");
    }

    /** Returns true when the family's figures were measured (not assumed). */
    public boolean measured() {
        return basis == Basis.MEASURED;
    }
}
