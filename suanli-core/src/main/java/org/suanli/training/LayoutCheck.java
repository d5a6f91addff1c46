package org.suanli.training;

import org.suanli.BadInputException;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * Rejects layouts that cannot run: sizes that do not divide, pipelines longer than the model,
 * batches that do not split, precisions the part lacks. Each failure names the constraint and
 * its values (DESIGN.md error contract); {@link #problem} gives the same text without throwing,
 * for the planner's rejection counts.
 */
public final class LayoutCheck {
    private LayoutCheck() {
    }

    /** Throws a {@link BadInputException} naming the first violated constraint. */
    public static void check(Model model, Server server, Layout l) {
        String p = problem(model, server, l);
        if (p != null) {
            int i = p.indexOf(": ");
            throw new BadInputException("layout", p.substring(i + 2), "expected " + p.substring(0, i));
        }
    }

    /** Returns "expectation: violation" for the first violated constraint, or null if the layout is valid. */
    public static String problem(Model m, Server s, Layout l) {
        if (!s.isAiServer()) {
            return "a server with accelerators: " + s.id() + " has none";
        }
        if (m.heads() % l.tp() != 0) {
            return "tp to divide the attention heads: tp " + l.tp() + " does not divide heads " + m.heads();
        }
        if (m.kvHeads() % l.tp() != 0 && l.tp() % m.kvHeads() != 0) {
            return "tp and kv_heads to divide one another: tp " + l.tp() + ", kv_heads " + m.kvHeads();
        }
        if (m.ffnHidden() > 0 && m.ffnHidden() % l.tp() != 0) {
            return "tp to divide ffn_hidden: tp " + l.tp() + " does not divide " + m.ffnHidden();
        }
        if (l.pp() > m.layers()) {
            return "pp at most the number of layers: pp " + l.pp() + " > layers " + m.layers();
        }
        if (l.vpp() > 1 && m.layers() % (l.pp() * l.vpp()) != 0) {
            return "pp x vpp to divide the layers: " + l.pp() + " x " + l.vpp() + " does not divide layers " + m.layers();
        }
        if (l.vpp() > 1 && l.pp() == 1) {
            return "pp > 1 for virtual pipeline stages: vpp " + l.vpp() + " with pp 1";
        }
        if (l.globalBatch() % (l.microBatch() * l.dp()) != 0) {
            return "micro-batch x dp to divide the global batch: " + l.microBatch() + " x " + l.dp() + " does not divide "
                    + l.globalBatch();
        }
        if (l.vpp() > 1 && l.microBatches() % l.pp() != 0) {
            return "the micro-batches per step to be a multiple of pp for the interleaved schedule: " + l.microBatches()
                    + " micro-batches, pp " + l.pp();
        }
        if (l.seqLen() % l.cp() != 0 || (l.cp() > 1 && l.seqLen() % (2 * l.cp()) != 0)) {
            return "seq_len divisible by 2 x cp: seq_len " + l.seqLen() + ", cp " + l.cp();
        }
        if (l.sequenceParallel() && l.seqLen() / l.cp() % l.tp() != 0) {
            return "tp to divide the sequence for sequence parallelism: seq_len/cp " + l.seqLen() / l.cp() + ", tp " + l.tp();
        }
        if (l.seqLen() > m.maxSeqLen()) {
            return "seq_len at most the model's max_seq_len: " + l.seqLen() + " > " + m.maxSeqLen();
        }
        if (l.ep() > 1 && m.moe().isEmpty()) {
            return "ep 1 for a dense model: ep " + l.ep() + " on " + m.id();
        }
        if (m.moe().isPresent() && m.moe().get().experts() % l.ep() != 0) {
            return "ep to divide the experts: ep " + l.ep() + " does not divide " + m.moe().get().experts() + " experts";
        }
        if ((l.dp() * l.cp()) % l.ep() != 0) {
            return "ep to divide dp x cp (experts are spread over data-parallel ranks): ep " + l.ep() + ", dp x cp "
                    + l.dp() * l.cp();
        }
        var accel = s.accelerator().orElseThrow();
        if (accel.peak(l.precision()).isEmpty()) {
            return "a precision the accelerator has: " + accel.id() + " publishes no " + l.precision().key() + " rate";
        }
        if (l.precision() != Precision.BF16 && l.precision() != Precision.FP16 && l.precision() != Precision.FP8) {
            return "precision bf16, fp16 or fp8: " + l.precision().key();
        }
        int perServer = s.acceleratorCount();
        if (l.gpus() > perServer && s.nics().isEmpty()) {
            return "scale-out NICs on a server for a multi-server job: " + s.id() + " has none and the job needs "
                    + l.gpus() + " GPUs (" + perServer + " per server)";
        }
        if (l.gpus() > perServer && l.gpus() % perServer != 0) {
            return "whole servers: " + l.gpus() + " GPUs is not a multiple of " + perServer + " per " + s.id();
        }
        return null;
    }
}
