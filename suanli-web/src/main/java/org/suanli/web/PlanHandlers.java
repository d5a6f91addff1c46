package org.suanli.web;

import io.javalin.http.Context;
import org.suanli.jobs.PlanServeJob;
import org.suanli.jobs.PlanTrainJob;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.Planner;

/** {@code POST /api/plan/train} (synchronous, or as a job with progress) and {@code POST /api/plan/serve}. */
final class PlanHandlers {
    private final WebContext web;
    private final PlanJobs jobs;

    PlanHandlers(WebContext web, PlanJobs jobs) {
        this.web = web;
        this.jobs = jobs;
    }

    void planTrain(Context ctx) {
        PlanTrainJob job = PlanTrainJob.read(web.body(ctx), web.jobs());
        WebContext.json(ctx, web.limits().call(job::run));
    }

    void startJob(Context ctx) {
        PlanRequest req = PlanTrainJob.read(web.body(ctx), web.jobs()).request();
        String id = jobs.start(req, Planner.candidateBound(req));
        ctx.status(202);
        WebContext.json(ctx, java.util.Map.of("id", id));
    }

    void planServe(Context ctx) {
        PlanServeJob job = PlanServeJob.read(web.body(ctx), web.jobs());
        WebContext.json(ctx, web.limits().call(cancel -> {
            var answer = job.run(cancel);
            if (cancel.get()) {
                throw web.limits().timedOut();
            }
            return answer;
        }));
    }
}
