package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Server;
import org.suanli.perf.CollectiveChoice;

/** The tier a training job's data-parallel group crosses on a multi-tier fabric, and the bandwidth it gets there. */
class CollectiveReportTest {
    private static final Catalog C = Catalog.builtIn();
    private static final Server SUPERPOD_2_TO_1 = C.server("dgx-h100").withFabric(C.fabric("ib-ndr-superpod").withOversubscription(2));

    private static CollectiveChoice dp(int gpus) {
        TrainingJob job = LayoutOptions.job(C.model("llama3-70b"), SUPERPOD_2_TO_1, gpus, Map.of("tp", 8), OptionalDouble.empty());
        return CollectiveReport.of(job).get("dp");
    }

    @Test
    void aDataParallelGroupOfThirtyTwoServersStaysOnTheRailLeafAtFullNicRate() {
        // tp 8 fills each DGX H100; dp 32 spans 32 servers = one scalable unit: 8 x 50 GB/s / 8 GPUs x 0.94 = 47 GB/s
        CollectiveChoice c = dp(256);
        assertThat(c.tier()).isEqualTo("rail-leaf");
        assertThat(c.busBytesPerS()).isCloseTo(47e9, within(1e3));
    }

    @Test
    void aDataParallelGroupOfSixtyFourServersCrossesTheSpineAtItsTwoToOne() {
        // dp 64 spans two scalable units: the spine built 2:1 halves the NIC share, 23.5 GB/s
        CollectiveChoice c = dp(512);
        assertThat(c.tier()).isEqualTo("spine");
        assertThat(c.busBytesPerS()).isCloseTo(23.5e9, within(1e3));
    }

    @Test
    void theTodaysOneTierFabricNamesItsTierScaleOut() {
        TrainingJob job = LayoutOptions.job(C.model("llama3-70b"), C.server("dgx-h100"), 512, Map.of("tp", 8), OptionalDouble.empty());
        assertThat(CollectiveReport.of(job).get("dp").tier()).isEqualTo("scale-out");
        assertThat(CollectiveReport.of(job).get("tp").tier()).isEqualTo("scale-up");
    }
}
