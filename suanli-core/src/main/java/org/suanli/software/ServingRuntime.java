package org.suanli.software;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A serving runtime as a set of features (the serving counterpart of the training {@code Framework}):
 * its host path — eager launches, which cost host time per layer, or CUDA graphs, one launch per
 * step — its decode-attention kernel, its tensor-parallel all-reduce, and how much of a GPU's memory
 * it leaves unused. Named presets live in the catalog ({@code catalog/runtimes.yaml}), each feature
 * with the document that says the runtime does it.
 *
 * @param cudaGraphs decode steps are replayed as CUDA graphs, so the host launches one graph per step
 * @param hostPerLayerS host time to enqueue one layer's kernels when they are launched one by one, seconds
 * @param hostPerStepS host time per step besides the launches (scheduling, sampling, graph launch), seconds
 * @param kvReadPerQueryHead decode attention reads a KV head once per query head of its group (a pre-XQA kernel)
 * @param kvReadEfficiency fraction of the memory efficiency of streaming kernels its decode attention reaches reading KV
 * @param gpuMemoryUtilization fraction of each GPU's capacity the runtime may use at all (vLLM {@code gpu_memory_utilization})
 * @param kvCacheFreeFraction fraction of the memory left after weights and activations that the KV cache may take
 *     (TensorRT-LLM {@code kv_cache_free_gpu_mem_frac})
 * @param contextBytes memory the runtime holds outside its tensors: CUDA context, library workspaces, communicator buffers
 * @param customAllReduce tensor-parallel all-reduces inside a server use a one-shot kernel, not NCCL's ring
 * @param version the release (or range of releases) the preset describes, as the runtime numbers it
 * @param cudaGraphMaxBatch the largest step (new tokens) replayed from a CUDA graph; larger steps launch eagerly (0: no limit)
 * @param cudaGraphPrefill steps with prefill tokens are graphed too (vLLM V1 piecewise graphs by token count); else only
 *     decode-only steps are (vLLM V0 decode_only, SGLang, TensorRT-LLM DecodeCudaGraphConfig)
 * @param customAllReduceLatencyS latency of the runtime's one-shot all-reduce kernel for a small message, seconds (0: none measured)
 * @param overlapScheduling the host schedules step n+1 while the GPU runs step n, so its per-step work hides under the step
 * @param features what else the runtime does, by name, for {@code catalog show}: the chunked-prefill budget (priced: a static
 *     batch's activations are one chunk's), in-flight batching, KV block size and KV cache precisions (stated only)
 * @param overridden the features a job changed from the preset (the id then carries {@code +feature} for each)
 */
