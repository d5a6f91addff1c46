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
 */
public record ServingRuntime(String id, String name, String software, boolean cudaGraphs, double hostPerLayerS, double hostPerStepS,
                      boolean kvReadPerQueryHead, double kvReadEfficiency, OptionalDouble gpuMemoryUtilization,
                      OptionalDouble kvCacheFreeFraction, double contextBytes, boolean customAllReduce,
                      Map<String, String> sources, String source) {

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
        if (hostPerLayerS < 0 || hostPerStepS < 0 || contextBytes < 0) {
            throw new IllegalArgumentException("host times and context memory must be >= 0");
        }
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * Returns the host time of one forward pass over {@code layers} layers with {@code perLayerS} of host work per layer
     * (the runtime's own, or the one fitted for the family's servers): a graph launch, or every layer's launches.
     */
    public double hostTimeS(int layers, double perLayerS) {
        return hostPerStepS + (cudaGraphs ? 0 : perLayerS * layers);
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
