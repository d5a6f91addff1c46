package org.suanli.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The operators of one layer (or of the embedding or output head) for one micro-batch on one GPU, and their times
 * summed by cause; the operator lists are kept only when an engine schedules them one by one.
 */
final class LayerOps {
    final boolean record;
    final List<Op> fwd;
    final List<Op> bwd;
    final List<Op> recompute;

    double fwdCompute;
    double bwdCompute;
    /** The weight-gradient GEMMs within bwdCompute (W of the zero-bubble and DualPipe schedules). */
    double wgradCompute;
    double recomputeCompute;
    double tpFwd;
    double tpBwd;
    double tpRecompute;
    double cp;
    double ep;
    double epRecompute;

    LayerOps(boolean record) {
        this.record = record;
        fwd = newList();
        bwd = newList();
        recompute = newList();
    }

    /** Returns a list to collect operators in: a real one when recording, else an empty one that is never added to. */
    List<Op> newList() {
        return record ? new ArrayList<>() : List.of();
    }

    /** Appends an operator to {@code list} when recording. */
    void add(List<Op> list, String name, Op.Kind kind, double s, double flops, double bytes) {
        if (record) {
            list.add(new Op(name, kind, s, flops, bytes));
        }
    }

    /** Scales the recorded forward and backward operators of {@code kind} by {@code factor} (their time only). */
    void scale(Op.Kind kind, double factor) {
        if (record) {
            fwd.replaceAll(o -> o.kind() == kind ? new Op(o.name(), o.kind(), o.seconds() * factor, o.flops(), o.bytes()) : o);
            bwd.replaceAll(o -> o.kind() == kind ? new Op(o.name(), o.kind(), o.seconds() * factor, o.flops(), o.bytes()) : o);
        }
    }

    /** Adds {@code o}'s operators and times to this one's (a module run after it, e.g. multi-token prediction after the head). */
    void plus(LayerOps o) {
        if (record) {
            fwd.addAll(o.fwd);
            bwd.addAll(o.bwd);
            recompute.addAll(o.recompute);
        }
        fwdCompute += o.fwdCompute;
        bwdCompute += o.bwdCompute;
        wgradCompute += o.wgradCompute;
        recomputeCompute += o.recomputeCompute;
        tpFwd += o.tpFwd;
        tpBwd += o.tpBwd;
        tpRecompute += o.tpRecompute;
        cp += o.cp;
        ep += o.ep;
        epRecompute += o.epRecompute;
    }

    /** Returns the per-micro-batch time of the layer on its GPU (everything on the critical path). */
    double total() {
        return fwdCompute + bwdCompute + recomputeCompute + tpFwd + tpBwd + tpRecompute + cp + ep + epRecompute;
    }
}
