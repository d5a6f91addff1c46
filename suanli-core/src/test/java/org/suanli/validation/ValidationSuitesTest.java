package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/**
 * The accuracy bounds of issue 3, held on the published measurements in validation/*.yaml with
 * the calibrated constants of catalog/efficiency.yaml. A model change that loses accuracy fails here.
 */
class ValidationSuitesTest {

    private static Validator.Report run(String suite) {
        return Validator.run(Validator.load(suite), Catalog.builtIn());
    }

    @Test
    void megatron2021TableOneWithinThreePointFivePercentMape() {
        Validator.Report r = run("megatron-2021");
        assertThat(r.rows()).hasSize(10);
        assertThat(r.mapePct()).isLessThanOrEqualTo(3.5);
        r.rows().forEach(row -> assertThat(Math.abs(row.errorPct())).as(row.row().id()).isLessThanOrEqualTo(8.0));
    }

    @Test
    void megatronEndToEndEstimatesWithinTenPercent() {
        Validator.Report r = run("megatron-2021-estimates");
        assertThat(r.rows()).hasSize(2);
        r.rows().forEach(row -> assertThat(Math.abs(row.errorPct())).as(row.row().id()).isLessThanOrEqualTo(10.0));
    }

    @Test
    void nemoH100Fp8WithinTenPercentMape() {
        Validator.Report r = run("nemo-h100");
        assertThat(r.rows()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(r.mapePct()).isLessThanOrEqualTo(10.0);
    }

    @Test
    void calibrationReproducesTheCatalogConstant() {
        // efficiency.yaml says nvidia-ampere gemm was fitted to megatron-2021; refitting must land on it
        Calibrator.Fit fit = Calibrator.fit(Validator.load("megatron-2021"), "nvidia-ampere", "gemm", 0.5, 1.0);
        assertThat(fit.value()).isCloseTo(0.748, org.assertj.core.api.Assertions.within(0.002));
    }
}
