package org.suanli.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * A unit of work for the event engine: it waits for the tasks it depends on, then runs on its
 * resource for a duration (a {@link SerialResource}) or moves a number of bytes (a {@link SharedLink}).
 * The amount may be priced when the task starts. Tasks may be created while the simulation runs,
 * so a schedule unfolds without building its whole graph up front.
 */
public final class Task {
    private final String name;
    private final String category;
    private final Resource resource;
    private final Map<String, Object> args;
    private double amount;
    private DoubleSupplier pricer;
    private int pending;
    private List<Task> successors;
    private Consumer<Task> onStart;
    private Consumer<Task> onFinish;
    private boolean submitted;
    private boolean started;
    private boolean finished;
    private double start = Double.NaN;
    private double end = Double.NaN;

    /**
     * @param amount seconds on a stream, bytes on a shared link
     * @param category what the time is for (compute, tp_comm, pp_comm, …), used by reports
     * @param args shown in traces (operator, micro-batch, bytes, FLOPs)
     */
    public Task(String name, String category, Resource resource, double amount, Map<String, Object> args) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("task " + name + ": amount must be finite and >= 0, was " + amount);
        }
        this.name = name;
        this.category = category;
        this.resource = resource;
        this.amount = amount;
        this.args = args;
    }

    /** Creates a task whose amount is priced by {@code pricer} when it starts. */
    public static Task priced(String name, String category, Resource resource, DoubleSupplier pricer, Map<String, Object> args) {
        Task t = new Task(name, category, resource, 0, args);
        t.pricer = pricer;
        return t;
    }

    /** Makes this task wait for {@code other}; a dependency on a finished task is already met. */
    public Task after(Task other) {
        if (submitted && started) {
            throw new IllegalStateException("task " + name + " has started; it cannot gain dependencies");
        }
        if (other != null && !other.finished) {
            pending++;
            if (other.successors == null) {
                other.successors = new ArrayList<>(2);
            }
            other.successors.add(this);
        }
        return this;
    }

    /** Holds the task until {@link #release()}: a dependency on work that does not exist yet. */
    public Task hold() {
        pending++;
        return this;
    }

    /** Runs {@code action} when the task starts (used to unfold a schedule lazily). */
    public Task onStart(Consumer<Task> action) {
        this.onStart = action;
        return this;
    }

    /** Runs {@code action} when the task finishes. */
    public Task onFinish(Consumer<Task> action) {
        this.onFinish = action;
        return this;
    }

    void markSubmitted() {
        submitted = true;
    }

    boolean isSubmitted() {
        return submitted;
    }

    int pending() {
        return pending;
    }

    /** Decrements the wait count; returns true when the task has become ready. */
    boolean dependencyMet() {
        return --pending == 0;
    }

    void begin(double time) {
        started = true;
        start = time;
        if (pricer != null) {
            double v = pricer.getAsDouble();
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalStateException("task " + name + ": priced amount must be finite and >= 0, was " + v);
            }
            amount = v;
        }
        if (onStart != null) {
            onStart.accept(this);
        }
    }

    void complete(double time) {
        finished = true;
        end = time;
        if (onFinish != null) {
            onFinish.accept(this);
        }
    }

    List<Task> successors() {
        return successors == null ? List.of() : successors;
    }

    void dropSuccessors() {
        successors = null;
        onStart = null;
        onFinish = null;
        pricer = null;
    }

    public String name() {
        return name;
    }

    public String category() {
        return category;
    }

    public Resource resource() {
        return resource;
    }

    public Map<String, Object> args() {
        return args;
    }

    /** Returns seconds (stream) or bytes (shared link). */
    public double amount() {
        return amount;
    }

    public boolean finished() {
        return finished;
    }

    public boolean started() {
        return started;
    }

    /** Returns the simulated start time, seconds (NaN before it starts). */
    public double start() {
        return start;
    }

    /** Returns the simulated end time, seconds (NaN before it ends). */
    public double end() {
        return end;
    }

    @Override
    public String toString() {
        return name + "@" + resource.name();
    }
}
