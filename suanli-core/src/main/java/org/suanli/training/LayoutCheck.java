package org.suanli.training;

import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.workload.Model;

/**
 * Rejects layouts that cannot run: sizes that do not divide, pipelines longer than the model,
 * batches that do not split, precisions the part lacks. {@link #reason} names the first violated
 * constraint cheaply (the planner counts rejections by it); {@link #check} turns it into the
 * one-line error of DESIGN.md's contract, with the values.
 */
public final class LayoutCheck {

    /** The constraints a layout must meet, each with what was expected. */
    public enum Reason {
        NOT_AI_SERVER("a server with accelerators"),
        UNPUBLISHED("an accelerator whose 16-bit peak, memory capacity and bandwidth are published (or stated in a user catalog)"),
        TP_HEADS("tp to divide the attention heads"),
        TP_KV_HEADS("tp and kv_heads to divide one another"),
        TP_FFN("tp to divide ffn_hidden"),
        PP_LAYERS("pp at most the number of layers"),
        VPP_LAYERS("pp x vpp to divide the layers, or layers = pp x vpp x k - 2 (first and last chunk one layer fewer)"),
        VPP_NEEDS_PP("pp > 1 for virtual pipeline stages"),
        PIPELINE_LAYOUT("a pipeline layout of pp x vpp stages with the embedding E once on the first, the loss L once on the last, "
                + "the model's layers t and its MTP modules m with the loss (Megatron-Core pipeline_model_parallel_layout)"),
        PIPELINE_LAYOUT_SCHEDULE("the 1f1b or interleaved schedule with a pipeline layout"),
        SCHEDULE_VPP("schedule interleaved with vpp > 1, and vpp 1 with 1f1b, dualpipe, zb-h1 or zb-v"),
        SCHEDULE_NEEDS_PP("pp > 1 for the dualpipe, zb-h1 and zb-v schedules"),
        DUALPIPE_SHAPE("for dualpipe an even pp and an even number of micro-batches, at least 2 x pp (deepseek-ai/DualPipe dualpipe.py, step)"),
        ZBV_LAYERS("for zb-v 2 x pp chunks: 2 x pp to divide the layers, or layers = 2 x pp x k - 2"),
        BATCH("micro-batch x dp to divide the global batch"),
        INTERLEAVED_MICRO_BATCHES("the micro-batches per step to be a multiple of pp for the interleaved schedule"),
        CP_SEQUENCE("seq_len divisible by 2 x cp"),
        SP_SEQUENCE("tp to divide the sequence for sequence parallelism"),
        SEQ_TOO_LONG("seq_len at most the model's max_seq_len"),
        EP_DENSE("ep 1 for a dense model"),
        EP_EXPERTS("ep to divide the experts"),
        EP_DP("ep x expert tp to divide tp x cp x dp (the expert group folds over a stage's ranks: Megatron-Core MoE parallel folding)"),
        PRECISION_MISSING("a precision the accelerator has"),
        PRECISION_KIND("precision bf16, fp16 or fp8"),
        NO_NICS("scale-out NICs on a server for a multi-server job"),
        WHOLE_SERVERS("whole servers"),
        WHOLE_NODES("whole nodes"),
        DOMAIN_SPLIT("a job that splits into equal parts of whole nodes, each at most one scale-up domain"),
        DOMAIN_GROUPS("tp, tp x cp and tp x cp x ep (the groups that stay inside a scale-up domain) each to divide the job's "
                + "accelerators per domain, or be a multiple of them"),
        TORUS_SLICE("a torus slice of that many chips within the pod's dimensions");

        private final String expected;

        Reason(String expected) {
            this.expected = expected;
        }

        /** Returns what the layout was expected to satisfy. */
        public String expected() {
            return expected;
        }
    }

    private LayoutCheck() {
    }

    /** Throws a {@link BadInputException} naming the first violated constraint and its values. */
    public static void check(Model model, Server server, Layout l) {
        Reason r = reason(model, server, l);
        if (r != null) {
            throw new BadInputException("layout", detail(r, model, server, l), "expected " + r.expected());
        }
    }

    /** Returns "expectation: violation" for the first violated constraint, or null if the layout is valid. */
    public static String problem(Model model, Server server, Layout l) {
        Reason r = reason(model, server, l);
        return r == null ? null : r.expected() + ": " + detail(r, model, server, l);
    }

