package org.suanli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each limit is configurable, answered with its status, and named in the error. */
@Timeout(60)
class ApiLimitsTest {
    static final String BIG_PLAN = "{\"model\":\"llama3-70b\",\"tokens\":\"15T\",\"days\":90}";

    @Test
    void aSearchOverMaxCandidatesIs413NamingTheBound() {
        try (SuanliServer s = SuanliServer.start(Http.config().withMaxCandidates(1000))) {
            HttpResponse<String> r = new Http(s).post("/api/plan/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"servers\":1}");
            ApiErrorsTest.error(r, 413, "max_candidates");
            assertThat(r.body()).contains("1,000");
        }
    }

    @Test
    void moreSimulatedRequestsThanTheBoundIs422NamingIt() {
        try (SuanliServer s = SuanliServer.start(Http.config().withMaxRequests(100))) {
            Http http = new Http(s);
            ApiErrorsTest.error(http.post("/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"input_len\":512,"
                    + "\"output_len\":128,\"rate\":5,\"requests\":101}"), 422, "max_requests");
            ApiErrorsTest.error(http.post("/api/plan/serve", "{\"model\":\"llama2-7b\",\"rate\":2,\"ttft_p99\":2,\"tpot_p99\":0.1,"
                    + "\"requests\":101}"), 422, "max_requests");
        }
    }

    @Test
    void aCallPastTheTimeoutIs503NamingIt() {
        try (SuanliServer s = SuanliServer.start(Http.config().withTimeoutS(0.3).withMaxCandidates(100_000_000))) {
            HttpResponse<String> r = new Http(s).post("/api/plan/train", BIG_PLAN);
            ApiErrorsTest.error(r, 503, "timeout_s");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aCallPastTheConcurrencyLimitIs429WithRetryAfter() {
        try (SuanliServer s = SuanliServer.start(Http.config().withMaxConcurrent(1).withMaxCandidates(100_000_000))) {
            Http http = new Http(s);
            HttpResponse<String> job = http.post("/api/plan/train/jobs", BIG_PLAN);
            assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
            HttpResponse<String> r = http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8}");
            ApiErrorsTest.error(r, 429, "max_concurrent");
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
            http.delete("/api/plan/train/jobs/" + Http.json(job).get("id").asText());
        }
    }

    @Test
    void corsIsOnlyForTheOriginsGivenAtStart() {
        try (SuanliServer s = SuanliServer.start(Http.config().withCorsOrigins(java.util.List.of("https://example.org")))) {
            var client = java.net.http.HttpClient.newHttpClient();
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + "/api/market/check"))
                    .header("Origin", "https://example.org").GET().build();
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://example.org");
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
