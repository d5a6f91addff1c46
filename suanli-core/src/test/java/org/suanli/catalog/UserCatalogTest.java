package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.hardware.Precision;
import org.suanli.workload.Model;

class UserCatalogTest {

    @TempDir
    Path dir;

    @Test
    void userEntryWithBuiltInIdOverridesItWithANotice() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), """
                accelerators:
                  - id: h100-sxm
                    name: My derated H100
                    vendor: NVIDIA
                    country: US
                    type: GPU
                    peak: {bf16: "800 TFLOPS"}
                    memory: {type: HBM3, capacity: "80 GiB", bandwidth: "3.35 TB/s"}
                """);
        Catalog c = CatalogLoader.load(List.of(dir));
        assertThat(c.accelerator("h100-sxm").peak(Precision.BF16)).hasValue(800e12);
        assertThat(c.accelerator("h100-sxm").source()).startsWith("user file");
        assertThat(c.notices()).singleElement().asString()
                .startsWith("notice: " + dir.resolve("mine.yaml") + ":2: accelerator 'h100-sxm' overrides the built-in entry");
        // servers built on it see the user's figures
        assertThat(c.server("dgx-h100").accelerator().orElseThrow().peak(Precision.BF16)).hasValue(800e12);
    }

    @Test
    void userServerMayReferToBuiltInParts() throws Exception {
        Files.writeString(dir.resolve("servers.json"), """
                {"servers": [{"id": "my-box", "name": "My box", "vendor": "Me", "country": "DE",
                  "accelerator": "l40s", "accelerator_count": 4, "cpu": "epyc-9654", "cpu_count": 1}]}
                """);
        Catalog c = CatalogLoader.load(List.of(dir));
        assertThat(c.server("my-box").acceleratorCount()).isEqualTo(4);
        assertThat(c.notices()).isEmpty();
    }

    @Test
    void builtInCatalogIsUntouchedByAUserLoad() throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), "models:\n  - {id: tiny, name: Tiny, layers: 2, hidden: 64, ffn_hidden: 256, heads: 4, vocab: 1000}\n");
        CatalogLoader.load(List.of(dir));
        assertThat(Catalog.builtIn().find(Kind.MODEL, "tiny")).isEmpty();
    }

    @Test
    void missingDirectoryIsBadInput() {
        assertThatThrownBy(() -> CatalogLoader.load(List.of(dir.resolve("nope"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such catalog directory");
    }

    @Test
    void modelFileWithOneModelResolvesByPath() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, "id: tiny\nname: Tiny\nlayers: 2\nhidden: 64\nffn_hidden: 256\nheads: 4\nvocab: 1000\n");
        Model m = ModelResolver.resolve(Catalog.builtIn(), file.toString());
        // 2 layers x (4·64² attention + 2·64·256 GELU MLP) + 2·1000·64 untied embeddings
        assertThat(m.totalParams()).isEqualTo(2 * (4 * 64 * 64 + 2 * 64 * 256) + 2 * 1000 * 64);
    }
}
