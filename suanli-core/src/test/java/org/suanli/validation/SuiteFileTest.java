package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;

/** A suite file is read strictly: closed schema, each key once, numbers finite, errors at file:line. */
class SuiteFileTest {
    private static final String HEAD = "suite: s\nmetric: step_time_s\nbound: {mape_pct: 10, max_error_pct: 20}\nrows:\n";
    private static final String ROW = "  - id: r1\n    model: llama2-7b\n    server: dgx-h100\n    gpus: 8\n    layout: {tp: 8, seq_len: 4096}\n"
            + "    published: 1.5\n";

    @TempDir
    Path dir;

    private BadInputException error(String yaml) throws IOException {
        Path f = Files.writeString(dir.resolve("suite.yaml"), yaml);
        return org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> Validator.load(f.toString()));
    }

    @Test
    void aGoodSuiteFileIsRead() throws IOException {
        Path f = Files.writeString(dir.resolve("suite.yaml"), HEAD + ROW);
        ValidationSuite s = Validator.load(f.toString());
        assertThat(s.rows()).singleElement().satisfies(r -> {
            assertThat(r.layout()).containsEntry("tp", 8).containsEntry("seq_len", 4096);
            assertThat(r.published()).isEqualTo(1.5);
            assertThat(r.gpus()).isEqualTo(8);
        });
        assertThat(s.heldOutMapeBoundPct()).isNaN();
    }

    @Test
    void aMisspeltRowKeyIsRefusedWithASuggestion() throws IOException {
        BadInputException e = error(HEAD + ROW + "    notse: x\n");
        assertThat(e.where()).endsWith("suite.yaml:11");
        assertThat(e.what()).isEqualTo("rows[0].notse: unknown field (did you mean 'notes'?)");
    }

    @Test
    void aMisspeltLayoutKeyIsRefused() throws IOException {
        BadInputException e = error(HEAD + ROW.replace("seq_len", "seqlen"));
        assertThat(e.what()).isEqualTo("rows[0].layout.seqlen: unknown field (did you mean 'seq_len'?)");
    }

    @Test
    void aNanPublishedFigureIsRefused() throws IOException {
        BadInputException e = error(HEAD + ROW.replace("published: 1.5", "published: .nan"));
        assertThat(e.what()).isEqualTo("rows[0].published: '.nan' is not a finite number");
    }

    @Test
    void anInfiniteLayoutValueIsRefused() throws IOException {
        BadInputException e = error(HEAD + ROW.replace("tp: 8", "tp: .inf"));
        assertThat(e.what()).isEqualTo("layout.tp: '.inf' is not a finite number");
    }

    @Test
    void aDuplicateRowKeyIsRefused() throws IOException {
        BadInputException e = error(HEAD + ROW + "    published: 2\n");
        assertThat(e.what()).isEqualTo("duplicate key 'published'");
    }

    @Test
    void aBoundGivenAsTextIsNamed() throws IOException {
        BadInputException e = error(HEAD.replace("mape_pct: 10", "mape_pct: ten") + ROW);
        assertThat(e.where()).endsWith("suite.yaml:3");
        assertThat(e.what()).isEqualTo("bound.mape_pct: 'ten' is not a number");
    }
}
