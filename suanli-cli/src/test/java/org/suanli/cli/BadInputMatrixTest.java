package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's bad-input matrix: for every command, inputs a hostile or careless user gives. Each case
 * must end with exit 2 (usage) or 3 (bad value), exactly one stderr line starting with "error:" that
 * contains the expected fragment, no stack trace, nothing on stdout, and no file left behind (in the
 * case's temp folder or the working directory). {@code {tmp}} in a case stands for the temp folder.
 */
class BadInputMatrixTest {
    @TempDir
    static Path tmp;

    static final String INFER = "infer --model llama3-8b --server dgx-h100 --gpus 8 --input-len 128 --output-len 64";

    @BeforeAll
    static void files() throws IOException {
        Files.writeString(tmp.resolve("empty.yaml"), "");
        Files.writeString(tmp.resolve("broken.yaml"), "id: [unclosed\n  layers: 3\n");
        Files.writeString(tmp.resolve("model.yaml"), "id: tiny\nname: Tiny\nlayers: -4\nhidden: 64\nheads: 4\n");
        Files.writeString(tmp.resolve("demand.yaml"), "training:\n  - {year: 2025, model: nosuch-model, tokens: 1T, days: 30, server: dgx-h100, count: 1}\n");
        Files.writeString(tmp.resolve("nolist.yaml"), "something: else\n");
        Files.writeString(tmp.resolve("trace.csv"), "0.0,100,10\n0.5,abc,10\n");
        Files.writeString(tmp.resolve("negative-trace.csv"), "0.0,100,10\n0.5,-5,10\n");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            big.append(i * 0.1).append(",100,10\n");
        }
        Files.writeString(tmp.resolve("long-trace.csv"), big.toString());
        Files.writeString(tmp.resolve("suite.yaml"), "name: x\nrows: 7\n");
        Files.createDirectories(tmp.resolve("a-directory"));
    }

    static Arguments c(String args, int code, String fragment) {
        return Arguments.of(args, code, fragment);
    }

    static Stream<Arguments> catalog() {
        return Stream.of(
                c("catalog lsit", 2, "did you mean list"),
                c("catalog list --kind gpu", 2, "unknown kind 'gpu'"),
                c("catalog list --json --csv", 2, "--json and --csv cannot be used together"),
                c("catalog list --knid accelerator", 2, "did you mean --kind"),
                c("catalog list --catalog {tmp}/missing-dir", 3, "missing-dir"),
                c("catalog list --catalog {tmp}/broken.yaml", 3, "broken.yaml"),
                c("catalog show h1000", 3, "did you mean"),
                // a line break in an id is echoed as an escape: the error stays one line
                c("catalog show h1\n000", 3, "'h1\\n000': unknown catalog id"),
                c("catalog show", 2, "ID"),
                c("catalog show h100-sxm --kind server", 3, "h100-sxm"),
                c("catalog show h100-sxm extra", 2, "extra"),
                c("catalog compare h100-sxm", 2, "ID"),
                c("catalog compare h100-sxm dgx-h100", 2, "expected ids of one kind"),
                c("catalog compare h100-sxm nosuch", 3, "nosuch"),
                c("catalog efficiencies --markdown --json", 2, "--markdown cannot be used with --json"));
    }

    static Stream<Arguments> classify() {
        return Stream.of(
                c("classify", 2, "ID"),
                c("classify h2O", 3, "did you mean"),
                c("classify h20 --rule 1999", 3, "--rule 1999"),
                c("classify dgx-h100", 3, "dgx-h100"),
                c("classify h20 --json --csv", 2, "cannot be used together"),
                c("clasify h20", 2, "did you mean classify"));
    }

    static Stream<Arguments> train() {
        String t = "train --model llama2-7b --server dgx-h100";
        return Stream.of(
                c("trian --model llama2-7b", 2, "did you mean train"),
                c("train --modle llama2-7b --server dgx-h100 --gpus 8", 2, "did you mean --model"),
                c(t, 2, "--servers"),
                c(t + " --gpus 8 --servers 1", 2, "mutually exclusive"),
                c(t + " --gpus 0", 3, "--gpus"),
                c(t + " --gpus -8", 3, "--gpus"),
                c(t + " --gpus 1000000000", 3, "from 1 to 1,000,000"),
                c(t + " --gpus 8.5", 2, "--gpus"),
                c(t + " --gpus eight", 2, "--gpus"),
                c(t + " --servers 268435456", 3, "--servers"),
                c(t + " --gpus 1000000", 3, "global batch"),
                c(t + " --gpus 8 --tp 0", 3, "--tp"),
                c(t + " --gpus 8 --tp 16", 3, "--tp"),
                c(t + " --gpus 8 --tp 3", 3, "does not divide"),
                c(t + " --gpus 8 --pp -1", 3, "--pp"),
                c(t + " --gpus 8 --zero 4", 3, "--zero"),
                c(t + " --gpus 8 --zero -1", 3, "--zero"),
                c(t + " --gpus 8 --micro-batch 0", 3, "--micro-batch"),
                c(t + " --gpus 8 --global-batch 0", 3, "--global-batch"),
                c(t + " --gpus 8 --seq-len 0", 3, "--seq-len"),
                c(t + " --gpus 8 --tp-overlap NaN", 3, "--tp-overlap"),
                c(t + " --gpus 8 --tp-overlap 1.5", 3, "--tp-overlap"),
                c(t + " --gpus 8 --recompute sometimes", 3, "recompute"),
                c(t + " --gpus 8 --precision fp64", 3, "precision"),
                c(t + " --gpus 8 --engine quantum", 3, "--engine"),
                c(t + " --gpus 8 --tokens lots", 3, "--tokens"),
                c(t + " --gpus 8 --tokens -2T", 3, "--tokens"),
                c(t + " --gpus 8 --tokens 1T --storage-gbps 0", 3, "--storage-gbps"),
                c(t + " --gpus 8 --tokens 1T --storage-gbps 1e9", 3, "--storage-gbps"),
                c(t + " --gpus 8 --tokens 1T --restart-min -1", 3, "--restart-min"),
                c(t + " --gpus 8 --tokens 1T --restart-min NaN", 3, "--restart-min"),
                c(t + " --gpus 8 --storage-gbps 2", 2, "need --tokens"),
                c(t + " --gpus 8 --tokens 1T --monte-carlo 0", 3, "--monte-carlo"),
                c(t + " --gpus 8 --tokens 1T --monte-carlo 100001", 3, "--monte-carlo"),
                c(t + " --gpus 8 --tokens 1T --monte-carlo many", 2, "--monte-carlo"),
                c(t + " --gpus 8 --tokens 1T --monte-carlo 10 --seed -1", 3, "--seed"),
                c(t + " --gpus 8 --monte-carlo 10", 2, "--monte-carlo needs --tokens"),
                c(t + " --gpus 8 --tokens 1T --seed 3", 2, "--seed needs --monte-carlo"),
                c(t + " --gpus 8 --tokens 100000T --monte-carlo 100000", 3, "monte carlo"),
                c(t + " --gpus 8 --trace {tmp}/t.json", 2, "--trace needs --engine event"),
                c(t + " --gpus 8 --framework megatorn", 3, "did you mean"),
                c("train --model llama2-7bb --server dgx-h100 --gpus 8", 3, "did you mean"),
                c("train --model llama2-7b --server general-2s-spr --gpus 8", 3, "accelerators"),
                c("train --model {tmp}/broken.yaml --server dgx-h100 --gpus 8", 3, "broken.yaml"),
                c("train --model {tmp}/empty.yaml --server dgx-h100 --gpus 8", 3, "empty.yaml"),
                c("train --model {tmp}/model.yaml --server dgx-h100 --gpus 8", 3, "model.yaml"),
                c("train --model {tmp}/a-directory --server dgx-h100 --gpus 8", 3, "a-directory"));
    }

    static Stream<Arguments> infer() {
        return Stream.of(
                c("infer --model llama3-8b --server dgx-h100 --gpus 8 --input-len 128 --output-len 64", 2, "--batch"),
                c(INFER + " --batch 4 --rate 1", 2, "mutually exclusive"),
                c(INFER + " --batch 0", 3, "--batch"),
                c(INFER + " --batch lots", 3, "--batch"),
                c("infer --model llama3-8b --server dgx-h100 --gpus 0 --input-len 128 --output-len 64 --batch 4", 3, "--gpus"),
                c(INFER + " --batch 4 --tp 3", 3, "--gpus"),
                c(INFER + " --batch 4 --tp 0", 3, "--tp"),
                c("infer --model llama3-8b --server dgx-h100 --gpus 8 --input-len 0 --output-len 64 --batch 4", 3, "--input-len"),
                c("infer --model llama3-8b --server dgx-h100 --gpus 8 --input-len 1000000 --output-len 64 --batch 4", 3, "context"),
                c("infer --model llama3-8b --server dgx-h100 --gpus 8 --input-len 128 --output-len -1 --batch 4", 3, "--output-len"),
                c(INFER + " --batch 4 --precision fp64", 3, "--precision"),
                c(INFER + " --batch 4 --kv-precision int2", 3, "--kv-precision"),
                c(INFER + " --batch 4 --runtime vllm-9", 3, "did you mean"),
                c(INFER + " --rate 0", 3, "--rate"),
                c(INFER + " --rate -1", 3, "--rate"),
                c(INFER + " --rate NaN", 3, "--rate"),
                c(INFER + " --rate Infinity", 3, "--rate"),
                c(INFER + " --rate 1e300", 3, "--rate"),
                c(INFER + " --rate fast", 2, "--rate"),
                c(INFER + " --rate 1 --ttft-slo -1", 3, "--ttft-slo"),
                c(INFER + " --rate 1 --tpot-slo 0", 3, "--tpot-slo"),
                c(INFER + " --rate 1 --tpot-slo Infinity", 3, "--tpot-slo"),
                c(INFER + " --rate 1 --arrivals gamma --cv 0", 3, "--cv"),
                c(INFER + " --rate 1 --arrivals gamma --cv -2", 3, "--cv"),
                c(INFER + " --rate 1 --arrivals weibull", 3, "--arrivals"),
                c(INFER + " --rate 1 --lengths zipf", 3, "zipf"),
                c(INFER + " --rate 1 --requests 0", 3, "--requests"),
                c(INFER + " --rate 1000 --requests 100000000", 3, "--max-requests"),
                c(INFER + " --rate 1 --requests 10 --max-requests 0", 3, "--max-requests"),
                c(INFER + " --rate 1 --max-seqs 0", 3, "--max-seqs"),
                c(INFER + " --rate 1 --token-budget -5", 3, "--token-budget"),
                c(INFER + " --rate 1 --disaggregate 8", 3, "--disaggregate"),
                c(INFER + " --rate 1 --disaggregate -1", 3, "--disaggregate"),
                c(INFER + " --rate 1 --preemption panic", 3, "--preemption"),
                c(INFER + " --offline --requests -3", 3, "--requests"),
                c(INFER + " --trace-file {tmp}/missing.csv", 3, "missing.csv"),
                c(INFER + " --trace-file {tmp}/trace.csv", 3, "trace.csv"),
                c(INFER + " --trace-file {tmp}/negative-trace.csv", 3, "negative-trace.csv"),
                c(INFER + " --trace-file {tmp}/long-trace.csv --max-trace-rows 5", 3, "--max-trace-rows"),
                c(INFER + " --trace-file {tmp}/a-directory", 3, "a-directory"),
                c("infer --model llama3-8b --server general-2s-spr --gpus 8 --input-len 128 --output-len 64 --batch 1", 3, "accelerators"));
    }

    static Stream<Arguments> planTrain() {
        String p = "plan train --model llama3-8b --server dgx-h100";
        return Stream.of(
                c("plan trian --model llama3-8b --servers 1", 2, "did you mean train"),
                c(p, 2, "--servers"),
                c(p + " --servers 0", 3, "--servers"),
                c(p + " --servers 100000", 3, "--servers"),
                c(p + " --days 30", 2, "need --tokens"),
                c(p + " --tokens 1T --days 0", 3, "--days"),
                c(p + " --tokens 1T --days NaN", 3, "--days"),
                c(p + " --tokens 1T --days Infinity", 3, "--days"),
                c(p + " --tokens 1T --budget -5", 3, "--budget"),
                c(p + " --tokens 1T --budget free", 3, "--budget"),
                c(p + " --servers 1 --top 0", 3, "--top"),
                c(p + " --servers 1 --objective speed", 3, "--objective"),
                c(p + " --servers 1 --space huge", 3, "--space huge"),
                c(p + " --servers 1 --precision fp64", 3, "--precision"),
                c(p + " --servers 1 --seq-len 0", 3, "--seq-len"),
                c(p + " --servers 1 --global-batch -1", 3, "--global-batch"),
                c(p + " --tokens 1T --days 30 --max-servers 2147483647", 3, "--max-servers"),
                c(p + " --tokens 1T --days 30 --max-candidates 10", 3, "--max-candidates"),
                c(p + " --servers 1 --pue 0.5", 3, "--pue"),
                c(p + " --servers 1 --storage-gbps 2", 2, "need --tokens"),
                c(p + " --servers 1 --tokens 1T --storage-gbps 0", 3, "--storage-gbps"),
                c(p + " --servers 1 --tokens 1T --restart-min -1", 3, "--restart-min"),
                c(p + " --servers 1 --years 0", 3, "--years"),
                c(p + " --servers 1 --utilisation 2", 3, "--utilisation"),
                c("plan train --model llama3-8b --server general-2s-spr --servers 1", 3, "accelerators"),
                c("plan train --model nosuch --servers 1", 3, "nosuch"));
    }

    static Stream<Arguments> planServe() {
        String p = "plan serve --model llama3-8b --server dgx-h100";
        return Stream.of(
                c(p + " --rate 1 --ttft-p99 1", 2, "--tpot-p99"),
                c(p + " --rate 0 --ttft-p99 1 --tpot-p99 0.1", 3, "--rate"),
                c(p + " --rate Infinity --ttft-p99 1 --tpot-p99 0.1", 3, "--rate"),
                c(p + " --rate 1 --ttft-p99 -1 --tpot-p99 0.1", 3, "--ttft-p99"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 NaN", 3, "--tpot-p99"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --input-len 0", 3, "--input-len"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --requests 0", 3, "--requests"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --requests 100000000", 3, "--max-requests"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --top 0", 3, "--top"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --lengths zipf", 3, "zipf"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --runtime vllm-9", 3, "did you mean"),
                c(p + " --rate 1 --ttft-p99 1 --tpot-p99 0.1 --usd-per-kwh -1", 3, "--usd-per-kwh"),
                c("plan serve --model llama3-8b --server dgx-h1000 --rate 1 --ttft-p99 1 --tpot-p99 0.1", 3, "did you mean"),
                c("plan serve --model llama3-8b --server general-2s-spr --rate 1 --ttft-p99 1 --tpot-p99 0.1", 3, "accelerators"));
    }

    static Stream<Arguments> cost() {
        String s = "cost --server dgx-h100";
        return Stream.of(
                c("cost", 2, "--server"),
                c("cost --server dgx-h1000", 3, "did you mean"),
                c(s + " --servers 268435456", 3, "--servers"),
                c(s + " --servers 0", 3, "--servers"),
                c(s + " --servers 2.5", 2, "--servers"),
                c(s + " --days Infinity", 3, "--days"),
                c(s + " --days NaN", 3, "--days"),
                c(s + " --days -1", 3, "--days"),
                c(s + " --days 1e9", 3, "--days"),
                c(s + " --years 0", 3, "--years"),
                c(s + " --years Infinity", 3, "--years"),
                c(s + " --pue 0.9", 3, "--pue"),
                c(s + " --pue NaN", 3, "--pue"),
                c(s + " --usd-per-kwh -0.1", 3, "--usd-per-kwh"),
                c(s + " --utilisation 0", 3, "--utilisation"),
                c(s + " --usd-per-port lots", 3, "--usd-per-port"),
                c(s + " --usd-per-port 1e12", 3, "--usd-per-port"),
                c(s + " --usd-per-gpu-hour -2", 3, "--usd-per-gpu-hour"),
                c(s + " --usd-per-gpu-hour '2 EUR'", 3, "--usd-per-gpu-hour"),
                c(s + " --bom --rule 1999", 3, "1999"),
                c("cost --server hgx-h800 --bom --accelerator-usd 0", 3, "--accelerator-usd"),
                c(s + " --json --csv", 2, "cannot be used together"));
    }

    static Stream<Arguments> market() {
        return Stream.of(
                c("market lsit", 2, "did you mean list"),
                c("market list --cvs", 2, "did you mean --csv"),
                c("market series", 2, "unknown command 'series'"),
                c("market cagr", 2, "SERIES"),
                c("market cagr glbal-ai-server-market-usd", 3, "did you mean"),
                c("market cagr global-ai-server-market-usd --from 1800", 3, "1800"),
                c("market cagr global-ai-server-market-usd --from 2026 --to 2021", 3, "2026"),
                c("market cagr global-ai-server-market-usd --from twenty", 2, "--from"),
                c("market check --json --csv", 2, "cannot be used together"),
                c("market check extra", 2, "extra"),
                c("market project china-ai-server-sales-usd", 2, "--to"),
                c("market project china-ai-server-sales-usd --to 99999", 3, "99999"),
                c("market project china-ai-server-sales-usd --to 1000", 3, "1000"),
                c("market project china-ai-server-sales-usd --to 2030 --cagr NaN", 3, "--cagr"),
                c("market project china-ai-server-sales-usd --to 2030 --cagr -100", 3, "--cagr"),
                c("market project china-ai-server-sales-usd --to 2030 --cagr 1e6", 3, "--cagr"),
                c("market project nosuch --to 2030", 3, "nosuch"),
                c("market demand", 2, "FILE"),
                c("market demand {tmp}/missing.yaml", 3, "missing.yaml"),
                c("market demand {tmp}/empty.yaml", 3, "empty.yaml"),
                c("market demand {tmp}/broken.yaml", 3, "broken.yaml"),
                c("market demand {tmp}/nolist.yaml", 3, "nolist.yaml"),
                c("market demand {tmp}/demand.yaml", 3, "nosuch-model"),
                c("market demand {tmp}/a-directory", 3, "a-directory"));
    }

    static Stream<Arguments> validate() {
        return Stream.of(
                c("validate --suite nope", 3, "unknown suite"),
                c("validate --suite {tmp}/missing.yaml", 3, "missing.yaml"),
                c("validate --markdown --json", 2, "--markdown cannot be used"),
                c("validate --write-envelope {tmp}/env.yaml --json", 2, "--write-envelope"),
                c("validate --write-envelope {tmp}/no-folder/env.yaml", 3, "no-folder"),
                c("validate --write-envelope {tmp}/a-directory", 3, "a-directory"),
                c("validate --suiet all", 2, "did you mean --suite"));
    }

    static Stream<Arguments> calibrate() {
        String c = "calibrate --suite megatron-2021 --family nvidia-ampere --preset megatron-2021";
        return Stream.of(
                c("calibrate --suite megatron-2021 --family nvidia-ampere", 2, "--preset"),
                c(c + " --constant magic", 2, "--constant"),
                c("calibrate --suite nope --family nvidia-ampere --preset megatron-2021", 3, "unknown suite"),
                c("calibrate --suite megatron-2021 --family nvidia-amper --preset megatron-2021", 3, "did you mean"),
                c("calibrate --suite megatron-2021 --family nvidia-ampere --preset megatorn", 3, "did you mean"),
                c(c + " --json --csv", 2, "cannot be used together"));
    }

    static Stream<Arguments> demo() {
        return Stream.of(
                c("demo --csv", 2, "--csv"),
                c("demo --json --csv", 2, "cannot be used together"),
                c("demo extra", 2, "extra"),
                c("demo --catalog {tmp}/broken.yaml", 3, "broken.yaml"),
                c("demmo", 2, "did you mean demo"));
    }

    /** Malformed files whose readers another part of issue 11 makes strict: today they name the file but leak a Java exception name. */
    static Stream<Arguments> strictReaders() {
        return Stream.of(
                c("validate --suite {tmp}/suite.yaml", 3, "suite.yaml"),
                c("calibrate --suite {tmp}/suite.yaml --family nvidia-ampere --preset megatron-2021", 3, "suite.yaml"));
    }

    @ParameterizedTest(name = "strict readers: {0}")
    @MethodSource("strictReaders")
    void malformedSuiteFilesAreRefusedInOneLine(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "catalog: {0}")
    @MethodSource("catalog")
    void catalogRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "classify: {0}")
    @MethodSource("classify")
    void classifyRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "train: {0}")
    @MethodSource("train")
    void trainRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "infer: {0}")
    @MethodSource("infer")
    void inferRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "plan train: {0}")
    @MethodSource("planTrain")
    void planTrainRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "plan serve: {0}")
    @MethodSource("planServe")
    void planServeRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "cost: {0}")
    @MethodSource("cost")
    void costRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "market: {0}")
    @MethodSource("market")
    void marketRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "validate: {0}")
    @MethodSource("validate")
    void validateRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "calibrate: {0}")
    @MethodSource("calibrate")
    void calibrateRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    @ParameterizedTest(name = "demo: {0}")
    @MethodSource("demo")
    void demoRefuses(String args, int code, String fragment) throws IOException {
        assertRefused(args, code, fragment);
    }

    private static void assertRefused(String args, int code, String fragment) throws IOException {
        List<String> before = listing(tmp);
        List<String> cwdBefore = listing(Path.of("."));
        CliTest.Result r = CliTest.run(split(args.replace("{tmp}", tmp.toString())));
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(fragment).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(listing(tmp)).as("files in the temp folder").isEqualTo(before);
        assertThat(listing(Path.of("."))).as("files in the working directory").isEqualTo(cwdBefore);
    }

    /** Splits on spaces, keeping a 'quoted phrase' as one argument. */
    private static String[] split(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : args.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
            } else if (ch == ' ' && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(ch);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out.toArray(String[]::new);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.map(p -> dir.relativize(p).toString()).filter(p -> !p.startsWith("target")).sorted().toList();
        }
    }

}
