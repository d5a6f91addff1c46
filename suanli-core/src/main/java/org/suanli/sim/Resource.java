package org.suanli.sim;

/**
 * Something tasks run on: a {@link SerialResource} serves one task at a time in order of readiness; a
 * {@link SharedLink} splits its bandwidth among the transfers in flight; a {@link Delay} runs any
 * number of tasks at once (pure latency, or a rendezvous of zero length). Resources hold the only
 * mutable state of a run besides the tasks, and only the {@link Simulation} drives them.
 */
public sealed interface Resource permits SerialResource, SharedLink, Delay {

    /** Returns the name shown in traces. */
    String name();

    /** Returns the trace process (e.g. a pipeline stage) the resource belongs to. */
    int group();

    /** Takes a ready task; the resource starts it now or when it becomes free. */
    void offer(Task task, Simulation sim);
}
