package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code suanli infer --ep}: an MoE model served with expert parallelism, as issue 13 asks for it. */
class InferExpertParallelCliTest {

    @Test
    void deepseekV3OnTwoH800ServersReportsTheAllToAllShare() throws Exception {
        CliTest.Result r = CliTest.run("infer", "--model", "deepseek-v3", "--server", "hgx-h800", "--gpus", "16", "--ep", "16",
                "--input-len", "1000", "--output-len", "100", "--batch", "512", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("ep").asInt()).isEqualTo(16);
        assertThat(j.get("attention_dp").asInt()).isEqualTo(16);
        assertThat(j.get("replicas").asInt()).isEqualTo(1);
        assertThat(j.get("gpus").asInt()).isEqualTo(16);
        // half of the expert GPUs sit in the other server: every decode step sends tokens over InfiniBand
        assertThat(j.get("decode_all_to_all_share").asDouble()).isBetween(0.01, 0.99);
        assertThat(j.get("prefill_all_to_all_share").asDouble()).isBetween(0.01, 0.99);
    }

    @Test
    void theTableNamesTheAttentionGroupsAndTheAllToAllShare() {
        CliTest.Result r = CliTest.run("infer", "--model", "deepseek-v3", "--server", "hgx-h800", "--gpus", "16", "--ep", "16",
                "--input-len", "1000", "--output-len", "100", "--batch", "512", "--two-batch-overlap");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("ep 16: 16 attention groups").contains("expert all-to-all share");
    }

    @Test
    void expertParallelismOnADenseModelIsRefusedInOneLine() {
        CliTest.Result r = CliTest.run("infer", "--model", "llama3-70b", "--server", "dgx-h100", "--gpus", "8", "--ep", "8",
                "--input-len", "100", "--output-len", "10", "--batch", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--ep").contains("no experts");
    }

    @Test
    void expertOptionsWithoutExpertParallelismAreRefused() {
        CliTest.Result r = CliTest.run("infer", "--model", "deepseek-v3", "--server", "hgx-h200", "--gpus", "8", "--tp", "8",
                "--expert-imbalance", "1.3", "--input-len", "100", "--output-len", "10", "--batch", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--expert-imbalance").contains("--ep");
    }

    @Test
    void gpusMustHoldWholeExpertParallelReplicas() {
        CliTest.Result r = CliTest.run("infer", "--model", "deepseek-v3", "--server", "hgx-h800", "--gpus", "24", "--ep", "16",
                "--input-len", "100", "--output-len", "10", "--batch", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--gpus").contains("multiple of ep x pp");
    }
}
