package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Issue 11's answers that are not refusals: help, debug, honest figures, formats. */
class HardeningCliTest {

    static Stream<String> everyCommand() {
        List<String> out = new ArrayList<>();
        walk(Main.commandLine(new String[0]), "", out);
        return out.stream();
    }

    private static void walk(CommandLine cl, String prefix, List<String> out) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                out.add((prefix + " " + name).strip());
                walk(sub, prefix + " " + name, out);
            }
        });
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("everyCommand")
    void helpPrintsWithoutPicocliWarnings(String command) {
        String[] args = (command + " --help").split(" ");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("Usage: suanli " + command).doesNotContain("WARN");
    }

    @Test
    void debugOnASubcommandPrintsTheStackTraceThenTheLine() {
        CliTest.Result r = CliTest.run("catalog", "show", "nosuch-id", "--debug");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("\tat ");
        assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("error: ");
    }

    @Test
    void aMisspeltCommandGetsDidYouMean() {
        CliTest.Result r = CliTest.run("trian");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'trian'").contains("did you mean train");
    }

    @Test
    void aModelNameNoPathCanHoldIsAnUnknownIdNotACrash() {
        // a NUL byte cannot be in a file name (InvalidPathException): the name can only be meant as a catalog id
        CliTest.Result r = CliTest.run("train", "--model", "\u0000 ", "--server", "dgx-h100", "--gpus", "8", "--seq-len", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unknown model id").doesNotContain("internal");
    }

    @Test
    void catalogShowPrintsEntriesWithLongSources() {
        assertThat(CliTest.run("catalog", "show", "xeon-8592").code()).isZero();
        assertThat(CliTest.run("catalog", "show", "xeon-8358").code()).isZero();
    }

    @Test
    void costOfAMillionServersHasAPositivePricePerGpuHour() throws Exception {
        JsonNode j = CliTest.run("cost", "--server", "dgx-h100", "--servers", "1000000", "--json").json();
        assertThat(j.get("usd_per_gpu_hour").asDouble()).isPositive().isLessThan(100);
    }

    @Test
    void powerFromAnUnpublishedTdpIsLabelledAnAssumption() throws Exception {
        JsonNode j = CliTest.run("cost", "--server", "hgx-h800", "--json").json();
        assertThat(j.get("kw_basis").asText()).isEqualTo("assumed");
        assertThat(j.get("kw_rule").asText()).contains("h800-sxm TDP not published");
        assertThat(CliTest.run("cost", "--server", "hgx-h800").out()).contains("(assumed)").contains("TDP not published");
    }

    @Test
    void publishedSystemPowerIsMarkedPublished() throws Exception {
        assertThat(CliTest.run("cost", "--server", "dgx-h100", "--json").json().get("kw_basis").asText()).isEqualTo("published");
    }

    @Test
    void aRaisedDefaultBatchIsSaid() throws Exception {
        CliTest.Result r = CliTest.run("train", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "4096");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("note: global batch raised to 4,096 sequences");
        JsonNode j = CliTest.run("train", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "4096", "--json").json();
        assertThat(j.get("global_batch_basis").asText()).isEqualTo("raised");
        assertThat(CliTest.run("train", "--model", "llama2-7b", "--server", "dgx-h100", "--gpus", "8", "--json").json()
                .get("global_batch_basis").asText()).isEqualTo("default");
    }

    @Test
    void planOnFixedServersWithoutTokensShowsNoCost() {
        CliTest.Result r = CliTest.run("plan", "train", "--model", "llama3-8b", "--server", "dgx-h100", "--servers", "4", "--top", "3");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cost and energy need --tokens").contains("needs --tokens").doesNotContain(" $0 ");
    }

    @Test
    void demoAsJsonIsJson() throws Exception {
        JsonNode j = CliTest.run("demo", "--json").json();
        assertThat(j.get("servers")).hasSize(DemoCommand.SERVERS.size());
        assertThat(j.get("export_control")).hasSize(DemoCommand.CHIPS.size());
    }

    @Test
    void demoStoryQuotesTheClassifiersFigures() {
        String out = CliTest.run("demo").out();
        String h20 = CliTest.run("classify", "h20").out();
        assertThat(out).contains("I/O >= 600 GB/s AND TPP >= 4800").contains("TPP 2368 / PD 2.909");
        assertThat(h20).contains("2368").contains("2.909");
    }

    @Test
    void simulatedInferAsCsvIsOnlyCsv() {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-8b", "--server", "dgx-h100", "--gpus", "8", "--input-len", "100",
                "--output-len", "100", "--rate", "1", "--requests", "10", "--csv");
        assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo("latency,p50,p90,p99,mean");
    }

    @Test
    void validateAsCsvHasOneRowPerValidationRow() {
        CliTest.Result r = CliTest.run("validate", "--suite", "megatron-2021", "--csv");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("suite,row,family");
        assertThat(r.out().lines().skip(1)).allMatch(l -> l.startsWith("megatron-2021,"));
    }
}
