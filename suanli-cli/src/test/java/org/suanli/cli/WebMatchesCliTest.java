package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.suanli.report.Json;
import org.suanli.web.SuanliServer;
import org.suanli.web.WebConfig;

/** Each API route answers exactly what the matching CLI command prints with --json for the same input (bar wall-clock times). */
@Timeout(120)
class WebMatchesCliTest {
    static SuanliServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = SuanliServer.start(WebConfig.defaults(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return withoutWallClock(Json.mapper().readTree(out.toString()));
    }

    static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(60));
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return withoutWallClock(Json.mapper().readTree(r.body()));
    }

    private static JsonNode withoutWallClock(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("wall_s");
        }
        return n;
    }

    @Test
    void catalogRoutesMatchTheCatalogCommands() throws Exception {
        assertThat(api("GET", "/api/catalog?kind=server", null)).isEqualTo(cli("catalog", "list", "--kind", "server", "--json"));
        assertThat(api("GET", "/api/catalog/dgx-h100", null)).isEqualTo(cli("catalog", "show", "dgx-h100", "--json"));
        assertThat(api("GET", "/api/catalog/compare?ids=h100-sxm,mi300x", null))
                .isEqualTo(cli("catalog", "compare", "h100-sxm", "mi300x", "--json"));
    }

    @Test
    void classifyMatches() throws Exception {
        assertThat(api("GET", "/api/classify/h20?rule=2023-10", null)).isEqualTo(cli("classify", "h20", "--rule", "2023-10", "--json"));
    }

    @Test
    void trainMatchesTheStepTimeOfBothEngines() throws Exception {
        JsonNode web = api("POST", "/api/train", "{\"model\":\"llama3-8b\",\"server\":\"dgx-h100\",\"gpus\":16,\"tp\":2,\"pp\":2,"
                + "\"global_batch\":256,\"tokens\":\"1T\"}");
        JsonNode cli = cli("train", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "16", "--tp", "2", "--pp", "2",
                "--global-batch", "256", "--tokens", "1T", "--json");
        assertThat(web.get("step_time_s")).isEqualTo(cli.get("step_time_s"));
        assertThat(web).isEqualTo(cli);
        assertThat(api("POST", "/api/train", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"servers\":1,\"engine\":\"event\"}"))
                .isEqualTo(cli("train", "--model", "llama2-7b", "--server", "dgx-h100", "--servers", "1", "--engine", "event", "--json"));
    }

    @Test
    void inferMatchesStaticAndSimulated() throws Exception {
        assertThat(api("POST", "/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":2,\"input_len\":512,"
                + "\"output_len\":128,\"batch\":\"max\"}")).isEqualTo(cli("infer", "--model", "llama2-7b", "--server", "dgx-h100",
                "--gpus", "8", "--tp", "2", "--input-len", "512", "--output-len", "128", "--batch", "max", "--json"));
        assertThat(api("POST", "/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":8,\"input_len\":512,"
                + "\"output_len\":128,\"rate\":4,\"requests\":300}")).isEqualTo(cli("infer", "--model", "llama2-7b", "--server",
                "dgx-h100", "--gpus", "8", "--tp", "8", "--input-len", "512", "--output-len", "128", "--rate", "4", "--requests", "300",
                "--json"));
    }

    @Test
    void expertParallelInferMatches() throws Exception {
        assertThat(api("POST", "/api/infer", "{\"model\":\"deepseek-v3\",\"server\":\"hgx-h800\",\"gpus\":16,\"ep\":16,"
                + "\"two_batch_overlap\":true,\"input_len\":1000,\"output_len\":100,\"batch\":512}")).isEqualTo(cli("infer", "--model",
                "deepseek-v3", "--server", "hgx-h800", "--gpus", "16", "--ep", "16", "--two-batch-overlap", "--input-len", "1000",
                "--output-len", "100", "--batch", "512", "--json"));
    }

    @Test
    void inferMatchesWithSpeculationAndPrefixCaching() throws Exception {
        assertThat(api("POST", "/api/infer", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"gpus\":8,\"tp\":8,\"input_len\":512,"
                + "\"output_len\":128,\"batch\":\"4\",\"spec_method\":\"eagle\",\"spec_tokens\":3,\"spec_acceptance\":0.8,"
                + "\"prefix_cache_hit\":0.5}")).isEqualTo(cli("infer", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "8", "--tp", "8",
                "--input-len", "512", "--output-len", "128", "--batch", "4", "--spec-method", "eagle", "--spec-tokens", "3",
                "--spec-acceptance", "0.8", "--prefix-cache-hit", "0.5", "--json"));
    }

    @Test
    void planRoutesMatch() throws Exception {
        assertThat(api("POST", "/api/plan/train", "{\"model\":\"llama2-7b\",\"server\":[\"dgx-h100\"],\"servers\":1,\"top\":3}"))
                .isEqualTo(cli("plan", "train", "--model", "llama2-7b", "--server", "dgx-h100", "--servers", "1", "--top", "3", "--json"));
        assertThat(api("POST", "/api/plan/serve", "{\"model\":\"llama2-7b\",\"server\":\"dgx-h100\",\"rate\":2,\"ttft_p99\":2,"
                + "\"tpot_p99\":0.1,\"requests\":200,\"top\":2}")).isEqualTo(cli("plan", "serve", "--model", "llama2-7b", "--server",
                "dgx-h100", "--rate", "2", "--ttft-p99", "2", "--tpot-p99", "0.1", "--requests", "200", "--top", "2", "--json"));
    }

    @Test
    void costMatchesWithAndWithoutTheBom() throws Exception {
        assertThat(api("POST", "/api/cost", "{\"server\":\"dgx-h100\",\"servers\":4,\"days\":30,\"pue\":1.2}"))
                .isEqualTo(cli("cost", "--server", "dgx-h100", "--servers", "4", "--days", "30", "--pue", "1.2", "--json"));
        assertThat(api("POST", "/api/cost", "{\"server\":\"dgx-h100\",\"bom\":true}")).isEqualTo(cli("cost", "--server", "dgx-h100",
                "--bom", "--json"));
    }

    @Test
    void marketRoutesMatch() throws Exception {
        assertThat(api("GET", "/api/market/series", null)).isEqualTo(cli("market", "list", "--json"));
        assertThat(api("GET", "/api/market/check", null)).isEqualTo(cli("market", "check", "--json"));
        assertThat(api("GET", "/api/market/forecast-check", null)).isEqualTo(cli("market", "check", "--forecast", "--json"));
        assertThat(api("GET", "/api/market/project?series=china-ai-server-sales-usd&to=2030", null))
                .isEqualTo(cli("market", "project", "china-ai-server-sales-usd", "--to", "2030", "--json"));
        assertThat(api("GET", "/api/market/cagr?series=global-ai-server-market-usd&from=2021&to=2026", null))
                .isEqualTo(cli("market", "cagr", "global-ai-server-market-usd", "--from", "2021", "--to", "2026", "--json"));
        assertThat(api("GET", "/api/market/project?series=global-ai-server-market-usd&year=2030&cagr=20", null))
                .isEqualTo(cli("market", "project", "global-ai-server-market-usd", "--to", "2030", "--cagr", "20", "--json"));
    }

    @Test
    void marketDemandMatchesTheSameDemandAsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String demand = "{\"serving\":[{\"year\":2025,\"model\":\"llama2-7b\",\"rate\":1,\"ttft_p99\":2,\"tpot_p99\":0.1,"
                + "\"server\":\"dgx-h100\"}]}";
        java.nio.file.Path file = dir.resolve("demand.json");
        java.nio.file.Files.writeString(file, demand);
        assertThat(api("POST", "/api/market/demand", demand)).isEqualTo(cli("market", "demand", file.toString(), "--json"));
        assertThat(api("POST", "/api/market/demand?shipments=2025", demand))
                .isEqualTo(cli("market", "demand", file.toString(), "--shipments", "2025", "--json"));
    }

    @Test
    void validateMatches() throws Exception {
        assertThat(api("GET", "/api/validate?suite=nemo-h100", null)).isEqualTo(cli("validate", "--suite", "nemo-h100", "--json"));
    }
}
