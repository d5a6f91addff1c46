package org.suanli.software;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training software a run used, as a set of features: it changes where time goes as much as the
 * hardware does (MODELLING.md, "model the software era"). Named presets live in the catalog
 * ({@code catalog/frameworks.yaml}), each feature with the document that says the software did it;
 * none is fitted. A job may override single features ({@link #with}); the preset's id then carries a
 * "+" and the overridden names, so a result never claims a preset it did not run.
 *
 * @param flashAttention attention is one fused kernel that never stores the s x s scores
 * @param tpOverlap fraction of tensor-parallel communication hidden behind GEMMs
 * @param dpOverlap gradient reduction overlaps the backward pass (all but the last bucket)
 * @param gradDtype the type in which data parallelism reduces gradients: fp32, bf16 or fp16
 * @param blockingP2p pipeline send/recv blocks the compute stream
 * @param scatterGatherP2p pipeline sends split the activation over the tensor-parallel ranks (Megatron §4.1)
 * @param sequenceParallel the default for sequence parallelism when tp > 1
 * @param zero the default ZeRO stage (1 = distributed optimizer)
 * @param reshardAfterForward under ZeRO-3, each layer's gathered parameters are freed after its forward and gathered
 *     again for its backward (FSDP's reshard_after_forward); false keeps them from forward to backward
 * @param sources per feature, where the preset's value comes from
 * @param overridden features set by the job rather than the preset
 * @param fp8Dispatch in fp8 training the MoE dispatch (forward) and its gradient counterpart before the down-projection
 *                    (backward) travel in fp8 with one scale per 128 elements; the combines stay bf16 (DeepSeek-V3 §3.3.3)
 * @param commSms streaming multiprocessors the software reserves for communication kernels while it overlaps expert
 *                all-to-all with compute (DeepSeek-V3 §3.2.2: 20 SMs); the GEMMs run on the rest
 */
public record Framework(String id, String name, String software, boolean flashAttention, double tpOverlap, boolean dpOverlap,
                        String gradDtype, boolean blockingP2p, boolean scatterGatherP2p, boolean sequenceParallel, int zero,
                        boolean reshardAfterForward, Map<String, String> sources, String source, List<String> overridden,
                        boolean fp8Dispatch, int commSms) {

    /** A preset that sends MoE traffic in 16 bits, reserves no SMs for communication and reshards after forward. */
    public Framework(String id, String name, String software, boolean flashAttention, double tpOverlap, boolean dpOverlap,
                     String gradDtype, boolean blockingP2p, boolean scatterGatherP2p, boolean sequenceParallel, int zero,
                     Map<String, String> sources, String source, List<String> overridden) {
        this(id, name, software, flashAttention, tpOverlap, dpOverlap, gradDtype, blockingP2p, scatterGatherP2p, sequenceParallel,
                zero, true, sources, source, overridden, false, 0);
    }

    /** The features a job may override, by their snake_case option names. */
    public static final List<String> FEATURES = List.of("flash_attention", "tp_overlap", "dp_overlap", "grad_dtype", "blocking_p2p",
            "scatter_gather_p2p", "reshard_after_forward");

    public Framework {
        if (!(tpOverlap >= 0 && tpOverlap <= 1)) {
            throw new IllegalArgumentException("tp_overlap must lie in [0, 1], was " + tpOverlap);
        }
        if (!List.of("fp32", "bf16", "fp16").contains(gradDtype)) {
            throw new IllegalArgumentException("grad_dtype must be fp32, bf16 or fp16, was " + gradDtype);
        }
        if (zero < 0 || zero > 3) {
            throw new IllegalArgumentException("zero must be 0, 1, 2 or 3, was " + zero);
        }
        if (commSms < 0) {
            throw new IllegalArgumentException("comm_sms must be 0 or more, was " + commSms);
        }
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        overridden = List.copyOf(overridden);
    }

    /** Returns the preset's id without any override suffix. */
    public String presetId() {
        int plus = id.indexOf('+');
        return plus < 0 ? id : id.substring(0, plus);
    }

    /** Returns true when the job changed none of the preset's features. */
    public boolean asPublished() {
        return overridden.isEmpty();
    }

    /** Returns the bytes per element of the gradients data parallelism reduces. */
    public int gradBytes() {
        return gradDtype.equals("fp32") ? 4 : 2;
    }

    /** Returns the features as option name to value, in {@link #FEATURES} order (for reports); the MoE ones where a preset sets them. */
    public Map<String, Object> features() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flash_attention", flashAttention);
        m.put("tp_overlap", tpOverlap);
        m.put("dp_overlap", dpOverlap);
        m.put("grad_dtype", gradDtype);
        m.put("blocking_p2p", blockingP2p);
        m.put("scatter_gather_p2p", scatterGatherP2p);
        m.put("sequence_parallel", sequenceParallel);
        m.put("zero", zero);
        m.put("reshard_after_forward", reshardAfterForward);
        if (fp8Dispatch || commSms > 0) {
            m.put("fp8_dispatch", fp8Dispatch);
            m.put("comm_sms", commSms);
        }
        return m;
    }

    /**
     * Returns this preset with some features set by the job. Keys are {@link #FEATURES}; values are already typed
     * (Boolean, Double, or the grad dtype's name). An override equal to the preset's value changes nothing.
     */
    public Framework with(Map<String, Object> overrides) {
        Map<String, Object> now = features();
        List<String> changed = new ArrayList<>(overridden);
        for (var e : overrides.entrySet()) {
            if (!FEATURES.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown framework feature " + e.getKey());
            }
            Object v = e.getValue();
            if (!v.equals(now.get(e.getKey())) && !changed.contains(e.getKey())) {
                changed.add(e.getKey());
            }
            now.put(e.getKey(), v);
        }
        String newId = changed.isEmpty() ? presetId() : presetId() + "+" + String.join("+", changed);
        return new Framework(newId, name, software, (Boolean) now.get("flash_attention"), (Double) now.get("tp_overlap"),
                (Boolean) now.get("dp_overlap"), (String) now.get("grad_dtype"), (Boolean) now.get("blocking_p2p"),
                (Boolean) now.get("scatter_gather_p2p"), sequenceParallel, zero, (Boolean) now.get("reshard_after_forward"), sources,
                source, changed, fp8Dispatch, commSms);
    }
}
