package org.suanli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every error is JSON {error, where, expected} with the contract's status, naming the field; never a stack trace. */
@Timeout(60)
class ApiErrorsTest {
    static SuanliServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = SuanliServer.start(Http.config().withMaxBodyBytes(4096));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Asserts the error's status and JSON shape, and that {@code where} names {@code field}; returns the error. */
    static JsonNode error(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.body()).doesNotContain("Exception", "\tat ", "org.suanli.");
        JsonNode n = Http.json(r);
        assertThat(n.has("error") && n.has("where") && n.has("expected")).as(r.body()).isTrue();
        assertThat(n.get("where").asText()).contains(field);
        return n;
    }

    @Test
    void malformedJsonIs400() {
        error(http.post("/api/train", "{\"model\": "), 400, "request body");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        error(http.post("/api/train", "[1, 2]"), 400, "request body");
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":\"eight\"}"), 400, "gpus");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tensor_parallel\":2}"), 400,
                "tensor_parallel");
    }

    @Test
    void aFileSystemPathFieldIs400() {
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"catalog\":\"/etc\"}"), 400, "catalog");
        error(http.post("/api/infer", "{\"trace_file\":\"/tmp/x.csv\"}"), 400, "trace_file");
    }

    @Test
    void aModelThatLooksLikeAPathIs400() {
        error(http.post("/api/train", "{\"model\":\"/etc/passwd\",\"server\":\"dgx-h100\",\"gpus\":8}"), 400, "model");
        error(http.post("/api/train", "{\"model\":\"model.yaml\",\"server\":\"dgx-h100\",\"gpus\":8}"), 400, "model");
        error(http.get("/api/validate?suite=../validation/x.yaml"), 400, "suite");
    }

    @Test
    void anUnknownIdIs404() {
        error(http.get("/api/catalog/h999"), 404, "h999");
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h999\",\"gpus\":8}"), 404, "dgx-h999");
        error(http.get("/api/market/cagr?series=nope"), 404, "nope");
        error(http.get("/api/validate?suite=nope"), 404, "suite");
    }

    @Test
    void anUnknownApiRouteIs404Json() {
        error(http.get("/api/nowhere"), 404, "/api/nowhere");
    }

    @Test
    void anImpossibleLayoutIs422NamingTheField() {
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":16}"), 422, "tp");
        error(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":-8}"), 422, "gpus");
        error(http.post("/api/cost", "{\"server\":\"dgx-h100\",\"days\":-1}"), 422, "days");
    }

    @Test
    void aBodyOverTheLimitIs413NamingIt() {
        String big = "{\"model\":\"" + "x".repeat(5000) + "\"}";
        JsonNode n = error(http.post("/api/train", big), 413, "max_body_bytes");
        assertThat(n.get("error").asText()).contains("4,096");
    }
}
