package org.suanli.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every route answers its happy path with the CLI's JSON, and the server's own documents and headers. */
@Timeout(60)
class ApiRoutesTest {
    static SuanliServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = SuanliServer.start(Http.config());
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return Http.json(r);
    }

    @Test
    void catalogListsOneKind() {
        JsonNode n = ok(http.get("/api/catalog?kind=server"));
        assertThat(n.get("entries").size()).isGreaterThan(5);
        n.get("entries").forEach(e -> assertThat(e.get("kind").asText()).isEqualTo("server"));
    }

    @Test
    void catalogShowsOneEntryWithItsOrigin() {
        JsonNode n = ok(http.get("/api/catalog/h100-sxm"));
        assertThat(n.get("kind").asText()).isEqualTo("accelerator");
        assertThat(n.get("id").asText()).isEqualTo("h100-sxm");
    }

    @Test
    void catalogComparesEntriesOfOneKind() {
        JsonNode n = ok(http.get("/api/catalog/compare?ids=h100-sxm,a100-sxm-80gb"));
        assertThat(n.toString()).contains("h100-sxm", "a100-sxm-80gb");
    }

    @Test
    void classifyGivesTheVerdictOfEveryRule() {
        JsonNode n = ok(http.get("/api/classify/h100-sxm"));
        assertThat(n.toString()).contains("2023-10");
    }

    @Test
    void trainAnswersWithTheAnalyticStepTime() {
        JsonNode n = ok(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8}"));
        assertThat(n.toString()).contains("step_time_s");
    }

    @Test
    void trainRunsTheEventEngineWhenAskedTo() {
        JsonNode n = ok(http.post("/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"engine\":\"event\"}"));
        assertThat(n.toString()).contains("\"event\"");
    }

    @Test
    void traceIsAChromeTraceDownload() {
        HttpResponse<String> r = http.post("/api/train/trace", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(Http.json(r).toString()).contains("traceEvents");
    }

    @Test
    void inferTraceIsTheServingTimelineAsADownload() throws Exception {
        HttpResponse<String> r = http.post("/api/infer/trace", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":2,"
                + "\"input_len\":512,\"output_len\":32,\"rate\":5,\"requests\":50,\"disaggregate\":1,\"max_trace_events\":400}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        JsonNode trace = Http.json(r);
        assertThat(trace.toString()).contains("\"prefill replica 0\"").contains("\"decode replica 1\"").contains("\"name\":\"step\"");
        assertThat(trace.get("otherData").get("truncated").asBoolean()).isTrue();
    }

    @Test
    void inferTraceOfAStaticBatchIsRefused() {
        HttpResponse<String> r = http.post("/api/infer/trace", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":1,"
                + "\"input_len\":512,\"output_len\":32,\"batch\":4}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("a trace needs a simulation");
    }

    @Test
    void inferAnswersAStaticBatch() {
        JsonNode n = ok(http.post("/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":8,"
                + "\"input_len\":512,\"output_len\":128,\"batch\":8}"));
        assertThat(n.toString()).contains("ttft");
    }

    @Test
    void inferSimulatesARequestRate() {
        JsonNode n = ok(http.post("/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":8,"
                + "\"input_len\":512,\"output_len\":128,\"rate\":5,\"requests\":200}"));
        assertThat(n.toString()).contains("p99");
    }

    @Test
    void planTrainFindsTheBestLayouts() {
        JsonNode n = ok(http.post("/api/plan/train", "{\"model\":\"llama2-7b\",\"server\":[\"dgx-h100\"],\"servers\":1}"));
        assertThat(n.get("top").size()).isGreaterThan(0);
    }

    @Test
    void rulesGiveEachRulesThresholdsFromTheRuleData() {
        JsonNode rules = ok(http.get("/api/rules")).get("rules");
        JsonNode oct2023 = null;
        for (JsonNode r : rules) {
            if (r.get("id").asText().equals("2023-10")) {
                oct2023 = r;
            }
        }
        assertThat(oct2023).as("rule 2023-10 in " + rules).isNotNull();
        assertThat(oct2023.get("tpp_thresholds").toString()).isEqualTo("[1600.0,2400.0,4800.0]");
        assertThat(oct2023.get("pd_thresholds").toString()).isEqualTo("[1.6,3.2,5.92]");
        assertThat(oct2023.get("clauses").get(0).get("tests").get(0).toString())
                .isEqualTo("{\"variable\":\"tpp\",\"op\":\">=\",\"threshold\":4800.0}");
    }

    @Test
    void marketProjectTakesTheClisToAndYearAsItsAlias() {
        String to = ok(http.get("/api/market/project?series=global-ai-server-market-usd&to=2030")).toString();
        assertThat(to).contains("\"to_year\":2030");
        assertThat(ok(http.get("/api/market/project?series=global-ai-server-market-usd&year=2030")).toString()).isEqualTo(to);
    }

    @Test
    void planServeFindsTheCheapestFleet() {
        JsonNode n = ok(http.post("/api/plan/serve", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"rate\":2,\"ttft_p99\":2,"
                + "\"tpot_p99\":0.1,\"requests\":200,\"top\":2}"));
        assertThat(n.toString()).contains("dgx-h100");
    }

    @Test
    void costAnswersTheOwnershipCostAndTheBillOfMaterials() {
        assertThat(ok(http.post("/api/cost", "{\"server\":\"dgx-h100\",\"servers\":2}")).toString()).contains("usd_per_gpu_hour");
        assertThat(ok(http.post("/api/cost", "{\"server\":\"dgx-h100\",\"bom\":true}")).toString()).contains("lines");
    }

    @Test
    void marketRoutesAnswerTheSeedsFigures() {
        assertThat(ok(http.get("/api/market/series")).toString()).contains("global-ai-server-market-usd");
        assertThat(ok(http.get("/api/market/cagr?series=global-ai-server-market-usd")).toString()).contains("cagr_pct");
        assertThat(ok(http.get("/api/market/check")).toString()).contains("verdict");
        assertThat(ok(http.get("/api/market/project?series=global-ai-server-market-usd&year=2030")).toString()).contains("2030");
    }

    @Test
    void marketDemandPlansTheBodyAsADemandFile() {
        JsonNode n = ok(http.post("/api/market/demand", "{\"serving\":[{\"year\":2025,\"model\":\"llama2-7b\",\"rate\":1,"
                + "\"ttft_p99\":2,\"tpot_p99\":0.1,\"server\":\"dgx-h100\"}]}"));
        assertThat(n.toString()).contains("2025");
    }

    @Test
    void validateRunsOneSuite() {
        assertThat(ok(http.get("/api/validate?suite=nemo-h100")).toString()).contains("nemo-h100");
    }

    @Test
    void openApiListsEveryRegisteredRoute() {
        JsonNode paths = ok(http.get("/api/openapi.json")).get("paths");
        Set<String> documented = new HashSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        assertThat(server.routes()).allSatisfy(r -> assertThat(documented).contains(r.method() + " " + r.path()));
        assertThat(documented).hasSize(server.routes().size());
    }

    @Test
    void staticIndexIsServedWithTheSecurityHeaders() {
        HttpResponse<String> r = http.get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<html");
        assertSecurityHeaders(r);
    }

    @Test
    void apiAnswersCarryTheSecurityHeadersAndNoCors() {
        HttpResponse<String> r = http.get("/api/market/check");
        assertSecurityHeaders(r);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    static void assertSecurityHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    }
}
