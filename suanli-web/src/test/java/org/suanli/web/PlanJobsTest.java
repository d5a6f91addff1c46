package org.suanli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.suanli.report.Json;

/** Plan jobs: 202 with an id, progress then a result over server-sent events, and DELETE cancels. */
@Timeout(60)
class PlanJobsTest {
    static SuanliServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = SuanliServer.start(Http.config().withMaxCandidates(100_000_000));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One server-sent event: its name and data. */
    record Event(String name, String data) {
    }

    /** Reads the job's events until the stream ends; after {@code afterFirst} events runs {@code action} once. */
    static List<Event> events(String id, int afterFirst, Runnable action) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/plan/train/jobs/" + id + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && name != null) {
                    out.add(new Event(name, data.toString()));
                    if (out.size() == afterFirst && action != null) {
                        action.run();
                    }
                    name = null;
                    data.setLength(0);
                }
            }
        }
        return out;
    }

    private static String startJob(String body) {
        HttpResponse<String> r = http.post("/api/plan/train/jobs", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Http.json(r).get("id").asText();
    }

    @Test
    void aJobStreamsProgressThenTheSamePlanAsTheSynchronousRoute() throws Exception {
        String body = "{\"model\":\"llama2-7b\",\"server\":[\"dgx-h100\"],\"servers\":1}";
        List<Event> events = events(startJob(body), 0, null);
        assertThat(events).extracting(Event::name).contains("progress").endsWith("result");
        JsonNode progress = Json.mapper().readTree(events.get(0).data());
        assertThat(progress.has("searched") && progress.has("total") && progress.has("elapsed_s")).isTrue();
        JsonNode result = Json.mapper().readTree(events.get(events.size() - 1).data());
        JsonNode sync = Http.json(http.post("/api/plan/train", body));
        assertThat(result.get("top")).isEqualTo(sync.get("top"));
    }

    @Test
    void deleteCancelsARunningJob() throws Exception {
        String id = startJob(ApiLimitsTest.BIG_PLAN);
        long t0 = System.nanoTime();
        List<Event> events = events(id, 1, () -> assertThat(http.delete("/api/plan/train/jobs/" + id).statusCode()).isEqualTo(204));
        assertThat(events.get(events.size() - 1).name()).isEqualTo("error");
        assertThat(events.get(events.size() - 1).data()).contains("cancelled");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    }

    @Test
    void anUnknownJobIs404() {
        ApiErrorsTest.error(http.get("/api/plan/train/jobs/nope/events"), 404, "nope");
        ApiErrorsTest.error(http.delete("/api/plan/train/jobs/nope"), 404, "nope");
    }

    @Test
    void eventsNeedAnEventStreamClient() {
        String id = startJob("{\"model\":\"llama2-7b\",\"server\":[\"dgx-h100\"],\"servers\":1}");
        ApiErrorsTest.error(http.get("/api/plan/train/jobs/" + id + "/events"), 406, "Accept");
    }
}
