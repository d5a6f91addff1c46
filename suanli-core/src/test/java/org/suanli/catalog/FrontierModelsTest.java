package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.workload.Model;

/**
 * The 2025 frontier models of the built-in catalog: each entry is what {@link HuggingFaceConfig} makes of the
 * model's published config.json (test resources hf/, sources in hf/SOURCES.md), and its arithmetic gives the
 * maker's published total and active parameter counts.
 */
class FrontierModelsTest {

    private static Model hf(String file) throws URISyntaxException {
        return ModelResolver.fromFile(Path.of(FrontierModelsTest.class.getResource("/hf/" + file).toURI()));
    }

    private static Model built(String id) {
        return Catalog.builtIn().model(id);
    }

    @ParameterizedTest(name = "{1} = {0}")
    @CsvSource({
            "deepseek-v3-config.json,      deepseek-r1",
            "qwen3-32b-config.json,        qwen3-32b",
            "qwen3-235b-a22b-config.json,  qwen3-235b-a22b",
            "qwen3-30b-a3b-config.json,    qwen3-30b-a3b",
            "llama4-scout-config.json,     llama4-scout",
            "llama4-maverick-config.json,  llama4-maverick",
            "gpt-oss-120b-config.json,     gpt-oss-120b",
            "gpt-oss-20b-config.json,      gpt-oss-20b",
            "mixtral-8x22b-config.json,    mixtral-8x22b"})
    void catalogEntryHasTheShapeItsConfigJsonImportsTo(String file, String id) throws Exception {
        Model h = hf(file);
        Model c = built(id);
        assertThat(c.layers()).as("layers").isEqualTo(h.layers());
        assertThat(c.hidden()).as("hidden").isEqualTo(h.hidden());
        assertThat(c.heads()).as("heads").isEqualTo(h.heads());
        assertThat(c.kvHeads()).as("kv_heads").isEqualTo(h.kvHeads());
        assertThat(c.headDim()).as("head_dim").isEqualTo(h.headDim());
        assertThat(c.vocab()).as("vocab").isEqualTo(h.vocab());
        assertThat(c.maxSeqLen()).as("max_seq_len").isEqualTo(h.maxSeqLen());
        assertThat(c.activation()).as("activation").isEqualTo(h.activation());
        assertThat(c.tiedEmbeddings()).as("tied_embeddings").isEqualTo(h.tiedEmbeddings());
        assertThat(c.moe()).as("moe").isEqualTo(h.moe());
        assertThat(c.mla()).as("mla").isEqualTo(h.mla());
        assertThat(c.slidingWindow()).as("sliding_window").isEqualTo(h.slidingWindow());
        if (c.denseLayers() > 0) {
            assertThat(c.ffnHidden()).as("ffn_hidden").isEqualTo(h.ffnHidden());
        }
        assertThat(c.totalParams()).as("total params").isEqualTo(h.totalParams());
        assertThat(c.activeParams()).as("active params").isEqualTo(h.activeParams());
    }

    /** Tolerance: 2% of the published figure (norms, biases, QK-norm and sinks are left out), as BuiltInCatalogTest. */
    @ParameterizedTest(name = "{0}: {1} B total, {2} B active")
    @CsvSource({
            // id            | published total B | published active B | source
            "deepseek-r1,      671,   37",     // DeepSeek-R1 model card (MTP module excluded)
            "qwen3-32b,        32.8,  32.8",   // Qwen3-32B model card (dense)
            "qwen3-235b-a22b,  235,   22",     // Qwen3-235B-A22B model card
            "qwen3-30b-a3b,    30.5,  3.3",    // Qwen3-30B-A3B model card
            "llama4-maverick,  400,   17",     // Llama 4 model card
            "mixtral-8x22b,    141,   39"})    // Mistral AI announcement
    void arithmeticGivesThePublishedTotalAndActiveParameters(String id, double total, double active) {
        Model m = built(id);
        assertThat(m.totalParams() / 1e9).isCloseTo(total, within(0.02 * total));
        // the active figures are printed in whole billions: 2% plus half a unit
        assertThat(m.activeParams() / 1e9).isCloseTo(active, within(0.02 * active + 0.5));
    }

    @Test
    void llama4ScoutTextModelIsThePublishedTotalLessTheVisionEncoder() {
        Model m = built("llama4-scout");
        // Meta: 109 B total with the vision encoder, 17 B active; the language model alone is ~107.8 B
        assertThat(m.totalParams() / 1e9).isCloseTo(107.8, within(0.1)).isLessThan(109);
        assertThat(m.activeParams() / 1e9).isCloseTo(17, within(0.5));
    }

    @ParameterizedTest(name = "{0}: {1} B total, {2} B active without the embedding table")
    @CsvSource({
            // OpenAI model card (arXiv 2508.10925): active counts leave out the input embedding table
            "gpt-oss-120b, 116.83, 5.13",
            "gpt-oss-20b,  20.91,  3.61"})
    void gptOssMatchesOpenAiCountsWhichLeaveOutTheEmbeddingTable(String id, double total, double active) {
        Model m = built(id);
        double embeddingTable = (double) m.vocab() * m.hidden();
        assertThat(m.totalParams() / 1e9).isCloseTo(total, within(0.01 * total));
        assertThat((m.activeParams() - embeddingTable) / 1e9).isCloseTo(active, within(0.01 * active));
    }

    @Test
    void maverickHasMoeOnEveryOtherLayerStartingWithTheSecond() {
        Model m = built("llama4-maverick");
        assertThat(m.moeLayers()).isEqualTo(24);
        assertThat(m.denseLayers()).isEqualTo(24);
        assertThat(m.isMoeLayer(0)).isFalse();
        assertThat(m.isMoeLayer(1)).isTrue();
        assertThat(m.isMoeLayer(46)).isFalse();
        assertThat(m.isMoeLayer(47)).isTrue();
    }

    @Test
    void layerStepOneKeepsEveryLayerAfterTheDenseOnesMoe() {
        Model m = built("deepseek-r1");
        assertThat(m.moeLayers()).isEqualTo(58);
        assertThat(m.isMoeLayer(2)).isFalse();
        assertThat(m.isMoeLayer(3)).isTrue();
        assertThat(m.isMoeLayer(60)).isTrue();
    }
}
