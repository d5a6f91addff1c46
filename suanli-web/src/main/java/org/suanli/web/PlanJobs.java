package org.suanli.web;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.Planner;
import org.suanli.report.Json;
import org.suanli.report.json.PlanJson;

/**
 * Plan-train jobs: started with 202 and an id, watched over server-sent events ({@code progress} now and then, then one
 * {@code result} or {@code error}), cancelled with DELETE. A job holds one of the concurrency permits while it runs and is
 * stopped at the per-call timeout; a finished job is kept for {@link #KEEP_MS} so that a late watcher still gets its end.
 */
final class PlanJobs implements AutoCloseable {
    static final long KEEP_MS = 10 * 60 * 1000;
    static final long PROGRESS_EVERY_MS = 200;

    private final WebContext web;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "suanli-job-timer");
        t.setDaemon(true);
        return t;
    });

    PlanJobs(WebContext web) {
        this.web = web;
    }

    /** One plan search in the background. */
    private static final class Job {
        final long total;
        final long startNanos = System.nanoTime();
        final AtomicLong searched = new AtomicLong();
        final AtomicBoolean cancel = new AtomicBoolean();
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean cancelledByCaller;
        volatile boolean timedOut;
        volatile String result;
        volatile ApiException.ErrorJson error;
        volatile long finishedAtMs;

        Job(long total) {
            this.total = total;
        }

        Map<String, Object> progress() {
            return Map.of("searched", searched.get(), "total", total, "elapsed_s", (System.nanoTime() - startNanos) / 1e9);
        }
    }

    String start(PlanRequest req, long total) {
        evictOld();
        web.limits().acquire();
        String id = UUID.randomUUID().toString();
        Job job = new Job(total);
        jobs.put(id, job);
        Catalog catalog = web.catalog();
        var timeout = timer.schedule(() -> {
            job.timedOut = true;
            job.cancel.set(true);
        }, (long) (web.limits().timeoutS() * 1000), TimeUnit.MILLISECONDS);
        web.limits().submit(cancel -> {
            try {
                var r = Planner.plan(req, job.searched::set, cancel);
                if (job.cancelledByCaller) {
                    job.error = new ApiException.ErrorJson("cancelled", "job " + id, "expected nothing more: DELETE cancelled the search");
                } else if (job.timedOut) {
                    job.error = web.limits().timedOut().body();
                } else {
                    job.result = Json.write(PlanJson.of(catalog, req, r));
                }
            } catch (BadInputException e) {
                job.error = ErrorMapping.of(e).body();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PlanJobs.class).error("plan job " + id + " failed", e);
                job.error = new ApiException.ErrorJson("internal error", "job " + id, "expected a result; the server log has the cause");
            } finally {
                timeout.cancel(false);
                job.finishedAtMs = System.currentTimeMillis();
                job.done.countDown();
            }
            return null;
        }, job.cancel);
        return id;
    }

    private void evictOld() {
        long now = System.currentTimeMillis();
        jobs.values().removeIf(j -> j.done.getCount() == 0 && now - j.finishedAtMs > KEEP_MS);
    }

    private Job job(Context ctx) {
        Job j = jobs.get(ctx.pathParam("id"));
        if (j == null) {
            throw new ApiException(404, "job " + ctx.pathParam("id"), "unknown job id",
                    "expected an id from POST /api/plan/train/jobs, within " + KEEP_MS / 60000 + " minutes of its end");
        }
        return j;
    }

    /** GET .../events: progress while the search runs, then its result or error. */
    void events(Context ctx) throws Exception {
        Job job = job(ctx);
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(406, "Accept", "not an event-stream client", "expected Accept: text/event-stream (an EventSource)");
        }
        new SseHandler(client -> stream(job, client)).handle(ctx);
    }

    private static void stream(Job job, SseClient client) {
        try {
            while (!client.terminated() && !job.done.await(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS)) {
                client.sendEvent("progress", Json.write(job.progress()));
            }
            if (!client.terminated()) {
                client.sendEvent("progress", Json.write(job.progress()));
                if (job.result != null) {
                    client.sendEvent("result", job.result);
                } else {
                    client.sendEvent("error", Json.write(job.error));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /** DELETE: stops the search (204); its watchers get an {@code error} event naming the cancellation. */
    void cancel(Context ctx) {
        Job job = job(ctx);
        job.cancelledByCaller = true;
        job.cancel.set(true);
        ctx.status(204);
    }

    @Override
    public void close() {
        jobs.values().forEach(j -> j.cancel.set(true));
        timer.shutdownNow();
    }
}
