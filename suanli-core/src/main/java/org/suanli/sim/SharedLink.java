package org.suanli.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A link whose bandwidth is shared equally by the transfers in flight (processor sharing, the
 * usual fluid model of TCP/RDMA flows on one bottleneck). A task's amount is the bytes it moves;
 * the per-message latency is charged as latency x bandwidth extra bytes, so a lone transfer takes
 * exactly latency + bytes / bandwidth.
 */
public final class SharedLink implements Resource {
    private final String name;
    private final int group;
    private final double bytesPerS;
    private final double latencyS;
    private final List<Task> active = new ArrayList<>();
    private final List<double[]> remaining = new ArrayList<>();
    private double lastUpdate;
    private long version;

    public SharedLink(String name, int group, double bytesPerS, double latencyS) {
        if (!(bytesPerS > 0)) {
            throw new IllegalArgumentException("link " + name + ": bandwidth must be positive");
        }
        this.name = name;
        this.group = group;
        this.bytesPerS = bytesPerS;
        this.latencyS = latencyS;
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
        advance(sim.now());
        sim.started(task);
        active.add(task);
        remaining.add(new double[] {task.amount() + latencyS * bytesPerS});
        reschedule(sim);
    }

    private void advance(double now) {
        if (!active.isEmpty()) {
            double moved = (now - lastUpdate) * bytesPerS / active.size();
            for (double[] r : remaining) {
                r[0] -= moved;
            }
        }
        lastUpdate = now;
    }

    private void reschedule(Simulation sim) {
        version++;
        if (active.isEmpty()) {
            return;
        }
        double least = Double.MAX_VALUE;
        for (double[] r : remaining) {
            least = Math.min(least, r[0]);
        }
        double dt = Math.max(0, least) * active.size() / bytesPerS;
        sim.checkLinkAt(sim.now() + dt, this, version);
    }

    /** Called by the simulation at a scheduled completion check; stale checks are ignored. */
    void check(Simulation sim, long expectedVersion) {
        if (expectedVersion != version) {
            return;
        }
        advance(sim.now());
        double eps = bytesPerS * 1e-12 + 1e-6;   // one picosecond of transfer
        for (int i = active.size() - 1; i >= 0; i--) {
            if (remaining.get(i)[0] <= eps) {
                Task done = active.remove(i);
                remaining.remove(i);
                sim.finishNow(done);
            }
        }
        reschedule(sim);
    }

    public double bytesPerS() {
        return bytesPerS;
    }
}
