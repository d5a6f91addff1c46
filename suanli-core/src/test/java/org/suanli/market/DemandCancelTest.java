package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.catalog.Catalog;

/** A cancelled demand plan (Ctrl-C in market demand) reports the entries finished before it, and says it is incomplete. */
class DemandCancelTest {
    private static final String TWO_RUNS = "training:\n"
            + "  - {year: 2024, model: megatron-gpt-1.7b, tokens: 100B, days: 30, server: dgx-h100}\n"
            + "  - {year: 2025, model: megatron-gpt-1.7b, tokens: 100B, days: 30, server: dgx-h100}\n";

    @Test
    void anUncancelledPlanIsComplete(@TempDir Path dir) throws IOException {
        Demand.Report r = Demand.plan(file(dir), Catalog.builtIn());
        assertThat(r.complete()).isTrue();
        assertThat(r.planned()).isEqualTo(2);
        assertThat(r.runs()).hasSize(2);
    }

    @Test
    void cancelAfterTheFirstEntryKeepsItAndItsYearOnly(@TempDir Path dir) throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        Demand.Report r = Demand.plan(file(dir), Catalog.builtIn(), n -> cancel.set(true), cancel);
        assertThat(r.complete()).isFalse();
        assertThat(r.entries()).isEqualTo(2);
        assertThat(r.planned()).isEqualTo(1);
        assertThat(r.runs()).extracting(Demand.RunPlan::year).containsExactly(2024);
        assertThat(r.years()).extracting(Demand.YearTotal::year).containsExactly(2024);
    }

    @Test
    void cancelBeforeTheStartPlansNothing(@TempDir Path dir) throws IOException {
        Demand.Report r = Demand.plan(file(dir), Catalog.builtIn(), n -> { }, new AtomicBoolean(true));
        assertThat(r.planned()).isZero();
        assertThat(r.runs()).isEmpty();
        assertThat(r.years()).isEmpty();
    }

    private static Path file(Path dir) throws IOException {
        Path f = dir.resolve("demand.yaml");
        Files.writeString(f, TWO_RUNS);
        return f;
    }
}
