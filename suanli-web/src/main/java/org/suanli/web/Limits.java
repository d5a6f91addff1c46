package org.suanli.web;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The concurrency limit and the per-call timeout. A computation takes one of {@code max_concurrent} permits (429 with
 * Retry-After when none is free) and holds it until it has really stopped; past {@code timeout_s} the caller gets 503 and
 * the computation is told to stop through its cancellation flag.
 */
final class Limits implements AutoCloseable {
    private final Semaphore permits;
    private final int maxConcurrent;
    private final double timeoutS;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "suanli-work");
        t.setDaemon(true);
        return t;
    });

    Limits(int maxConcurrent, double timeoutS) {
        this.maxConcurrent = maxConcurrent;
        this.timeoutS = timeoutS;
        this.permits = new Semaphore(maxConcurrent);
    }

    double timeoutS() {
        return timeoutS;
    }

    /** Takes a permit or refuses with 429. */
    void acquire() {
        if (!permits.tryAcquire()) {
            throw new ApiException(429, "max_concurrent", String.format(Locale.ROOT, "the server is computing %d requests, its limit",
                    maxConcurrent), "expected a retry after a second (serve --max-concurrent sets the limit)", 1);
        }
    }

    void release() {
        permits.release();
    }

    /** Starts {@code work} on a worker holding a permit already taken; the permit is released when the work ends. */
    <T> Future<T> submit(Function<AtomicBoolean, T> work, AtomicBoolean cancel) {
        try {
            return workers.submit(() -> {
                try {
                    return work.apply(cancel);
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Runs {@code work} within the limits and returns its value, or throws 429 or 503. */
    <T> T call(Function<AtomicBoolean, T> work) {
        acquire();
        AtomicBoolean cancel = new AtomicBoolean();
        Future<T> f = submit(work, cancel);
        try {
            return f.get((long) (timeoutS * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancel.set(true);
            f.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            cancel.set(true);
            Thread.currentThread().interrupt();
            throw timedOut();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    ApiException timedOut() {
        return new ApiException(503, "timeout_s", String.format(Locale.ROOT, "the computation ran past the server's limit of %s s",
                org.suanli.units.Units.num(timeoutS)), "expected a smaller request, or a plan job (serve --timeout-s sets the limit)", 1);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
