package org.suanli.sweep.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.Row;
import org.suanli.sweep.SweepSpec;

/**
 * The in-process engine: the partitions a store does not yet hold, shared among {@code threads} workers; each evaluates its
 * partition's points one by one and hands the rows to the store whole. Cancelling stops workers between points and drops their
 * unfinished partitions, so what is kept is exactly the completed partitions.
 */
public final class SweepRunner {
    private SweepRunner() {
    }

    /** What a run did: points now held (all runs together), points this run evaluated, infeasible points this run, seconds. */
    public record Summary(long pointsDone, long pointsTotal, long evaluated, long errors, long partitionsWritten, double seconds,
                          boolean cancelled) {
    }

    /** Runs the partitions of {@code spec} missing from {@code store}; {@code progress} receives the points held so far. */
    public static Summary run(SweepSpec spec, PointEvaluator evaluator, ResultStore store, int threads, LongConsumer progress,
                              AtomicBoolean cancel) {
        long start = System.nanoTime();
        Set<Long> done = store.completed();
        List<Long> todo = new ArrayList<>();
        long heldPoints = 0;
        for (long p = 0; p < spec.partitions(); p++) {
            if (done.contains(p)) {
                heldPoints += partitionSize(spec, p);
            } else {
                todo.add(p);
            }
        }
        AtomicLong held = new AtomicLong(heldPoints);
        progress.accept(held.get());
        AtomicInteger next = new AtomicInteger();
        AtomicLong evaluated = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "suanli-sweep");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.max(1, threads); w++) {
            workers.add(pool.submit(() -> {
                int i;
                while (!cancel.get() && (i = next.getAndIncrement()) < todo.size()) {
                    long p = todo.get(i);
                    long first = p * spec.partitionPoints();
                    long n = partitionSize(spec, p);
                    List<Row> rows = new ArrayList<>((int) n);
                    for (long k = 0; k < n && !cancel.get(); k++) {
                        Row r = evaluator.evaluate(first + k);
                        if (r.error() != null) {
                            errors.incrementAndGet();
                        }
                        rows.add(r);
                        evaluated.incrementAndGet();
                    }
                    if (rows.size() < n) {
                        return null;
                    }
                    store.write(p, evaluator.scenarioColumns(), rows);
                    written.incrementAndGet();
                    progress.accept(held.addAndGet(n));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            cancel.set(true);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            cancel.set(true);
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Summary(held.get(), spec.points(), evaluated.get(), errors.get(), written.get(), (System.nanoTime() - start) / 1e9,
                held.get() < spec.points());
    }

    private static long partitionSize(SweepSpec spec, long p) {
        return Math.min(spec.partitionPoints(), spec.points() - p * spec.partitionPoints());
    }
}
