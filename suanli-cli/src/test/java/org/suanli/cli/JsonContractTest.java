package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON contract: every command's {@code --json} output, field names, field order and values, byte for byte
 * against golden files in {@code src/test/resources/json-contract/}. Outside scripts read these names, so a change here is a
 * change of the contract: regenerate the files only on purpose, with {@code -Dsuanli.jsonContract.update=true}, and review
 * the diff. Only the planner's wall-clock time and temporary paths are masked.
 */
class JsonContractTest {
    private static final Path GOLDEN = Path.of("src/test/resources/json-contract");
    private static final String TMP = "<tmp>";

    static Stream<Arguments> invocations() {
        return Stream.of(
                c("train-analytic", "train --model llama3-8b --server dgx-h100 --gpus 8 --tp 2"),
                c("train-analytic-tokens", "train --model llama3-70b --server dgx-h100 --servers 2 --tp 4 --pp 2 --tokens 1T --recompute selective"),
                c("train-event-trace", "train --model llama3-8b --server dgx-h100 --gpus 16 --tp 2 --pp 2 --engine event --tokens 1T --trace "
                        + TMP + "/trace.json"),
                c("train-monte-carlo", "train --model llama3-70b --server dgx-h100 --servers 2 --tp 4 --pp 2 --tokens 1T --monte-carlo 100 "
                        + "--seed 7"),
                c("infer-static", "infer --model llama3-8b --server dgx-h100 --gpus 2 --input-len 1024 --output-len 256 --batch 8"),
                c("infer-simulated", "infer --model llama3-8b --server dgx-h100 --gpus 1 --input-len 512 --output-len 128 --rate 5 "
                        + "--requests 100 --ttft-slo 1 --tpot-slo 0.05"),
                c("infer-offline", "infer --model llama3-8b --server dgx-h100 --gpus 1 --input-len 512 --output-len 128 --offline --requests 50"),
                c("plan-train-servers", "plan train --model llama3-8b --servers 1 --server dgx-h100 --server atlas-800t-a2 --top 3 --precision bf16"),
                c("plan-train-days", "plan train --model llama3-8b --tokens 100B --days 20 --server dgx-h100 --top 2 --max-servers 4 --precision bf16"),
                c("plan-train-budget", "plan train --model llama3-8b --tokens 10B --budget 50000 --server dgx-h100 --top 2 --max-servers 2 "
                        + "--precision bf16"),
                c("plan-serve", "plan serve --model llama3-8b --rate 2 --ttft-p99 2 --tpot-p99 0.1 --server dgx-h100 --requests 100 --top 2"),
                c("plan-serve-every-server", "plan serve --model llama3-8b --rate 1 --ttft-p99 2 --tpot-p99 0.1 --requests 50 --top 3"),
                c("cost", "cost --server dgx-h100 --servers 4 --days 30"),
                c("cost-no-price", "cost --server dgx-b300"),
                c("cost-bom", "cost --server dgx-h100 --bom"),
                c("classify-h20", "classify h20"),
                c("classify-mlu370-one-rule", "classify mlu370 --rule 2023-10"),
                c("catalog-list-fabrics", "catalog list --kind fabric"),
                c("catalog-show-accelerator", "catalog show h100-sxm"),
                c("catalog-show-server", "catalog show dgx-h100"),
                c("catalog-show-cpu", "catalog show epyc-9654"),
                c("catalog-show-link", "catalog show pcie4-x16"),
                c("catalog-show-fabric", "catalog show ib-hdr"),
                c("catalog-show-model", "catalog show deepseek-v3"),
                c("catalog-show-efficiency", "catalog show nvidia-ampere"),
                c("catalog-show-framework", "catalog show megatron-2021"),
                c("catalog-show-runtime", "catalog show vllm-0.8"),
                c("catalog-compare", "catalog compare h100-sxm h20"),
                c("catalog-efficiencies", "catalog efficiencies"),
                c("market-list", "market list"),
                c("market-cagr", "market cagr global-ai-server-market-usd"),
                c("market-check", "market check"),
                c("market-check-forecast", "market check --forecast"),
                c("market-project-implied", "market project china-ai-server-sales-usd --to 2030"),
                c("market-project-given", "market project global-ai-server-market-usd --to 2028 --cagr 20"),
                c("market-demand", "market demand src/test/resources/json-contract/demand.yaml"),
                c("market-demand-shipments", "market demand src/test/resources/json-contract/demand.yaml --shipments 2025"),
                c("validate", "validate --suite megatron-2021"),
                c("validate-not-expressible", "validate --suite src/test/resources/json-contract/suite.yaml"),
                c("calibrate", "calibrate --suite megatron-2021 --family nvidia-ampere --preset megatron-2021"));
    }

    private static Arguments c(String name, String args) {
        return Arguments.of(name, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invocations")
    void jsonOutputMatchesTheGoldenContract(String name, String args, @TempDir Path tmp) throws Exception {
        List<String> argv = new ArrayList<>();
        for (String a : args.split(" ")) {
            argv.add(a.replace(TMP, tmp.toString()));
        }
        argv.add("--json");
        CliTest.Result r = CliTest.run(argv.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        String actual = r.out().replace(tmp.toString(), TMP).replaceAll("\"wall_s\" : [0-9.eE+-]+", "\"wall_s\" : \"<masked>\"");
        Path golden = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("suanli.jsonContract.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file of " + name).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
