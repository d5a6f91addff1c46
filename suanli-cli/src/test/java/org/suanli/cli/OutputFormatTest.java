package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.suanli.report.json.ConfidenceJson;

/** Each output format renders its own view of a result, and only that one. */
class OutputFormatTest {
    private static final Supplier<String> NEVER = () -> {
        throw new AssertionError("a rendering that was not asked for was computed");
    };

    @Test
    void jsonWritesTheContractRecordAlone() {
        String out = OutputFormat.JSON.render(() -> new ConfidenceJson("validated", 6.0, 6.0, "rows"), NEVER, NEVER);
        assertThat(out).startsWith("{").contains("\"band_low_pct\" : 6.0");
    }

    @Test
    void csvPrintsTheCsvAlone() {
        assertThat(OutputFormat.CSV.render(NEVER, () -> "a,b", NEVER)).isEqualTo("a,b");
    }

    @Test
    void tablePrintsTheTextAlone() {
        assertThat(OutputFormat.TABLE.render(NEVER, NEVER, () -> "text")).isEqualTo("text");
    }

    @Test
    void withoutJsonOrCsvACommandPrintsTables() {
        CliTest.Result r = CliTest.run("classify", "h20");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotStartWith("{").contains("rule").contains("verdict");
    }
}
