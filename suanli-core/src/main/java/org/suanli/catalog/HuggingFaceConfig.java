package org.suanli.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.workload.Activation;
import org.suanli.workload.Mla;
import org.suanli.workload.Model;
import org.suanli.workload.Moe;
import org.suanli.workload.SlidingWindow;

/**
 * Imports a Hugging Face {@code config.json} as a {@link Model}. Understands the key names of the
 * Llama, Llama 4 (its language model, under {@code text_config}), Qwen2/Qwen3 (dense and MoE),
 * Mistral/Mixtral, gpt-oss and DeepSeek-V2/V3 families (transformers' configuration classes), sliding-window layers
 * included; keys it does not use are ignored, since those files carry many training-only settings (the schema is
 * open). The keys it does use are read strictly, through {@link TreeReader}'s limits: a whole number
 * where one is expected (not NaN, a fraction, text or a list), true or false for flags, text for names.
 */
public final class HuggingFaceConfig {
    private HuggingFaceConfig() {
    }

    /** Returns true if this JSON mapping looks like a Hugging Face config rather than a Suanli model. */
    public static boolean looksLike(Node.Mapping m) {
        return m.entries().containsKey("hidden_size") || m.entries().containsKey("model_type")
                || m.entries().containsKey("architectures");
    }

    /** Converts a parsed config.json; {@code id} names the model (usually the file name). */
    public static Model toModel(Node.Mapping top, String id) {
        String type = text(top.entries(), "model_type").orElse("llama");
        // multimodal wrappers (Llama 4) keep the language model's shape under text_config
        Node.Mapping m = !top.entries().containsKey("hidden_size") && top.entries().get("text_config") instanceof Node.Mapping t
                ? t : top;
        Map<String, Node> e = m.entries();
        int hidden = integer(m, "hidden_size");
        int layers = integer(m, "num_hidden_layers");
        int heads = integer(m, "num_attention_heads");
        int kvHeads = optionalInt(e, "num_key_value_heads").orElse(heads);
        int headDim = optionalInt(e, "head_dim").orElse(hidden / heads);
        int vocab = integer(m, "vocab_size");
        int maxSeq = optionalInt(e, "max_position_embeddings").orElse(2048);
        String act = text(e, "hidden_act").orElse("silu");
        Activation activation = act.equals("silu") || act.equals("swiglu") ? Activation.SWIGLU : Activation.GELU;
        boolean tied = bool(e, "tie_word_embeddings");
        int ffn = optionalInt(e, "intermediate_size").orElse(4 * hidden);

        try {
            Optional<Moe> moe = Optional.empty();
            if (e.containsKey("num_local_experts") && e.containsKey("intermediate_size_mlp")) {
                // Llama 4: every interleave_moe_layer_step-th layer is MoE with one shared expert of the routed
                // experts' width (intermediate_size); the others are dense with intermediate_size_mlp
                moe = Optional.of(new Moe(integer(m, "num_local_experts"), integer(m, "num_experts_per_tok"), 1, ffn, 0,
                        optionalInt(e, "interleave_moe_layer_step").orElse(1)));
                ffn = integer(m, "intermediate_size_mlp");
            } else if (e.containsKey("num_local_experts")) {
                // Mixtral, gpt-oss: every layer is MoE with expert width = intermediate_size
                moe = Optional.of(new Moe(integer(m, "num_local_experts"), integer(m, "num_experts_per_tok"), 0, ffn, 0));
            } else if (e.containsKey("n_routed_experts") && !isNull(e, "n_routed_experts")) {
                // DeepSeek-V2/V3: first_k_dense_replace dense layers, then routed + shared experts; with n_group > 1 the
                // router picks experts from topk_group groups, which training maps onto nodes (DeepSeek-V3 §2.1.2, §4.2)
                int groups = optionalInt(e, "n_group").orElse(1);
                moe = Optional.of(new Moe(integer(m, "n_routed_experts"), integer(m, "num_experts_per_tok"),
                        optionalInt(e, "n_shared_experts").orElse(0), integer(m, "moe_intermediate_size"),
                        optionalInt(e, "first_k_dense_replace").orElse(0), 1,
                        groups > 1 ? optionalInt(e, "topk_group").orElse(0) : 0));
            } else if (e.containsKey("num_experts") && e.containsKey("moe_intermediate_size")) {
                // Qwen2-MoE / Qwen3-MoE naming; decoder_sparse_step as Llama 4's interleave step
                moe = Optional.of(new Moe(integer(m, "num_experts"), integer(m, "num_experts_per_tok"),
                        e.containsKey("shared_expert_intermediate_size") ? 1 : 0, integer(m, "moe_intermediate_size"), 0,
                        optionalInt(e, "decoder_sparse_step").orElse(1)));
            }
            Optional<Mla> mla = Optional.empty();
            if (e.containsKey("kv_lora_rank") && !isNull(e, "kv_lora_rank")) {
                mla = Optional.of(new Mla(optionalInt(e, "q_lora_rank").orElse(0), integer(m, "kv_lora_rank"),
                        integer(m, "qk_nope_head_dim"), optionalInt(e, "qk_rope_head_dim").orElse(0), integer(m, "v_head_dim")));
            }
            Optional<SlidingWindow> window = slidingWindow(m, layers);
            return new Model(id, id + " (Hugging Face " + type + " config)", layers, hidden,
                    moe.isPresent() && moe.get().denseLayers() == 0 && moe.get().layerStep() == 1 ? 0 : ffn, heads, kvHeads, headDim, vocab, maxSeq,
                    activation, tied, moe, mla, OptionalDouble.empty(), false, "Hugging Face config.json: " + top.file(), "", 0, window);
        } catch (IllegalArgumentException ex) {
            throw new BadInputException(m.where(), ex.getMessage(), "expected a consistent Hugging Face config");
        }
    }

