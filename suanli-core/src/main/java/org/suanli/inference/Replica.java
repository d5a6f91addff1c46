package org.suanli.inference;

import org.suanli.BadInputException;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * One serving replica: a model on {@code tp x pp} GPUs of a server type, with the precision its
 * weights and GEMMs run in and the precision of its KV cache (int4 weights run their GEMMs in fp8
 * or bf16 after dequantisation, as TensorRT-LLM's weight-only modes do). With expert parallelism
 * ({@code ep > 1}, an MoE model) a stage spans {@code ep} GPUs: the routed experts are split over all
 * of them and attention runs data-parallel in {@code ep / tp} groups of {@code tp} GPUs, each with its
 * own sequences and their KV cache (DeepSeek-AI 2025, "DeepSeek-V3/R1 Inference System Overview";
 * SGLang's DP attention with expert parallelism).
 */
public record Replica(Model model, Server server, int tp, int pp, Precision weights, Precision kvCache, int ep) {

    /** A replica without expert parallelism: experts, like every other weight, split over tp. */
    public Replica(Model model, Server server, int tp, int pp, Precision weights, Precision kvCache) {
        this(model, server, tp, pp, weights, kvCache, 1);
    }

    public Replica {
        if (tp < 1 || pp < 1) {
            throw new BadInputException("--tp/--pp", "tp " + tp + ", pp " + pp, "expected sizes of at least 1");
        }
        if (ep < 1) {
            throw new BadInputException("--ep", "ep " + ep, "expected an expert-parallel size of at least 1");
        }
        if (ep > 1) {
            if (model.moe().isEmpty()) {
                throw new BadInputException("--ep", "ep " + ep + " on " + model.id() + ", which has no experts", "expected ep 1 for a dense model");
            }
            if (ep % tp != 0) {
                throw new BadInputException("layout", "tp " + tp + " does not divide ep " + ep,
                        "expected ep to be a multiple of tp (attention runs in ep / tp data-parallel groups of tp GPUs)");
            }
            if (ep > model.moe().get().experts()) {
                throw new BadInputException("--ep", "ep " + ep + " exceeds the " + model.moe().get().experts() + " experts of " + model.id(),
                        "expected at most one GPU per expert");
            }
        }
        if (!server.isAiServer()) {
            throw new BadInputException("--server " + server.id(), "has no accelerators", "expected an AI server");
        }
        server.requireSimulatable();
        if (model.heads() % tp != 0) {
            throw new BadInputException("layout", "tp " + tp + " does not divide heads " + model.heads(),
                    "expected tp to divide the attention heads");
        }
        if (pp > model.layers()) {
            throw new BadInputException("layout", "pp " + pp + " > layers " + model.layers(), "expected pp at most the number of layers");
        }
        var d = server.scaleUpDomain();
        if (d.spansNodes() && tp > d.size()) {
            throw new BadInputException("layout", "tp " + tp + " exceeds " + server.id() + "'s scale-up domain of " + d.size(),
                    "expected a tensor-parallel group inside one scale-up domain");
        }
        if (d.spansNodes() && d.isTorus() && org.suanli.perf.TorusSlice.of(d.torus(), d.wraparound(),
                java.util.Collections.nCopies(d.torus().size(), 1.0), Math.min(tp * pp, d.size())).isEmpty()) {
            throw new BadInputException("layout", "tp x pp = " + tp * pp + " chips form no slice of " + server.id() + "'s torus " + d.torus(),
                    "expected a replica of a slice shape that fits the pod");
        }
        int stage = Math.max(tp, ep);
        if (stage * pp > server.acceleratorCount() && server.nics().isEmpty()) {
            throw new BadInputException("layout", stage * pp + " GPUs per replica exceed one " + server.id() + ", which has no NICs",
                    "expected a replica inside one server");
        }
    }

    /** Returns the GPUs of the replica: {@code tp x pp}, or {@code ep x pp} with expert parallelism. */
    public int gpus() {
        return Math.max(tp, ep) * pp;
    }

    /** Returns the data-parallel attention groups of a stage: {@code ep / tp} with expert parallelism, else 1. */
    public int attentionDp() {
        return ep > 1 ? ep / tp : 1;
    }

    /** Returns how many GPUs of a stage share the routed experts: {@code ep}, or {@code tp} without expert parallelism. */
    public int expertShards() {
        return ep > 1 ? ep : tp;
    }

    /** Returns the bytes per stored element of a precision (fp4/int4 pack two per byte). */
    public static double bytes(Precision p) {
        return p.bits() / 8.0;
    }
}
