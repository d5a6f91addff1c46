package org.suanli.sim;

/**
 * A resource with unlimited parallelism (an infinite server): every task runs for its amount in
 * seconds from the moment it is ready. Used for pure latencies and for zero-length rendezvous
 * between producers and consumers created at different times.
 */
public final class Delay implements Resource {
    private final String name;
    private final int group;

    public Delay(String name, int group) {
        this.name = name;
        this.group = group;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public void offer(Task task, Simulation sim) {
        sim.started(task);
        sim.finishAt(sim.now() + task.amount(), task);
    }
}
