package org.suanli.inference;

import org.suanli.BadInputException;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * One serving replica: a model on {@code tp x pp} GPUs of a server type, with the precision its
 * weights and GEMMs run in and the precision of its KV cache (int4 weights run their GEMMs in fp8
 * or bf16 after dequantisation, as TensorRT-LLM's weight-only modes do).
 */
public record Replica(Model model, Server server, int tp, int pp, Precision weights, Precision kvCache) {

    public Replica {
        if (tp < 1 || pp < 1) {
            throw new BadInputException("--tp/--pp", "tp " + tp + ", pp " + pp, "expected sizes of at least 1");
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
        if (tp * pp > server.acceleratorCount() && server.nics().isEmpty()) {
            throw new BadInputException("layout", "tp x pp = " + tp * pp + " GPUs exceeds one " + server.id() + ", which has no NICs",
                    "expected a replica inside one server");
        }
    }

    /** Returns the GPUs of the replica. */
    public int gpus() {
        return tp * pp;
    }

    /** Returns the bytes per stored element of a precision (fp4/int4 pack two per byte). */
    public static double bytes(Precision p) {
        return p.bits() / 8.0;
    }
}
