package org.suanli.workload;

/**
 * Sliding-window (banded) attention on some of a model's layers: each query there attends to at most the
 * {@code tokens} most recent keys, itself included, while the other layers attend to the whole causal context
 * (gpt-oss model card, arXiv 2508.10925 §2.1: layers alternate between a 128-token band and dense attention;
 * transformers' {@code sliding_window} and {@code layer_types}).
 *
 * @param tokens the window, keys per query
 * @param layers how many of the model's layers use the window
 */
public record SlidingWindow(int tokens, int layers) {
    public SlidingWindow {
        if (tokens < 1 || layers < 1) {
            throw new IllegalArgumentException("sliding_window: tokens " + tokens + " and layers " + layers
                    + " are invalid; expected both at least 1");
        }
    }

    /**
     * Returns the keys a query attends to on a windowed layer, averaged over the {@code seqLen} causal positions:
     * W - W(W - 1)/(2s) when the window W is shorter than the sequence s (positions before W see fewer keys),
     * else the full causal average s/2 (NVIDIA-NeMo/Megatron-Bridge @067f987 training/utils/flop_utils.py,
     * "Exact average causal SWA context").
     */
    public double keysPerQuery(int seqLen) {
        double s = seqLen;
        double w = tokens;
        return w < s ? Math.min(s / 2, w - w * (w - 1) / (2 * s)) : s / 2;
    }
}
