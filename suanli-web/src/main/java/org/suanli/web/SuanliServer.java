package org.suanli.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import org.suanli.report.Json;

/**
 * {@code suanli serve}: the HTTP API over the library and the static UI, on Javalin. Every response carries the security
 * headers; every error is JSON {@code {error, where, expected}}, never a stack trace (an unexpected fault is logged here and
 * answered 500 with a generic line).
 */
public final class SuanliServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuanliServer.class);
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private final Javalin app;
    private final Limits limits;
    private final PlanJobs jobs;
    private final List<Route> routes;
    private final List<String> notices;

    private SuanliServer(WebConfig config, List<Route> extra) {
        Catalog catalog = config.catalogDirs().isEmpty() ? Catalog.builtIn() : CatalogLoader.load(config.catalogDirs());
        notices = List.copyOf(catalog.notices());
        limits = new Limits(config.maxConcurrent(), config.timeoutS());
        WebContext web = new WebContext(catalog, config, limits);
        jobs = new PlanJobs(web);
        List<Route> table = new ArrayList<>();
        table.addAll(Api.routes(web, jobs, ctx -> WebContext.json(ctx, OpenApi.document(table, version()))));
        table.addAll(extra);
        routes = List.copyOf(table);
        app = Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/public";
                s.location = Location.CLASSPATH;
                s.headers = SECURITY_HEADERS;
            });
            if (!config.corsOrigins().isEmpty()) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> config.corsOrigins().forEach(rule::allowHost)));
            }
            c.routes.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
            for (Route r : routes) {
                c.routes.addHttpHandler(HandlerType.findOrCreate(r.method()), r.path(), r.handler());
            }
            c.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            c.routes.exception(BadInputException.class, (e, ctx) -> error(ctx, ErrorMapping.of(e)));
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, new ApiException(e.getStatus(),
                    ctx.method() + " " + ctx.path(), e.getStatus() == 404 ? "no such route" : e.getMessage(),
                    "expected one of the routes of /api/openapi.json")));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiException(500, ctx.method() + " " + ctx.path(), "internal error",
                        "expected an answer; the server log has the cause, please report it"));
            });
            c.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api") && !answered(ctx)) {
                    error(ctx, new ApiException(404, ctx.method() + " " + ctx.path(), "no such route",
                            "expected one of the routes of /api/openapi.json"));
                }
            });
            c.routes.error(405, ctx -> {
                if (!answered(ctx)) {
                    error(ctx, new ApiException(405, ctx.method() + " " + ctx.path(), "method not allowed",
                            "expected one of the routes of /api/openapi.json"));
                }
            });
        });
    }

    /** Starts a server; its {@link #port()} is the one bound (useful with port 0). */
    public static SuanliServer start(WebConfig config) {
        return start(config, List.of());
    }

    /** As {@link #start(WebConfig)}, with {@code extra} routes after the API's own (tests use it). */
    static SuanliServer start(WebConfig config, List<Route> extra) {
        SuanliServer s = new SuanliServer(config, extra);
        s.app.start();
        return s;
    }

    /** True when a handler already answered with a JSON error (Javalin's own not-found text is replaced). */
    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Route.JSON);
    }

    private static void error(Context ctx, ApiException e) {
        ctx.status(e.status()).contentType(Route.JSON).result(Json.write(e.body()));
        if (e.retryAfterS() > 0) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterS()));
        }
    }

    public int port() {
        return app.port();
    }

    /** Override notices of the user catalogs, for the log. */
    public List<String> notices() {
        return notices;
    }

    List<Route> routes() {
        return routes;
    }

    static String version() {
        String v = SuanliServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public void close() {
        jobs.close();
        app.stop();
        limits.close();
    }


}
