package org.suanli.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.1 document of the API from the route table (Javalin's OpenAPI plugin has no release for
 * Javalin 7, so the table that registers the routes is also the document's one source).
 */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<String, Object>());
            item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
        }
        Map<String, Object> error = Map.of("type", "object", "required", List.of("error", "where", "expected"), "properties",
                Map.of("error", Map.of("type", "string"), "where", Map.of("type", "string"), "expected", Map.of("type", "string")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Suanli HTTP API", "version", version,
                "description", "JSON in and out with the CLI's field names: a body's keys are the matching command's long options in "
                        + "snake_case; an answer is the object that command prints with --json."));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of("Error", error)));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        op.put("operationId", (r.method() + r.path()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        List<Map<String, Object>> params = new java.util.ArrayList<>();
        Matcher m = PARAM.matcher(r.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        for (String q : r.query()) {
            params.add(Map.of("name", q, "in", "query", "required", false, "schema", Map.of("type", "string")));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.body()) {
            op.put("requestBody", Map.of("required", true, "content", Map.of(Route.JSON, Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        int ok = r.method().equals("DELETE") ? 204 : r.path().endsWith("/jobs") ? 202 : 200;
        responses.put(String.valueOf(ok), ok == 204 ? Map.of("description", "done")
                : Map.of("description", "success", "content", Map.of(r.produces(), Map.of("schema", Map.of("type", "object")))));
        for (int s : r.statuses()) {
            responses.put(String.valueOf(s), Map.of("description", describe(s), "content",
                    Map.of(Route.JSON, Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        }
        op.put("responses", responses);
        return op;
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "malformed JSON, a wrong type, an unknown field or a file-system path";
            case 404 -> "unknown id";
            case 413 -> "body too large, or a search over max_candidates";
            case 422 -> "well-formed but impossible input, or over max_requests";
            case 406 -> "not an event-stream client (Accept: text/event-stream)";
            case 429 -> "past max_concurrent (Retry-After)";
            case 503 -> "past timeout_s";
            default -> "error";
        };
    }
}
