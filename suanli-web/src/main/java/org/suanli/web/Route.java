package org.suanli.web;

import io.javalin.http.Handler;
import java.util.List;

/**
 * One API route: the handler Javalin runs and what the OpenAPI document says of it. The server registers every route of
 * {@link Api#routes} and generates {@code /api/openapi.json} from the same list, so the document cannot drift from the routes.
 *
 * @param method     GET, POST or DELETE
 * @param path       Javalin path, parameters as {@code {id}}
 * @param summary    one line: what it answers (the matching CLI command)
 * @param query      query parameters it reads
 * @param body       whether it reads a JSON object body
 * @param produces   the media type of a success
 * @param statuses   the statuses it may answer besides 200
 */
record Route(String method, String path, String summary, List<String> query, boolean body, String produces, List<Integer> statuses,
             Handler handler) {
    static final String JSON = "application/json";
}
