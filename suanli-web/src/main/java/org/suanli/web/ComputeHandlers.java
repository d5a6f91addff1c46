package org.suanli.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.hardware.Server;
import org.suanli.inference.ServingSimulation;
import org.suanli.input.Check;
import org.suanli.jobs.Costs;
import org.suanli.jobs.InferJob;
import org.suanli.jobs.Options;
import org.suanli.jobs.TrainJob;
import org.suanli.report.ChromeTrace;
import org.suanli.report.ServingTrace;
import org.suanli.report.json.BomJson;
import org.suanli.supply.ServerSupply;
import org.suanli.supply.SupplyChain;
import java.util.OptionalDouble;
import org.suanli.report.json.CostJson;
import org.suanli.training.EventTrainingModel;

/**
 * {@code POST /api/train}, {@code /api/train/trace}, {@code /api/infer}, {@code /api/infer/trace} and {@code /api/cost}: the CLI's
 * train, infer and cost.
 */
final class ComputeHandlers {
    private final WebContext web;

    ComputeHandlers(WebContext web) {
        this.web = web;
    }

    void train(Context ctx) {
        TrainJob in = TrainJob.read(web.body(ctx), web.jobs(), null);
        WebContext.json(ctx, web.limits().call(in::run));
    }

    /** The event engine's Chrome trace of one step, as a download. */
    void trace(Context ctx) {
        TrainJob in = TrainJob.read(web.body(ctx), web.jobs(), "event");
        download(ctx, web.limits().call(cancel -> written(tmp -> {
            try (ChromeTrace writer = ChromeTrace.open(tmp, EventTrainingModel.processNames(in.job()))) {
                EventTrainingModel.simulate(in.job(), writer);
                writer.commit();
            }
        })));
    }

    private static void download(Context ctx, byte[] trace) {
        ctx.contentType(Route.JSON).header("Content-Disposition", "attachment; filename=\"suanli-trace.json\"").result(trace);
    }

    /** Runs {@code write} on a temporary file of its own and returns what it wrote; the file is deleted whatever happens. */
    private static byte[] written(java.util.function.Consumer<Path> write) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("suanli-trace", ".json");
            write.accept(tmp);
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file of our own; the OS cleans its temp directory
                }
            }
        }
    }

    void infer(Context ctx) {
        infer(ctx, false);
    }

    /** The serving simulation's timeline (infer --trace) as a Chrome trace download. */
    void inferTrace(Context ctx) {
        infer(ctx, true);
    }

    private void infer(Context ctx, boolean trace) {
        InferJob in = InferJob.read(web.body(ctx), web.jobs(), trace);
        if (!trace) {
            WebContext.json(ctx, in.batch() != null ? in.run(new java.util.concurrent.atomic.AtomicBoolean()) : web.limits().call(in::run));
            return;
        }
        download(ctx, web.limits().call(cancel -> written(tmp -> {
            try (ServingTrace timeline = ServingTrace.open(tmp, in.replicas(), in.disaggregate(), in.maxTraceEvents(), in.traceRequests())) {
                ServingSimulation.run(in.model(), in.replicas(), in.load(), in.requests(), in.config(), in.ttftSlo(), in.tpotSlo(), x -> { },
                        cancel, timeline);
                timeline.commit();
            }
        })));
    }

    void cost(Context ctx) {
        Options b = web.body(ctx);
        String serverId = Ids.check("server", b.required("server", "expected a server id, e.g. dgx-h100"));
        int servers = b.integer("servers", 1);
        double days = b.number("days", 365);
        boolean bom = b.flag("bom");
        String rule = b.string("rule", "2023-10");
        Double acceleratorUsd = b.number("accelerator_usd");
        CostAssumptions a = costAssumptions(b);
        b.finish();
        Check.count("--servers", servers, 1, Check.MAX_SERVERS);
        Check.positive("--days", days, Check.MAX_DAYS);
        Server s = web.catalog().server(serverId);
        if (bom) {
            WebContext.json(ctx, BomJson.of(ServerSupply.of(s, web.catalog(), SupplyChain.builtIn(),
                    acceleratorUsd == null ? OptionalDouble.empty() : OptionalDouble.of(acceleratorUsd), a.prices(), rule)));
            return;
        }
        WebContext.json(ctx, CostJson.of(s, servers, days, CostModel.run(s, servers, days * 86400, 0, a), a));
    }

    /** The cost overrides of {@code cost}, {@code plan train} and {@code plan serve}. */
    static CostAssumptions costAssumptions(Options b) {
        return Costs.read(b);
    }
}