public record ServingRuntime(String id, String name, String software, boolean cudaGraphs, double hostPerLayerS, double hostPerStepS,
                      boolean kvReadPerQueryHead, double kvReadEfficiency, OptionalDouble gpuMemoryUtilization,
                      OptionalDouble kvCacheFreeFraction, double contextBytes, boolean customAllReduce,
                      Map<String, String> sources, String source, String version, int cudaGraphMaxBatch, boolean cudaGraphPrefill,
                      double customAllReduceLatencyS, boolean overlapScheduling, Map<String, Object> features,
                      java.util.List<String> overridden) {

    /** A preset as the catalog states it, with no job overrides. */
    public ServingRuntime(String id, String name, String software, boolean cudaGraphs, double hostPerLayerS, double hostPerStepS,
                          boolean kvReadPerQueryHead, double kvReadEfficiency, OptionalDouble gpuMemoryUtilization,
                          OptionalDouble kvCacheFreeFraction, double contextBytes, boolean customAllReduce,
                          Map<String, String> sources, String source) {
        this(id, name, software, cudaGraphs, hostPerLayerS, hostPerStepS, kvReadPerQueryHead, kvReadEfficiency, gpuMemoryUtilization,
                kvCacheFreeFraction, contextBytes, customAllReduce, sources, source, "", 0, true, 0, false, Map.of(), java.util.List.of());
    }

    /** The runtime planning commands use when none is named. */
    public static final String DEFAULT = "tensorrt-llm-0.8";

    public ServingRuntime {
        if (!(kvReadEfficiency > 0 && kvReadEfficiency <= 1)) {
            throw new IllegalArgumentException("kv_read_efficiency must lie in (0, 1], was " + kvReadEfficiency);
        }
        for (OptionalDouble f : new OptionalDouble[] {gpuMemoryUtilization, kvCacheFreeFraction}) {
            if (f.isPresent() && !(f.getAsDouble() > 0 && f.getAsDouble() <= 1)) {
                throw new IllegalArgumentException("memory fractions must lie in (0, 1], was " + f.getAsDouble());
            }
        }
        if (hostPerLayerS < 0 || hostPerStepS < 0 || contextBytes < 0 || customAllReduceLatencyS < 0 || cudaGraphMaxBatch < 0) {
            throw new IllegalArgumentException("host times, latencies, context memory and graph sizes must be >= 0");
        }
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
        overridden = java.util.List.copyOf(overridden);
    }

    /**
     * Returns the prompt tokens one step of chunked prefill takes at most (vLLM {@code max_num_batched_tokens}, SGLang
     * {@code chunked_prefill_size}), where the runtime chunks prompts by default; empty where it prefills a batch whole.
     */
    public java.util.OptionalInt chunkedPrefillTokens() {
        return features.get("chunked_prefill_tokens") instanceof Number n && n.intValue() > 0
                ? java.util.OptionalInt.of(n.intValue()) : java.util.OptionalInt.empty();
    }

    /** Returns the preset's id without any override suffix (the id fitted constants and validation rows name). */
    public String presetId() {
        int plus = id.indexOf('+');
        return plus < 0 ? id : id.substring(0, plus);
    }

    /** Returns true when a step of {@code tokens} new tokens ({@code decodeOnly}: one per sequence) is replayed from a CUDA graph. */
    public boolean graphed(double tokens, boolean decodeOnly) {
        return cudaGraphs && (decodeOnly || cudaGraphPrefill) && (cudaGraphMaxBatch == 0 || tokens <= cudaGraphMaxBatch);
    }

    /**
     * Returns this preset with the job's overrides as given on the command line or in a request: {@code on}/{@code off}
     * for CUDA graphs and the custom all-reduce, a fraction in (0, 1] for the KV cache's share of free memory (each null
     * when not given); bad values are one {@link org.suanli.BadInputException}.
     */
    public ServingRuntime withOptions(String graphs, String allReduce, Double kvFraction) {
        if (kvFraction != null && !(kvFraction > 0 && kvFraction <= 1)) {
            throw new org.suanli.BadInputException("--kv-fraction", String.valueOf(kvFraction),
                    "expected the KV cache's share of the memory left after weights and activations, above 0 and at most 1");
        }
        return with(onOff("--cuda-graphs", graphs), onOff("--custom-all-reduce", allReduce), kvFraction);
    }

    private static Boolean onOff(String option, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new org.suanli.BadInputException(option, "'" + value + "'", "expected on or off");
        };
    }

    /**
     * Returns this preset with CUDA graphs, the custom all-reduce and the KV cache's share of free memory set by a job
     * (null: as the preset has it); the id names each changed feature after a {@code +}, so a result never claims a
     * preset it did not run.
     */
    public ServingRuntime with(Boolean graphs, Boolean allReduce, Double kvFraction) {
        java.util.List<String> changed = new java.util.ArrayList<>(overridden);
        boolean g = graphs != null ? graphs : cudaGraphs;
        boolean ar = allReduce != null ? allReduce : customAllReduce;
        OptionalDouble kv = kvFraction != null ? OptionalDouble.of(kvFraction) : kvCacheFreeFraction;
        if (g != cudaGraphs && !changed.contains("cuda_graphs")) {
            changed.add("cuda_graphs");
        }
        if (ar != customAllReduce && !changed.contains("custom_all_reduce")) {
            changed.add("custom_all_reduce");
        }
        if (!kv.equals(kvCacheFreeFraction) && !changed.contains("kv_cache_free_fraction")) {
            changed.add("kv_cache_free_fraction");
        }
        String newId = changed.isEmpty() ? presetId() : presetId() + "+" + String.join("+", changed);
        return new ServingRuntime(newId, name, software, g, hostPerLayerS, hostPerStepS, kvReadPerQueryHead, kvReadEfficiency,
                gpuMemoryUtilization, kv, contextBytes, ar, sources, source, version, cudaGraphMaxBatch, cudaGraphPrefill, customAllReduceLatencyS,
                overlapScheduling, features, changed);
    }

    /**
     * Returns the host time of one forward pass over {@code layers} layers with {@code perLayerS} of host work per layer
     * (the runtime's own, or the one fitted for the family's servers): a graph launch, or every layer's launches.
     */
    public double hostTimeS(int layers, double perLayerS) {
        return hostTimeS(layers, perLayerS, 1, true);
    }

    /**
     * Returns the host time of one step of {@code tokens} new tokens ({@code decodeOnly}: one per sequence): a graph launch when the step is graphed, else every
     * layer's launches (CUDA graphs cover decode batches up to the capture size: vLLM cuda_graph_sizes, SGLang
     * cuda_graph_max_bs, TensorRT-LLM CudaGraphConfig max_batch_size), plus the per-step work.
     */
    public double hostTimeS(int layers, double perLayerS, double tokens, boolean decodeOnly) {
        return hostPerStepS + (graphed(tokens, decodeOnly) ? 0 : perLayerS * layers);
    }

    /**
     * Returns the memory one GPU of {@code capacity} bytes keeps back from the model: the runtime's context, the share
     * of the whole GPU it never uses, and the share of the memory left after weights and activations
     * ({@code used} bytes) that the KV cache may not take.
     */
    public double reserveBytes(double capacity, double used) {
        double reserve = contextBytes + capacity * (1 - gpuMemoryUtilization.orElse(1));
        double free = Math.max(0, capacity - reserve - used);
        return reserve + free * (1 - kvCacheFreeFraction.orElse(1));
    }

    /** Returns the source of one feature, if the preset gives one. */
    public Optional<String> sourceOf(String feature) {
        return Optional.ofNullable(sources.get(feature));
    }
}