    /**
     * The windowed layers, by transformers' conventions: with {@code layer_types} (gpt-oss, Gemma 2/3) the layers named
     * "sliding_attention"; else with {@code use_sliding_window} true (Qwen2/Qwen3) the layers from
     * {@code max_window_layers} on; else, where {@code use_sliding_window} is absent, every layer (Mistral); the window
     * is {@code sliding_window} tokens, and a null window or {@code use_sliding_window: false} means none.
     */
    private static Optional<SlidingWindow> slidingWindow(Node.Mapping m, int layers) {
        Map<String, Node> e = m.entries();
        if (text(e, "sliding_window").isEmpty() || text(e, "use_sliding_window").map(v -> !v.equals("true")).orElse(false)) {
            return Optional.empty();
        }
        int tokens = integer(m, "sliding_window");
        int windowed;
        if (e.get("layer_types") instanceof Node.Sequence types) {
            windowed = 0;
            for (Node t : types.items()) {
                if (t instanceof Node.Scalar sc && sc.text().equals("sliding_attention")) {
                    windowed++;
                }
            }
        } else if (e.containsKey("use_sliding_window")) {
            windowed = layers - Math.min(layers, optionalInt(e, "max_window_layers").orElse(0));
        } else {
            windowed = layers;
        }
        return windowed == 0 ? Optional.empty() : Optional.of(new SlidingWindow(tokens, windowed));
    }

    private static boolean isNull(Map<String, Node> e, String key) {
        return e.get(key) instanceof Node.Scalar s && s.isNull();
    }

    private static Optional<String> text(Map<String, Node> e, String key) {
        Node n = e.get(key);
        if (n == null || n instanceof Node.Scalar s && s.isNull()) {
            return Optional.empty();
        }
        if (n instanceof Node.Scalar s) {
            return Optional.of(s.text());
        }
        throw new BadInputException(n.where(), key + ": is " + (n instanceof Node.Mapping ? "a mapping" : "a list"),
                "expected a single value in a Hugging Face config.json");
    }

    private static boolean bool(Map<String, Node> e, String key) {
        Optional<String> t = text(e, key);
        if (t.isEmpty()) {
            return false;
        }
        if (t.get().equals("true") || t.get().equals("false")) {
            return Boolean.parseBoolean(t.get());
        }
        throw new BadInputException(e.get(key).where(), key + ": '" + t.get() + "' is not a boolean", "expected true or false");
    }

    private static java.util.OptionalInt optionalInt(Map<String, Node> e, String key) {
        if (text(e, key).isEmpty()) {
            return java.util.OptionalInt.empty();
        }
        Node.Scalar s = (Node.Scalar) e.get(key);
        return java.util.OptionalInt.of(Fields.wholeNumber(s, key, s.where(), "expected an integer"));
    }

    private static int integer(Node.Mapping m, String key) {
        java.util.OptionalInt v = optionalInt(m.entries(), key);
        if (v.isEmpty()) {
            throw new BadInputException(m.where(), key + ": missing required field", "expected it in a Hugging Face config.json");
        }
        if (v.getAsInt() < 1) {
            throw new BadInputException(m.entries().get(key).where(), key + ": " + v.getAsInt() + " is not positive", "expected a positive integer");
        }
        return v.getAsInt();
    }
}
