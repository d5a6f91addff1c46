package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** Issue 10: the cross-vendor suite's size, coverage and per-family held-out bound. */
class CrossVendorSuiteTest {
    private static final Validator.Report REPORT = Validator.run(Validator.load("cross-vendor"), Catalog.builtIn());

    @Test
    void hasTwentyRowsOrMoreOfWhichTwentyAreExpressed() {
        assertThat(REPORT.rows().size() + REPORT.notExpressible().size()).isGreaterThanOrEqualTo(20);
        assertThat(REPORT.rows()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void everyFamilyWithThreeRowsIsWithinFifteenPercentHeldOut() {
        List<Validator.FamilyStats> bounded = REPORT.byFamily().values().stream().filter(f -> f.rows() >= 3).toList();
        assertThat(bounded).extracting(Validator.FamilyStats::family)
                .contains("nvidia-hopper", "nvidia-blackwell", "amd-cdna3-mi325x", "huawei-ascend-910b");
        bounded.forEach(f -> assertThat(f.heldOutMapePct()).as(f.family()).isLessThanOrEqualTo(15.0));
    }

    @Test
    void coversTheVendorsTheIssueNames() {
        // predicted: H100, H200, B200, MI300X/MI325X, Ascend 910B; listed with a reason where not expressible yet: Gaudi, TPU
        assertThat(REPORT.byFamily().keySet()).contains("nvidia-hopper", "nvidia-hopper-h200", "nvidia-blackwell", "amd-cdna3",
                "amd-cdna3-mi325x", "huawei-ascend-910b");
        List<String> listed = REPORT.notExpressible().stream()
                .map(r -> (r.id() + " " + r.source() + " " + r.notExpressible().orElseThrow()).toLowerCase(Locale.ROOT)).toList();
        for (String vendor : List.of("gaudi", "tpu", "trainium", "gb200")) {
            assertThat(listed).as(vendor).anyMatch(t -> t.contains(vendor));
        }
    }

    @Test
    void everyUnexpressedRowSaysWhyAndWhereItCameFrom() {
        REPORT.notExpressible().forEach(r -> {
            assertThat(r.notExpressible().orElseThrow()).as(r.id()).hasSizeGreaterThan(20);
            assertThat(r.source()).as(r.id()).isNotBlank();
        });
        Stream.concat(REPORT.rows().stream().map(Validator.RowResult::row), REPORT.notExpressible().stream())
                .forEach(r -> assertThat(r.published()).as(r.id()).isPositive());
    }
}
