package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rack and pod entries whose scale-up domain spans servers run through the CLI as any server does. */
class RackCliTest {

    @Test
    void compareGb200Nvl72WithDgxB200AndDgxH100ShowsEachDomain() {
        CliTest.Result r = CliTest.run("catalog", "compare", "gb200-nvl72", "dgx-b200", "dgx-h100");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("scale-up domain \\(accelerators\\) +72 +8 +8");
    }

    @ParameterizedTest
    @CsvSource({
        "gb200-nvl72, 64, 16",
        "gb300-nvl72, 72, 8",
        "trn2-ultraserver, 64, 16",
        "tpu-v5e-256, 256, 8",
        "tpu-v5p-pod, 512, 8",
        "tpu-v6e-256, 256, 8",
        "cloudmatrix-384, 384, 8"})
    void trainRunsOnEachRackAndPod(String server, String gpus, String tp) {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-70b", "--server", server, "--gpus", gpus, "--tp", tp,
                "--seq-len", "4096");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void inferWithTp16InsideAnNvl72Rack() {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-70b", "--server", "gb200-nvl72", "--tp", "16", "--gpus", "16",
                "--input-len", "1024", "--output-len", "256", "--batch", "32");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void trainRefusesTpGroupsThatStraddleRacksInOneLine() {
        CliTest.Result r = CliTest.run("train", "--model", "llama3-70b", "--server", "gb200-nvl72", "--gpus", "144", "--tp", "16",
                "--global-batch", "576");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: layout: tp 16, cp 1, ep 1 with 72 of the job's accelerators per gb200-nvl72 domain");
    }

    @Test
    void planTrainOnOneRackAlsoTriesSixtyFourGpus() {
        // 72 GPUs give dp a factor 9 that a power-of-two batch cannot take; 64 of them (16 trays) is what published runs use
        CliTest.Result r = CliTest.run("plan", "train", "--model", "llama3-70b", "--server", "gb200-nvl72", "--servers", "1",
                "--seq-len", "4096", "--global-batch", "512", "--top", "3", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"gpus\" : 64");
    }
}
