package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.compliance.ExportClassifier;
import org.suanli.hardware.Server;

/**
 * Parts whose vendors publish no datasheet (Cambricon MLU590, Kunlunxin P800) are listed with every figure absent: they
 * resolve and are classified, each export rule that needs a peak rate answers "indeterminate", and no model runs on them.
 */
class UnpublishedAcceleratorsTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void mlu590AndP800ResolveWithNoPeakRate() {
        for (String id : List.of("mlu590", "kunlunxin-p800")) {
            assertThat(C.accelerator(id).peakOpsPerS()).isEmpty();
            assertThat(C.accelerator(id).unpublishedForPerformance()).contains("16-bit dense peak, memory capacity, memory bandwidth");
        }
    }

    @Test
    void everyRuleThatTestsTppIsIndeterminateForThem() {
        var classifier = ExportClassifier.builtIn();
        var verdicts = classifier.classify(C.accelerator("kunlunxin-p800"), "all").rules();
        assertThat(verdicts).isNotEmpty();
        assertThat(verdicts.stream().filter(v -> v.rule().equals("2023-10")).findFirst().orElseThrow().verdict())
                .isEqualTo("indeterminate: needs a published peak rate");
    }

    @Test
    void aServerBuiltOnOneCannotBeSimulated() {
        Server s = C.server("dgx-h100").withAccelerator(C.accelerator("mlu590"));
        assertThatThrownBy(s::requireSimulatable).isInstanceOf(BadInputException.class)
                .hasMessageContaining("mlu590 has no published 16-bit dense peak");
    }

    @Test
    void omittingPeakWithoutSayingItIsUnpublishedIsStillAnError() {
        String yaml = """
                accelerators:
                  - id: quiet-gpu
                    name: Quiet GPU
                    vendor: Example
                    country: US
                    type: GPU
                    memory: {}
                """;
        assertThatThrownBy(() -> CatalogLoader.loadWith(List.of(TreeReader.read("catalog/x.yaml", yaml, false))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("peak: missing required field");
    }
}
