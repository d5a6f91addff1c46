package org.suanli.inference;

import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.software.ServingRuntime;
import org.suanli.workload.Model;
import org.suanli.workload.Moe;

/**
 * The drafter of speculative decoding on a replica, priced as forward passes of its own: an MTP module is one transformer
 * block of the target's shape (an MoE block on an MoE model) after a projection of the concatenated embedding and
 * hidden state (2h to h), sharing the target's embedding and output head (DeepSeek-V3 §2.2); an EAGLE-3 head is one dense
 * decoder layer after a projection of three fused target features (3h to h), sharing the LM head (Li et al. 2025,
 * EAGLE-3: "a fusion of low-, mid-, and high-level semantic features"); a draft model is its own model on the same GPUs.
 * Each of the k draft tokens is one such pass over one token per sequence (chain drafting, top-k 1); the drafter's
 * pass over the tokens just accepted is folded into those k passes.
 */
final class Drafter {
    private final Speculation spec;
    private final InferenceModel draft;
    private final int targetGroups;
    private final int tp;
    private final double hidden;
    /** Hidden-state multiples the drafter's input projection reads (0: no projection). */
    private final double fusionIn;

    private Drafter(Speculation spec, InferenceModel draft, int targetGroups, int tp, double hidden, double fusionIn) {
        this.spec = spec;
        this.draft = draft;
        this.targetGroups = targetGroups;
        this.tp = tp;
        this.hidden = hidden;
        this.fusionIn = fusionIn;
    }

    /** Returns the drafter of {@code spec} for {@code replica}, or none when the spec proposes no tokens. */
    static Optional<Drafter> of(Replica replica, ServingRuntime runtime, InferenceModel.MoeServing moe, Speculation spec) {
        if (!spec.active()) {
            return Optional.empty();
        }
        Model m = replica.model();
        int groups = replica.attentionDp();
        return Optional.of(switch (spec.method()) {
            case MTP -> new Drafter(spec, new InferenceModel(new Replica(oneLayer(m, true), replica.server(), replica.tp(), 1, replica.weights(),
                    replica.kvCache(), replica.ep()), runtime, moe), groups, replica.tp(), m.hidden(), 2);
            case EAGLE -> new Drafter(spec, new InferenceModel(new Replica(oneLayer(m, false), replica.server(), replica.tp(), 1, replica.weights(),
                    replica.kvCache()), runtime), groups, replica.tp(), m.hidden(), 3);
            case DRAFT -> {
                Model d = spec.draftModel().orElseThrow();
                if (d.vocab() != m.vocab()) {
                    throw new BadInputException("--draft-model " + d.id(), "vocabulary " + d.vocab() + " differs from " + m.id() + "'s " + m.vocab(),
                            "expected a draft model sharing the target's tokenizer");
                }
                int dtp = d.heads() % replica.tp() == 0 ? replica.tp() : 1;
                yield new Drafter(spec, new InferenceModel(new Replica(d, replica.server(), dtp, 1, replica.weights(), replica.kvCache()), runtime),
                        groups, dtp, d.hidden(), 0);
            }
            case NONE -> throw new IllegalStateException("no drafter without a method");
        });
    }

    /** One block of the target's shape: an MoE block where {@code moeBlock} and the target has experts, else a dense one. */
    private static Model oneLayer(Model m, boolean moeBlock) {
        Optional<Moe> moe = moeBlock ? m.moe().map(x -> new Moe(x.experts(), x.topK(), x.sharedExperts(), x.expertFfnHidden(), 0, 1,
                x.maxNodesPerToken())) : Optional.empty();
        int ffn = m.ffnHidden() > 0 ? m.ffnHidden() : m.moe().map(x -> x.expertFfnHidden() * x.topK()).orElse(4 * m.hidden());
        return new Model(m.id() + "-draft-layer", m.name() + " draft layer", 1, m.hidden(), ffn, m.heads(), m.kvHeads(), m.headDim(),
                m.vocab(), m.maxSeqLen(), m.activation(), m.tiedEmbeddings(), moe, m.mla(), OptionalDouble.empty(), true, m.source(),
                "one block priced as a drafter", 0, Optional.empty());
    }

    /** Returns the time of all k draft passes for {@code sequences} sequences of the replica at {@code context} tokens, seconds. */
    InferenceModel.StepCost draftPasses(double sequences, double context) {
        // the MTP module keeps the replica's expert parallelism and splits the sequences over its attention groups itself;
        // an EAGLE head or a draft model runs on each group's tp GPUs with that group's share
        double perPass = sequences;
        if (spec.method() != Speculation.Method.MTP) {
            perPass = sequences / targetGroups;
        }
        InferenceModel.StepCost pass = draft.cost(perPass, perPass, context, true);
        double projection = fusionIn > 0 ? draft.weightGemm(sequences / targetGroups, hidden / tp, fusionIn * hidden) : 0;
        int k = spec.draftTokens();
        return new InferenceModel.StepCost(k * (pass.seconds() + projection), k * pass.allToAllS());
    }

    /** Returns the drafter's weights on one GPU, bytes: a module or head shares the target's embeddings, a draft model holds its own. */
    double weightBytesPerGpu() {
        if (spec.method() == Speculation.Method.DRAFT) {
            return draft.weightBytesPerGpu();
        }
        Model d = draft.model();
        double projection = fusionIn * hidden * hidden * Replica.bytes(draft.weights()) / tp;
        return draft.weightBytesPerGpu() - d.embeddingParams() * InferenceModel.ACT_BYTES / tp + projection;
    }

    /** Returns the drafter's KV cache per token (its layers' keys and values), bytes. */
    double kvBytesPerToken() {
        return draft.kvBytesPerToken();
    }
}
