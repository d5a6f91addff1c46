package org.suanli.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.suanli.catalog.Catalog;
import org.suanli.jobs.JobContext;
import org.suanli.jobs.Options;
import org.suanli.report.Json;

/** What every handler shares: the catalog loaded at start, the configuration and the limits. */
record WebContext(Catalog catalog, WebConfig config, Limits limits) {

    /** Reads the request's JSON object, refusing a body over {@code max_body_bytes} with 413 before or while reading it. */
    Options body(Context ctx) {
        long max = config.maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(-1);
            }
            return Body.parse(bytes);
        } catch (IOException e) {
            throw new ApiException(400, "request body", "unreadable", "expected one JSON object");
        }
    }

    /** Returns what the job layer reads requests against: ids only, and this server's ceilings on work. */
    JobContext jobs() {
        return new JobContext(catalog, true, config.maxRequests(), config.maxCandidates());
    }

    private ApiException tooLarge(long bytes) {
        return new ApiException(413, "max_body_bytes", String.format(Locale.ROOT, "the request body%s is over the limit of %,d bytes",
                bytes > 0 ? String.format(Locale.ROOT, " of %,d bytes", bytes) : "", config.maxBodyBytes()),
                "expected a smaller body (serve --max-body-bytes sets the limit)");
    }

    static void json(Context ctx, Object value) {
        ctx.contentType(Route.JSON).result(Json.write(value));
    }
}
