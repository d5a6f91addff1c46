package org.suanli.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job's torus slice is the most cube-like shape Google's slice tables list, and its axes wrap as the pod's rule
 * says; the torus all-gather adds the links of every axis a group spans (Austin et al. 2025, part 3).
 */
class TorusSliceTest {
    private static TorusSlice v5p(int chips) {
        return TorusSlice.of(List.of(16, 16, 24), 4, Collections.nCopies(3, 400e9), chips).orElseThrow();
    }

    @Test
    void v5p512ChipsIsAnEightCubeWithWraparound() {
        // Google Cloud TPU v5p slice table: 512 chips = 8x8x8, a full 3D torus
        TorusSlice s = v5p(512);
        assertThat(s.dims()).containsExactly(8, 8, 8);
        assertThat(s.wrap()).containsExactly(true, true, true);
    }

    @Test
    void v5p128ChipsIs4x4x8() {
        assertThat(v5p(128).dims()).containsExactly(4, 4, 8);
    }

    @Test
    void v5e32ChipsIs4x8WithoutWraparound() {
        // v5litepod-32 is 4x8; v5e wraps only at 16
        TorusSlice s = TorusSlice.of(List.of(16, 16), 16, Collections.nCopies(2, 200e9), 32).orElseThrow();
        assertThat(s.dims()).containsExactly(4, 8);
        assertThat(s.wrap()).containsExactly(false, false);
    }

    @Test
    void noSliceOfAChipCountThatDoesNotFitThePod() {
        // 17 chips (a prime above 16) fit no 16 x 16 shape
        assertThat(TorusSlice.of(List.of(16, 16), 16, Collections.nCopies(2, 200e9), 17)).isEmpty();
    }

    @Test
    void aGroupSpanningTwoAxesOfAnEightCubeGetsBothAxesRings() {
        // 64 ranks at stride 1 in 8x8x8 cover x and y whole: two rings of 400/2 = 200 GB/s each, z not spanned
        assertThat(v5p(512).ringBytesPerS(64, 1)).containsExactly(200e9, 200e9, 0);
        assertThat(v5p(512).hops(64, 1)).isEqualTo(8);
    }

    @Test
    void torusAllReduceIsTwiceTheAllGather() {
        // 2 x (3/4 x 1 GB / (2 x 100 GB/s x 0.5) + 4 hops x 1 us)
        double[] w = {100e9, 100e9};
        assertThat(Collectives.torusAllReduce(1e9, 4, w, 4, 0.5, 1e-6))
                .isCloseTo(2 * (0.75 * 1e9 / 100e9 + 4e-6), within(1e-12));
    }
}
