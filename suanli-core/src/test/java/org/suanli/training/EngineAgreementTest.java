package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.ModelResolver;
import org.suanli.validation.ValidationRow;
import org.suanli.validation.Validator;

/**
 * The event engine and the analytic model price the same operators; on every row of the
 * megatron-2021 suite their step times agree within 3% (issue 4). Where they differ, the
 * analytic model's overlap assumptions and the simulated schedule differ (docs/MODEL.md).
 */
class EngineAgreementTest {

    @Test
    void eventAndAnalyticAgreeWithinThreePercentOnMegatronRows() {
        Catalog c = Catalog.builtIn();
        for (ValidationRow row : Validator.load("megatron-2021").rows()) {
            TrainingJob job = LayoutOptions.job(ModelResolver.resolve(c, row.model()), c.server(row.server()), row.gpus(),
                    row.layout(), row.tokens());
            double analytic = AnalyticTrainingModel.evaluate(job).stepTimeS();
            double event = EventTrainingModel.simulate(job).result().stepTimeS();
            System.out.printf("%s analytic %.3f s event %.3f s (%+.2f%%)%n", row.id(), analytic, event, (event / analytic - 1) * 100);
            assertThat(event / analytic).as(row.id()).isBetween(0.97, 1.03);
        }
    }

    @Test
    void eventAndAnalyticAgreeOnNemoRows() {
        Catalog c = Catalog.builtIn();
        for (ValidationRow row : Validator.load("nemo-h100").rows()) {
            TrainingJob job = LayoutOptions.job(ModelResolver.resolve(c, row.model()), c.server(row.server()), row.gpus(),
                    row.layout(), row.tokens());
            double analytic = AnalyticTrainingModel.evaluate(job).stepTimeS();
            double event = EventTrainingModel.simulate(job).result().stepTimeS();
            System.out.printf("%s analytic %.3f s event %.3f s (%+.2f%%)%n", row.id(), analytic, event, (event / analytic - 1) * 100);
            assertThat(event / analytic).as(row.id()).isBetween(0.95, 1.05);
        }
    }
}
