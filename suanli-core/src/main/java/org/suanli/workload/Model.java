package org.suanli.workload;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A decoder-only transformer, described by the fields every framework config has (DESIGN.md model
 * schema). Parameter counts follow the layer structure: attention projections, MLP (GELU or
 * SwiGLU), MoE experts and router, MLA low-rank projections, embeddings; norms and biases are
 * left out (under 0.1% of any model here).
 *
 * @param mtpDepth multi-token-prediction modules trained beside the model (DeepSeek-V3 §2.2: each one transformer
 *                 block and a projection, sharing the embedding and output head; config.json num_nextn_predict_layers);
 *                 they add training work, not parameters counted here
 * @param slidingWindow the layers that attend through a sliding window, if any (the others attend to the whole
 *                      causal context)
 */
public record Model(String id, String name, int layers, int hidden, int ffnHidden, int heads, int kvHeads,
                    int headDim, int vocab, int maxSeqLen, Activation activation, boolean tiedEmbeddings,
                    Optional<Moe> moe, Optional<Mla> mla, OptionalDouble publishedParamsB, boolean estimate,
                    String source, String notes, int mtpDepth, Optional<SlidingWindow> slidingWindow) {

    /** A model without multi-token prediction. */
    public Model(String id, String name, int layers, int hidden, int ffnHidden, int heads, int kvHeads,
                 int headDim, int vocab, int maxSeqLen, Activation activation, boolean tiedEmbeddings,
                 Optional<Moe> moe, Optional<Mla> mla, OptionalDouble publishedParamsB, boolean estimate,
                 String source, String notes) {
        this(id, name, layers, hidden, ffnHidden, heads, kvHeads, headDim, vocab, maxSeqLen, activation, tiedEmbeddings, moe,
                mla, publishedParamsB, estimate, source, notes, 0, Optional.empty());
    }

    public Model {
        require(mtpDepth >= 0, "mtp_depth", mtpDepth, "0 or more");
        slidingWindow.ifPresent(w -> require(w.layers() <= layers, "sliding_window.layers", w.layers(),
                "at most layers (" + layers + ")"));
        require(layers >= 1, "layers", layers, "at least 1");
        require(hidden >= 1, "hidden", hidden, "at least 1");
        require(heads >= 1, "heads", heads, "at least 1");
        require(kvHeads >= 1 && heads % kvHeads == 0, "kv_heads", kvHeads, "a divisor of heads (" + heads + ")");
        require(headDim >= 1, "head_dim", headDim, "at least 1");
        require(vocab >= 1, "vocab", vocab, "at least 1");
        require(maxSeqLen >= 1, "max_seq_len", maxSeqLen, "at least 1");
        moe.ifPresent(m -> require(m.denseLayers() < layers, "moe.dense_layers", m.denseLayers(), "fewer than layers (" + layers + ")"));
        moe.ifPresent(m -> require(m.layerStep() <= layers - m.denseLayers(), "moe.layer_step", m.layerStep(),
                "at most the layers after the dense ones (" + (layers - m.denseLayers()) + ")"));
        boolean needsDense = moe.isEmpty() || moe.get().denseLayers() > 0 || moe.get().layerStep() > 1;
        require(!needsDense || ffnHidden >= 1, "ffn_hidden", ffnHidden, "at least 1 (dense layers need it)");
    }

    private static void require(boolean ok, String field, int value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + value + " is invalid; expected " + expected);
        }
    }

    /** Returns the number of layers with a mixture-of-experts MLP. */
    public int moeLayers() {
        return moe.map(m -> (layers - m.denseLayers()) / m.layerStep()).orElse(0);
    }

    /**
     * Returns true if layer {@code index} (counting from 0) has a mixture-of-experts MLP: after the dense
     * layers, every layer-step-th one (transformers' Llama 4 {@code moe_layers}: step-1, 2*step-1, ...).
     */
    public boolean isMoeLayer(int index) {
        if (moe.isEmpty()) {
            return false;
        }
        Moe m = moe.get();
        return index >= m.denseLayers() && (index - m.denseLayers() + 1) % m.layerStep() == 0;
    }

    /** Returns the number of layers with a dense MLP. */
    public int denseLayers() {
        return layers - moeLayers();
    }

    /** Returns attention weights per layer: Q, K, V, O projections (GQA shrinks K and V; MLA uses its latents). */
    public double attentionParamsPerLayer() {
        if (mla.isPresent()) {
            Mla a = mla.get();
            double qk = a.qkNopeHeadDim() + a.qkRopeHeadDim();
            // DeepSeek-V3 §2.1.1 eq. 1-10: W_DQ, W_UQ (incl. rope part), W_DKV + W_KR, W_UK + W_UV, W_O
            double q = a.qLoraRank() > 0
                    ? (double) hidden * a.qLoraRank() + (double) a.qLoraRank() * heads * qk
                    : (double) hidden * heads * qk;
            double kvDown = (double) hidden * (a.kvLoraRank() + a.qkRopeHeadDim());
            double kvUp = (double) a.kvLoraRank() * heads * (a.qkNopeHeadDim() + a.vHeadDim());
            double out = (double) heads * a.vHeadDim() * hidden;
            return q + kvDown + kvUp + out;
        }
        double q = (double) hidden * heads * headDim;
        double kv = 2.0 * hidden * kvHeads * headDim;
        double o = (double) heads * headDim * hidden;
        return q + kv + o;
    }

    /** Returns the dense MLP weights of one layer (2 or 3 h x f matrices). */
    public double denseMlpParams() {
        return (double) activation.mlpMatrices() * hidden * ffnHidden;
    }

    /** Returns one expert's MLP weights. */
    public double expertParams() {
        return moe.map(m -> (double) activation.mlpMatrices() * hidden * m.expertFfnHidden()).orElse(0.0);
    }

    /** Returns the router weights of one MoE layer (h x experts). */
    public double routerParams() {
        return moe.map(m -> (double) hidden * m.experts()).orElse(0.0);
    }

    /** Returns the embedding and output-projection weights (one matrix if tied). */
    public double embeddingParams() {
        return (tiedEmbeddings ? 1.0 : 2.0) * vocab * hidden;
    }

    /** Returns all weights: every expert counted. */
    public double totalParams() {
        double perMoeLayer = moe.map(m -> (m.experts() + m.sharedExperts()) * expertParams() + routerParams()).orElse(0.0);
        return layers * attentionParamsPerLayer() + denseLayers() * denseMlpParams()
                + moeLayers() * perMoeLayer + embeddingParams();
    }

    /** Returns the weights one token passes through: top-k and shared experts only. */
    public double activeParams() {
        double perMoeLayer = moe.map(m -> (m.topK() + m.sharedExperts()) * expertParams() + routerParams()).orElse(0.0);
        return layers * attentionParamsPerLayer() + denseLayers() * denseMlpParams()
                + moeLayers() * perMoeLayer + embeddingParams();
    }

    /**
     * Returns the keys one query attends to in the causal attention core at sequence length {@code seqLen}, averaged
     * over the layers: s/2 on full-attention layers, {@link SlidingWindow#keysPerQuery} on windowed ones.
     */
    public double attendedKeysPerQuery(int seqLen) {
        double full = seqLen / 2.0;
        return slidingWindow.map(w -> ((layers - w.layers()) * full + w.layers() * w.keysPerQuery(seqLen)) / layers)
                .orElse(full);
    }

    /** Returns true for a mixture-of-experts model. */
    public boolean isMoe() {
        return moe.isPresent();
    }
}
