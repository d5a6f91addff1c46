package org.suanli.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A sliding window limits the keys each query attends to on the layers that use it. */
class SlidingWindowTest {

    private static Model gptOss120bShape(Optional<SlidingWindow> window) {
        return new Model("t", "t", 36, 2880, 0, 64, 8, 64, 201088, 131072, Activation.SWIGLU, false,
                Optional.of(new Moe(128, 4, 0, 2880, 0)), Optional.empty(), OptionalDouble.empty(), false, "test", "", 0, window);
    }

    @Test
    void aWindowShorterThanTheSequenceAveragesItsWidthLessTheRampAtTheStart() {
        // W = 128, s = 4096: 128 - 128 x 127 / (2 x 4096) = 128 - 1.984375 = 126.015625 keys per query
        assertThat(new SlidingWindow(128, 18).keysPerQuery(4096)).isEqualTo(126.015625);
    }

    @Test
    void aWindowAsLongAsTheSequenceIsFullCausalAttention() {
        // every query sees all earlier keys: s/2 on average, as a full layer
        assertThat(new SlidingWindow(4096, 1).keysPerQuery(4096)).isEqualTo(2048.0);
        assertThat(new SlidingWindow(8192, 1).keysPerQuery(4096)).isEqualTo(2048.0);
    }

    @Test
    void gptOssAveragesItsEighteenWindowedAndEighteenFullLayers() {
        // (18 x 2048 + 18 x 126.015625) / 36 = 1087.0078125 keys per query
        Model m = gptOss120bShape(Optional.of(new SlidingWindow(128, 18)));
        assertThat(m.attendedKeysPerQuery(4096)).isEqualTo(1087.0078125);
        assertThat(gptOss120bShape(Optional.empty()).attendedKeysPerQuery(4096)).isEqualTo(2048.0);
    }

    @Test
    void moreWindowedLayersThanLayersIsRefused() {
        assertThatThrownBy(() -> gptOss120bShape(Optional.of(new SlidingWindow(128, 37))))
                .hasMessageContaining("sliding_window.layers: 37 is invalid; expected at most layers (36)");
    }
}
