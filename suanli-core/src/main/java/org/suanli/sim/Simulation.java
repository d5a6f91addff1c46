package org.suanli.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The discrete-event kernel: a queue of typed events ordered by time, then by a serial number
 * (so equal-time events run in the order they were scheduled and every run is deterministic),
 * and a loop that processes them. No threads, no wall clock. An event in the past is an error,
 * not a clamp (CloudSim Plus's rule).
 */
public final class Simulation {
    /** The events of the kernel. */
    sealed interface Event permits Ready, Finish, LinkCheck {
        double time();

        long serial();
    }

    record Ready(double time, long serial, Task task) implements Event {
    }

    record Finish(double time, long serial, Task task) implements Event {
    }

    record LinkCheck(double time, long serial, SharedLink link, long version) implements Event {
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> {
        int c = Double.compare(a.time(), b.time());
        return c != 0 ? c : Long.compare(a.serial(), b.serial());
    });
    private final List<Observer> observers = new ArrayList<>();
    private double now;
    private long serial;
    private long events;
    private long tasks;

    /** Adds an observer that is told of every task start and end. */
    public Simulation observe(Observer o) {
        observers.add(o);
        return this;
    }

    /** Returns the current simulated time, seconds. */
    public double now() {
        return now;
    }

    /** Returns the number of events processed so far. */
    public long events() {
        return events;
    }

    /** Returns the number of tasks submitted so far. */
    public long tasks() {
        return tasks;
    }

    /** Hands a task to the engine; it runs once its dependencies are met. */
    public Task submit(Task task) {
        if (task.isSubmitted()) {
            throw new IllegalStateException("task " + task.name() + " was already submitted");
        }
        task.markSubmitted();
        tasks++;
        if (task.pending() == 0) {
            push(new Ready(now, serial++, task));
        }
        return task;
    }

    /** Releases a task made with {@link Task#hold()}. */
    public void release(Task task) {
        if (task.dependencyMet() && task.isSubmitted()) {
            push(new Ready(now, serial++, task));
        }
    }

    /** Runs until no event is left; returns the time of the last event, seconds. */
    public double run() {
        Event e;
        while ((e = queue.poll()) != null) {
            if (e.time() < now) {
                throw new IllegalStateException("event in the past: " + e + " at " + now);
            }
            now = e.time();
            events++;
            if (e instanceof Ready r) {
                r.task().resource().offer(r.task(), this);
            } else if (e instanceof Finish f) {
                complete(f.task());
                if (f.task().resource() instanceof SerialResource st) {
                    st.finished(this);
                }
            } else if (e instanceof LinkCheck c) {
                c.link().check(this, c.version());
            }
        }
        return now;
    }

    private void push(Event e) {
        queue.add(e);
    }

    void started(Task task) {
        task.begin(now);
        for (Observer o : observers) {
            o.started(task, now);
        }
    }

    void finishAt(double time, Task task) {
        push(new Finish(time, serial++, task));
    }

    void checkLinkAt(double time, SharedLink link, long version) {
        push(new LinkCheck(time, serial++, link, version));
    }

    void finishNow(Task task) {
        complete(task);
    }

    private void complete(Task task) {
        task.complete(now);
        for (Observer o : observers) {
            o.finished(task, now);
        }
        for (Task s : task.successors()) {
            if (s.dependencyMet() && s.isSubmitted()) {
                push(new Ready(now, serial++, s));
            }
        }
        task.dropSuccessors();
    }
}
