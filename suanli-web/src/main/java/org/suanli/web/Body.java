package org.suanli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;
import org.suanli.jobs.Options;
import org.suanli.report.Json;

/**
 * A request's JSON object as a job's {@link Options} (read field by field by the library's job layer, 400 naming a field of
 * the wrong type or unknown); a field that would name a file-system path is refused outright here.
 */
final class Body {
    /** Fields of CLI options that name files: the server reads files only from the directories it was started with. */
    static final Set<String> PATH_FIELDS = Set.of("catalog", "trace", "trace_file", "write_envelope", "file", "out", "output");

    private Body() {
    }

    private static void refusePaths(ObjectNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (PATH_FIELDS.contains(name)) {
                throw new ApiException(400, name, "a request may not name a file-system path",
                        "expected no '" + name + "' field: user catalogs come only from the directories `suanli serve --catalog` was given");
            }
        }
    }

    static Options parse(byte[] bytes) {
        JsonNode n;
        try {
            n = bytes.length == 0 ? null : Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request body", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), "expected one JSON object");
        } catch (java.io.IOException e) {
            throw new ApiException(400, "request body", "unreadable", "expected one JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new ApiException(400, "request body", n == null ? "empty" : "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    "expected one JSON object");
        }
        refusePaths((ObjectNode) n);
        return new Options((ObjectNode) n);
    }

}
