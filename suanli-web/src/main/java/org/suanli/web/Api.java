package org.suanli.web;

import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** The route table: every API route with its handler and what the OpenAPI document says of it. */
final class Api {
    private static final List<Integer> READ = List.of(400, 404, 422);
    private static final List<Integer> COMPUTE = List.of(400, 404, 413, 422, 429, 503);

    private Api() {
    }

    static List<Route> routes(WebContext web, PlanJobs jobs, Handler openApi) {
        InfoHandlers info = new InfoHandlers(web);
        ComputeHandlers compute = new ComputeHandlers(web);
        PlanHandlers plan = new PlanHandlers(web, jobs);
        List<Route> r = new ArrayList<>();
        r.add(get("/api/catalog", "catalog list [KIND] --json", List.of("kind"), READ, info::catalogList));
        r.add(get("/api/catalog/compare", "catalog compare ID ID... --json", List.of("ids", "kind"), READ, info::catalogCompare));
        r.add(get("/api/catalog/{id}", "catalog show ID --json", List.of("kind"), READ, info::catalogShow));
        r.add(get("/api/classify/{id}", "classify ID --json", List.of("rule"), READ, info::classify));
        r.add(get("/api/rules", "the export-control rules classify applies: clauses, tests and TPP/PD thresholds", List.of(), List.of(),
                info::rules));
        r.add(post("/api/train", "train --json (engine: analytic or event)", COMPUTE, compute::train));
        r.add(new Route("POST", "/api/train/trace", "train --engine event --trace: the Chrome trace of one step, as a download",
                List.of(), true, "application/json", COMPUTE, compute::trace));
        r.add(post("/api/infer", "infer --json (batch: static; rate or offline: the simulation)", COMPUTE, compute::infer));
        r.add(new Route("POST", "/api/infer/trace", "infer --rate/--offline --trace: the serving simulation's timeline as a Chrome trace, "
                + "as a download (max_trace_events, trace_requests as the CLI's options)", List.of(), true, "application/json", COMPUTE,
                compute::inferTrace));
        r.add(post("/api/plan/train", "plan train --json", COMPUTE, plan::planTrain));
        r.add(post("/api/plan/train/jobs", "plan train as a job: 202 {id}", COMPUTE, plan::startJob));
        r.add(new Route("GET", "/api/plan/train/jobs/{id}/events", "a plan job's server-sent events: progress, then result or error",
                List.of(), false, "text/event-stream", List.of(404, 406), jobs::events));
        r.add(new Route("DELETE", "/api/plan/train/jobs/{id}", "cancels a plan job (204)", List.of(), false, Route.JSON, List.of(404),
                jobs::cancel));
        r.add(post("/api/plan/serve", "plan serve --json", COMPUTE, plan::planServe));
        r.add(post("/api/cost", "cost --json (bom: true for cost --bom --json)", COMPUTE, compute::cost));
        r.add(get("/api/market/series", "market list --json", List.of(), List.of(), info::marketSeries));
        r.add(get("/api/market/cagr", "market cagr SERIES [--from Y] [--to Y] --json", List.of("series", "from", "to"), READ, info::marketCagr));
        r.add(get("/api/market/check", "market check --json", List.of(), List.of(), info::marketCheck));
        r.add(get("/api/market/forecast-check", "market check --forecast --json", List.of(), List.of(), info::marketForecastCheck));
        r.add(get("/api/market/project", "market project SERIES --to YEAR [--cagr PCT] --json (year: the same as to)",
                List.of("series", "to", "year", "cagr"), READ,
                info::marketProject));
        r.add(new Route("POST", "/api/market/demand", "market demand [--shipments YEAR] --json (the body is the demand file as JSON)",
                List.of("shipments"), true, Route.JSON, COMPUTE, info::marketDemand));
        r.add(get("/api/validate", "validate --suite ID --json", List.of("suite"), List.of(400, 404, 429, 503), info::validate));
        r.add(get("/api/openapi.json", "this document, generated from the route table", List.of(), List.of(), openApi));
        return r;
    }

    private static Route get(String path, String summary, List<String> query, List<Integer> statuses, Handler h) {
        return new Route("GET", path, summary, query, false, Route.JSON, statuses, h);
    }

    private static Route post(String path, String summary, List<Integer> statuses, Handler h) {
        return new Route("POST", path, summary, List.of(), true, Route.JSON, statuses, h);
    }
}