    /** Returns the first violated constraint, or null if the layout can run. Allocates nothing. */
    public static Reason reason(Model m, Server s, Layout l) {
        if (!s.isAiServer()) {
            return Reason.NOT_AI_SERVER;
        }
        Accelerator a = s.accelerator().get();
        if (a.peak16().isEmpty() || a.memory().capacityBytes().isEmpty() || a.memory().bandwidthBytesPerS().isEmpty()) {
            return Reason.UNPUBLISHED;
        }
        if (m.heads() % l.tp() != 0) {
            return Reason.TP_HEADS;
        }
        if (m.kvHeads() % l.tp() != 0 && l.tp() % m.kvHeads() != 0) {
            return Reason.TP_KV_HEADS;
        }
        if (m.ffnHidden() > 0 && m.ffnHidden() % l.tp() != 0) {
            return Reason.TP_FFN;
        }
        if (l.pp() > m.layers()) {
            return Reason.PP_LAYERS;
        }
        if (l.vpp() > 1 && l.pipelineLayout().isEmpty() && !StageSchedule.chunksFit(m.layers(), l.pp() * l.vpp())) {
            return Reason.VPP_LAYERS;
        }
        if (l.vpp() > 1 && l.pp() == 1) {
            return Reason.VPP_NEEDS_PP;
        }
        if ((l.schedule() == PipelineSchedule.INTERLEAVED) != (l.vpp() > 1)) {
            return Reason.SCHEDULE_VPP;
        }
        boolean zeroBubbleOrDual = l.schedule() == PipelineSchedule.DUALPIPE || l.schedule() == PipelineSchedule.ZB_H1
                || l.schedule() == PipelineSchedule.ZB_V;
        if (l.pipelineLayout().isPresent() && zeroBubbleOrDual) {
            return Reason.PIPELINE_LAYOUT_SCHEDULE;
        }
        if (l.pipelineLayout().isPresent() && l.pipelineLayout().get().problem(m, l.pp(), l.vpp()) != null) {
            return Reason.PIPELINE_LAYOUT;
        }
        if (zeroBubbleOrDual && l.pp() == 1) {
            return Reason.SCHEDULE_NEEDS_PP;
        }
        if (l.schedule() == PipelineSchedule.ZB_V && !StageSchedule.chunksFit(m.layers(), 2 * l.pp())) {
            return Reason.ZBV_LAYERS;
        }
        if (l.globalBatch() % (l.microBatch() * l.dp()) != 0) {
            return Reason.BATCH;
        }
        if (l.schedule() == PipelineSchedule.DUALPIPE
                && (l.pp() % 2 != 0 || l.microBatches() % 2 != 0 || l.microBatches() < 2 * l.pp())) {
            return Reason.DUALPIPE_SHAPE;
        }
        if (l.vpp() > 1 && l.microBatches() % l.pp() != 0) {
            return Reason.INTERLEAVED_MICRO_BATCHES;
        }
        if (l.seqLen() % l.cp() != 0 || (l.cp() > 1 && l.seqLen() % (2 * l.cp()) != 0)) {
            return Reason.CP_SEQUENCE;
        }
        if (l.sequenceParallel() && l.seqLen() / l.cp() % l.tp() != 0) {
            return Reason.SP_SEQUENCE;
        }
        if (l.seqLen() > m.maxSeqLen()) {
            return Reason.SEQ_TOO_LONG;
        }
        if (l.ep() > 1 && m.moe().isEmpty()) {
            return Reason.EP_DENSE;
        }
        if (m.moe().isPresent() && m.moe().get().experts() % l.ep() != 0) {
            return Reason.EP_EXPERTS;
        }
        if (((long) l.tp() * l.cp() * l.dp()) % ((long) l.ep() * l.expertTp()) != 0) {
            return Reason.EP_DP;
        }
        Accelerator accel = s.accelerator().orElseThrow();
        if (accel.peak(l.precision()).isEmpty()) {
            return Reason.PRECISION_MISSING;
        }
        if (l.precision() != Precision.BF16 && l.precision() != Precision.FP16 && l.precision() != Precision.FP8) {
            return Reason.PRECISION_KIND;
        }
        var d = s.scaleUpDomain();
        if (!d.spansNodes()) {
            int perServer = s.acceleratorCount();
            if (l.gpus() > perServer && s.nics().isEmpty()) {
                return Reason.NO_NICS;
            }
            if (l.gpus() > perServer && l.gpus() % perServer != 0) {
                return Reason.WHOLE_SERVERS;
            }
            return null;
        }
        return domainReason(s, l);
    }

