package org.suanli.sim;

import java.util.ArrayDeque;

/**
 * A resource that runs one task at a time, in the order tasks become ready (a CUDA stream, a copy
 * engine, a CPU thread). A task's amount is its duration in seconds.
 */
public final class SerialResource implements Resource {
    private final String name;
    private final int group;
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    private Task running;
    private double busyS;

    public SerialResource(String name, int group) {
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
        if (running == null) {
            startTask(task, sim);
        } else {
            waiting.add(task);
        }
    }

    private void startTask(Task task, Simulation sim) {
        running = task;
        sim.started(task);
        busyS += task.amount();
        sim.finishAt(sim.now() + task.amount(), task);
    }

    /** Called by the simulation when the running task ends. */
    void finished(Simulation sim) {
        running = null;
        Task next = waiting.poll();
        if (next != null) {
            startTask(next, sim);
        }
    }

    /** Returns the total time this stream was busy, seconds. */
    public double busyS() {
        return busyS;
    }
}
