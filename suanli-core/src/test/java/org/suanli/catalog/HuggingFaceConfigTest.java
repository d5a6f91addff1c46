package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.suanli.workload.Activation;
import org.suanli.workload.Model;
import org.suanli.workload.SlidingWindow;

/** Sample config.json files (test resources hf/) import with the published parameter counts. */
class HuggingFaceConfigTest {

    private static Model load(String name) throws URISyntaxException {
        Path p = Path.of(HuggingFaceConfigTest.class.getResource("/hf/" + name).toURI());
        return ModelResolver.fromFile(p);
    }

    @Test
    void llama3With8BParametersAndGqa() throws Exception {
        Model m = load("llama3-8b-config.json");
        assertThat(m.kvHeads()).isEqualTo(8);
        assertThat(m.activation()).isEqualTo(Activation.SWIGLU);
        // Meta: 8.03 B parameters
        assertThat(m.totalParams() / 1e9).isCloseTo(8.03, within(0.03));
    }

    @Test
    void gptOssWindowsTheLayersItsLayerTypesNameSliding() throws Exception {
        // config.json: sliding_window 128, layer_types alternating "sliding_attention", "full_attention" over 36 layers
        Model m = load("gpt-oss-120b-config.json");
        assertThat(m.slidingWindow()).contains(new SlidingWindow(128, 18));
    }

    @Test
    void qwenConfigsThatTurnTheWindowOffHaveNone() throws Exception {
        // Qwen2.5-72B: sliding_window 131072 with use_sliding_window false; Qwen3: sliding_window null
        assertThat(load("qwen2.5-72b-config.json").slidingWindow()).isEmpty();
        assertThat(load("qwen3-235b-a22b-config.json").slidingWindow()).isEmpty();
    }

    @Test
    void qwen2Imports() throws Exception {
        Model m = load("qwen2.5-72b-config.json");
        assertThat(m.totalParams() / 1e9).isCloseTo(72.7, within(0.5));
    }

    @Test
    void mixtralIsAllMoeWithTopTwoOfEight() throws Exception {
        Model m = load("mixtral-8x7b-config.json");
        assertThat(m.moe().orElseThrow().experts()).isEqualTo(8);
        assertThat(m.moe().orElseThrow().topK()).isEqualTo(2);
        // Mistral AI: 46.7 B total, 12.9 B active
        assertThat(m.totalParams() / 1e9).isCloseTo(46.7, within(0.3));
        assertThat(m.activeParams() / 1e9).isCloseTo(12.9, within(0.2));
    }

    @Test
    void deepseekV3HasMlaSharedExpertAndDenseLayers() throws Exception {
        Model m = load("deepseek-v3-config.json");
        assertThat(m.mla().orElseThrow().kvLoraRank()).isEqualTo(512);
        assertThat(m.moe().orElseThrow().denseLayers()).isEqualTo(3);
        assertThat(m.moe().orElseThrow().sharedExperts()).isEqualTo(1);
        // DeepSeek-V3 report: 671 B total, 37 B activated per token (MTP module excluded)
        assertThat(m.totalParams() / 1e9).isCloseTo(671, within(5.0));
        assertThat(m.activeParams() / 1e9).isCloseTo(37, within(1.0));
    }

    @Test
    void importedModelMatchesTheCatalogEntry() throws Exception {
        Model hf = load("llama3-8b-config.json");
        Model built = Catalog.builtIn().model("llama3-8b");
        assertThat(hf.totalParams()).isEqualTo(built.totalParams());
    }
}
