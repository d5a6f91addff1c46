package org.suanli.training;

/**
 * One priced piece of work of a training step: an operator on the compute stream or a collective,
 * with the FLOPs and bytes it was priced from. The analytic model adds these up; the event model
 * schedules them; both read the same list (StepCosts).
 *
 * @param kind where the time goes: compute, exposed tensor/context/expert-parallel communication,
 *     or tensor-parallel communication hidden behind GEMMs (runs on its own stream)
 */
public record Op(String name, Kind kind, double seconds, double flops, double bytes) {

    /** Where an op's time is charged. */
    public enum Kind {
        COMPUTE, TP_COMM, TP_HIDDEN, CP_COMM, EP_COMM
    }
}
