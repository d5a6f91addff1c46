package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.report.Json;

/** End-to-end: the CLI as a user runs it, through {@link Main#run}. */
class CliTest {

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Result r, int code) {
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void listAcceleratorsAsJsonHasEveryRequiredId() throws Exception {
        Result r = run("catalog", "list", "--kind", "accelerator", "--json");
        assertThat(r.code()).isZero();
        List<String> ids = new ArrayList<>();
        r.json().get("entries").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).contains("v100-sxm2-32gb", "a100-sxm-40gb", "a100-sxm-80gb", "a800-sxm-80gb", "h100-sxm", "h100-pcie",
                "h800-sxm", "h20", "h200-sxm", "b200", "l40s", "l20", "mi250x", "mi300x", "mi325x", "gaudi2", "gaudi3",
                "tpu-v4", "tpu-v5e", "tpu-v5p", "ascend-310", "ascend-910", "ascend-910b", "ascend-910c", "mlu370", "mlu290",
                "mlu270", "hanguang-800", "tiangai-100", "yunsui-t20", "mtt-s3000", "br100p", "br104p", "hygon-dcu");
        assertThat(r.json().get("entries").get(0).get("kind").asText()).isEqualTo("accelerator");
    }

    @Test
    void showMlu370PrintsTheSeedFiguresAndSource() {
        Result r = run("catalog", "show", "mlu370");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("96 TFLOPS").contains("256 TOPS").contains("24 GiB").contains("307.2 GB/s")
                .contains("150 W").contains("浙商证券").contains("not published");
    }

    @Test
    void showAsJsonMarksUnpublishedFiguresNull() throws Exception {
        JsonNode j = run("catalog", "show", "mlu370", "--json").json();
        assertThat(j.get("peak_fp16_tflops").asDouble()).isEqualTo(96);
        assertThat(j.get("peak_fp8_tflops").isNull()).isTrue();
        assertThat(j.get("not_published").toString()).contains("peak_fp8_tflops");
    }

    @Test
    void compareShowsDerivedColumns() {
        Result r = run("catalog", "compare", "h100-sxm", "h800-sxm", "h20");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("roofline ridge point").contains("TFLOPS per watt").contains("h20");
    }

    @Test
    void compareAsCsvHasOneRowPerEntry() {
        Result r = run("catalog", "compare", "dgx-h100", "general-2s-spr", "--csv");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("id,name,vendor");
    }

    @Test
    void compareAcrossKindsIsAUsageError() {
        assertOneLineError(run("catalog", "compare", "h100-sxm", "dgx-h100"), 2);
    }

    @Test
    void aFamilyWithoutARuntimeFitShowsWhatItTakesInstead() throws Exception {
        // the H200 family has no serving fit of its own: it takes TensorRT-LLM 0.8's layer overhead fitted on the H100
        JsonNode h200 = run("catalog", "show", "nvidia-hopper-h200", "--json").json();
        JsonNode h100 = run("catalog", "show", "nvidia-hopper", "--json").json();
        assertThat(h200.get("transferred_runtime").get("tensorrt-llm-0.8").get("layer_overhead").asDouble())
                .isEqualTo(h100.get("fitted").get("tensorrt-llm-0.8").get("layer_overhead").asDouble());
        assertThat(h100.get("transferred_runtime").size()).isZero();
    }

    @Test
    void unknownIdIsOneLineWithSuggestions() {
        Result r = run("catalog", "show", "h100");
        assertOneLineError(r, 3);
        assertThat(r.err()).contains("h100-sxm");
    }

    @Test
    void classifyJsonFollowsTheContract() throws Exception {
        JsonNode j = run("classify", "h20", "--json").json();
        assertThat(j.get("id").asText()).isEqualTo("h20");
        assertThat(j.get("tpp").asDouble()).isEqualTo(2368);
        assertThat(j.get("tpp_precision").asText()).isEqualTo("bf16");
        assertThat(j.get("performance_density").asDouble()).isEqualTo(2.91);
        JsonNode first = j.get("rules").get(0);
        assertThat(first.has("rule") && first.has("verdict") && first.has("clause") && first.has("reason")).isTrue();
        assertThat(j.get("rules")).hasSize(5);
    }

    @Test
    void classifyOneRule() throws Exception {
        JsonNode j = run("classify", "a800-sxm-80gb", "--rule", "2022-10", "--json").json();
        assertThat(j.get("rules")).hasSize(1);
        assertThat(j.get("rules").get(0).get("verdict").asText()).isEqualTo("not controlled");
    }

    @Test
    void unknownRuleIsBadInput() {
        assertOneLineError(run("classify", "h20", "--rule", "2019-01"), 3);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneLineError(run("catalog", "list", "--colour"), 2);
    }

    @Test
    void jsonAndCsvTogetherIsAUsageError() {
        assertOneLineError(run("catalog", "list", "--json", "--csv"), 2);
    }

    @Test
    void malformedUserCatalogIsOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "accelerators:\n  - id: x\n    memory: {bandwidth: \"3.35 TB\"}\n");
        Result r = run("catalog", "list", "--catalog", dir.toString());
        assertOneLineError(r, 3);
        assertThat(r.err()).contains(dir.resolve("bad.yaml") + ":");
    }

    @Test
    void userOverrideIsNoticedOnStderr(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), """
                fabrics:
                  - {id: ib-ndr, name: My NDR, technology: infiniband, port_rate: "400 Gb/s"}
                """);
        Result r = run("catalog", "show", "ib-ndr", "--catalog", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("overrides the built-in entry");
        assertThat(r.out()).contains("My NDR");
    }

    @Test
    void demoRunsOnBuiltInData() {
        Result r = run("demo");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("nf5688m6").contains("controlled").contains("3A090.a").contains("$268,495");
    }

    @Test
    void helpWorksForEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"catalog", "--help"},
                new String[] {"catalog", "compare", "--help"}, new String[] {"classify", "--help"}, new String[] {"demo", "--help"})) {
            Result r = run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage:");
        }
    }
}