    /** The checks of a system whose scale-up domain spans nodes (a rack or pod): whole nodes, groups inside domains. */
    private static Reason domainReason(Server s, Layout l) {
        var d = s.scaleUpDomain();
        if (l.gpus() > d.node() && l.gpus() % d.node() != 0) {
            return Reason.WHOLE_NODES;
        }
        if (l.gpus() > d.size() && s.nics().isEmpty()) {
            return Reason.NO_NICS;
        }
        int r = d.ranksPerDomain(l.gpus());
        if (r == 0) {
            return Reason.DOMAIN_SPLIT;
        }
        int expertGroup = l.foldsExperts() ? l.expertTp() * l.ep() : l.tp() * l.cp() * l.ep();
        for (int g : new int[] {l.tp(), l.tp() * l.cp(), expertGroup}) {
            if (r % g != 0 && g % r != 0) {
                return Reason.DOMAIN_GROUPS;
            }
        }
        if (d.isTorus() && org.suanli.perf.TorusSlice.of(d.torus(), d.wraparound(), java.util.Collections.nCopies(d.torus().size(), 1.0), r).isEmpty()) {
            return Reason.TORUS_SLICE;
        }
        return null;
    }

    private static String detail(Reason r, Model m, Server s, Layout l) {
        return switch (r) {
            case NOT_AI_SERVER -> s.id() + " has none";
            case UNPUBLISHED -> s.notSimulatable().orElse("");
            case TP_HEADS -> "tp " + l.tp() + " does not divide heads " + m.heads();
            case TP_KV_HEADS -> "tp " + l.tp() + ", kv_heads " + m.kvHeads();
            case TP_FFN -> "tp " + l.tp() + " does not divide " + m.ffnHidden();
            case PP_LAYERS -> "pp " + l.pp() + " > layers " + m.layers();
            case VPP_LAYERS -> l.pp() + " x " + l.vpp() + " does not divide layers " + m.layers();
            case VPP_NEEDS_PP -> "vpp " + l.vpp() + " with pp 1";
            case SCHEDULE_VPP -> "schedule " + l.schedule().key() + " with vpp " + l.vpp();
            case SCHEDULE_NEEDS_PP -> "schedule " + l.schedule().key() + " with pp 1";
            case DUALPIPE_SHAPE -> "pp " + l.pp() + ", " + l.microBatches() + " micro-batches";
            case ZBV_LAYERS -> "2 x " + l.pp() + " chunks do not divide layers " + m.layers();
            case BATCH -> l.microBatch() + " x " + l.dp() + " does not divide " + l.globalBatch();
            case INTERLEAVED_MICRO_BATCHES -> l.microBatches() + " micro-batches, pp " + l.pp();
            case CP_SEQUENCE -> "seq_len " + l.seqLen() + ", cp " + l.cp();
            case SP_SEQUENCE -> "seq_len/cp " + l.seqLen() / l.cp() + ", tp " + l.tp();
            case SEQ_TOO_LONG -> l.seqLen() + " > " + m.maxSeqLen();
            case EP_DENSE -> "ep " + l.ep() + " on " + m.id();
            case EP_EXPERTS -> "ep " + l.ep() + " does not divide " + m.moe().get().experts() + " experts";
            case EP_DP -> "ep " + l.ep() + " x expert tp " + l.expertTp() + " = " + (long) l.ep() * l.expertTp() + ", tp x cp x dp "
                    + (long) l.tp() * l.cp() * l.dp();
            case PIPELINE_LAYOUT -> l.pipelineLayout().get().problem(m, l.pp(), l.vpp());
            case PIPELINE_LAYOUT_SCHEDULE -> "schedule " + l.schedule().key() + " with pipeline layout '" + l.pipelineLayout().get().text() + "'";
            case PRECISION_MISSING -> s.accelerator().orElseThrow().id() + " publishes no " + l.precision().key() + " rate";
            case PRECISION_KIND -> l.precision().key();
            case NO_NICS -> s.id() + " has none and the job needs " + l.gpus() + " GPUs (" + s.scaleUpDomain().size()
                    + (s.scaleUpDomain().spansNodes() ? " per scale-up domain)" : " per server)");
            case WHOLE_SERVERS -> l.gpus() + " GPUs is not a multiple of " + s.acceleratorCount() + " per " + s.id();
            case WHOLE_NODES -> l.gpus() + " accelerators is not a multiple of " + s.scaleUpDomain().node() + " per node of " + s.id();
            case DOMAIN_SPLIT -> l.gpus() + " accelerators do not split into equal parts of at most " + s.scaleUpDomain().size()
                    + " (" + s.id() + "'s domain) in nodes of " + s.scaleUpDomain().node();
            case DOMAIN_GROUPS -> "tp " + l.tp() + ", cp " + l.cp() + ", ep " + l.ep() + " with " + s.scaleUpDomain().ranksPerDomain(l.gpus())
                    + " of the job's accelerators per " + s.id() + " domain";
            case TORUS_SLICE -> s.scaleUpDomain().ranksPerDomain(l.gpus()) + " chips in " + s.id() + "'s torus "
                    + s.scaleUpDomain().torus();
        };
    }
}
