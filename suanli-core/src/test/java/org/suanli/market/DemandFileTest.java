package org.suanli.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.BadInputException;

/** A demand file is read strictly: every key known, each once, every value of its type and in range. */
class DemandFileTest {
    private static final String RUN = "{year: 2024, model: llama3-8b, tokens: 15T, days: 30, server: dgx-h100, count: 2}";
    private static final String LOAD = "{year: 2025, model: llama3-8b, rate: 5, ttft_p99: 1, tpot_p99: 0.05, server: dgx-h100}";

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("demand.yaml"), yaml);
    }

    private BadInputException error(String yaml) throws IOException {
        Path f = file(yaml);
        return org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> Demand.read(f));
    }

    @Test
    void aGoodFileIsReadWithDefaults() throws IOException {
        Demand.DemandFile d = Demand.read(file("training:\n  - " + RUN + "\nserving:\n  - " + LOAD + "\n"));
        assertThat(d.training()).singleElement().satisfies(r -> {
            assertThat(r.year()).isEqualTo(2024);
            assertThat(r.tokens()).isEqualTo(15e12);
            assertThat(r.count()).isEqualTo(2);
        });
        assertThat(d.serving()).singleElement().satisfies(l -> {
            assertThat(l.inputLen()).isEqualTo(1024);
            assertThat(l.outputLen()).isEqualTo(256);
            assertThat(l.count()).isEqualTo(1);
        });
    }

    @Test
    void theExampleFileIsAccepted() {
        Demand.DemandFile d = Demand.read(Path.of("../examples/demand.yaml"));
        assertThat(d.training()).hasSize(5);
        assertThat(d.serving()).hasSize(2);
    }

    @Test
    void aMisspeltCountIsRefusedWithASuggestion() throws IOException {
        BadInputException e = error("training:\n  - {year: 2024, model: llama3-8b, tokens: 15T, days: 30, server: dgx-h100, cuont: 2}\n");
        assertThat(e.where()).isEqualTo(dir.resolve("demand.yaml") + ":2");
        assertThat(e.what()).isEqualTo("training[0].cuont: unknown field (did you mean 'count'?)");
    }

    @Test
    void aMisspeltInputLengthIsRefusedWithASuggestion() throws IOException {
        BadInputException e = error("serving:\n  - {year: 2025, model: llama3-8b, rate: 5, ttft_p99: 1, tpot_p99: 0.05, server: dgx-h100, "
                + "input_length: 512}\n");
        assertThat(e.what()).isEqualTo("serving[0].input_length: unknown field (did you mean 'input_len'?)");
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() throws IOException {
        BadInputException e = error("trainig:\n  - " + RUN + "\n");
        assertThat(e.what()).isEqualTo("trainig: unknown field (did you mean 'training'?)");
    }

    @Test
    void aDuplicateKeyIsRefused() throws IOException {
        BadInputException e = error("training:\n  - {year: 2024, year: 2025, model: llama3-8b, tokens: 15T, days: 30, server: dgx-h100}\n");
        assertThat(e.what()).isEqualTo("duplicate key 'year'");
    }

    @Test
    void aSecondTrainingSectionIsRefusedRatherThanDroppingTheFirst() throws IOException {
        BadInputException e = error("training:\n  - " + RUN + "\ntraining:\n  - " + RUN + "\n");
        assertThat(e.where()).endsWith("demand.yaml:3");
        assertThat(e.what()).isEqualTo("duplicate key 'training'");
    }

    @Test
    void aYearInWordsIsRefusedNotReadAsZero() throws IOException {
        BadInputException e = error("training:\n  - {year: twenty, model: llama3-8b, tokens: 15T, days: 30, server: dgx-h100}\n");
        assertThat(e.what()).isEqualTo("training[0].year: 'twenty' is not a whole number");
        assertThat(e.expected()).contains("1990").contains("2100");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "days: .nan|training[0].days: '.nan' is not a finite number",
            "days: 0|training[0].days: 0 is out of range",
            "days: 99999|training[0].days: 99999 is out of range",
            "days: Infinity|training[0].days: 'Infinity' is not a finite number",
            "count: 0|training[0].count: 0 is too small",
            "count: 1.5|training[0].count: '1.5' is not a whole number",
            "count: 9999999|training[0].count: 9999999 is too large",
            "year: 0|training[0].year: 0 is too small",
            "year: 2024.5|training[0].year: '2024.5' is not a whole number",
            "days: [30]|training[0].days: is a list",
    })
    void everyTrainingNumberIsRangeChecked(String field, String what) throws IOException {
        String key = field.substring(0, field.indexOf(':'));
        String run = RUN.replaceFirst(key + ": [^,}]+", field);
        if (!run.contains(field)) {
            run = RUN.replace("}", ", " + field + "}");
        }
        BadInputException e = error("training:\n  - " + run + "\n");
        assertThat(e.what()).isEqualTo(what);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rate: NaN|serving[0].rate: 'NaN' is not a finite number",
            "rate: -5|serving[0].rate: -5 is out of range",
            "ttft_p99: .inf|serving[0].ttft_p99: '.inf' is not a finite number",
            "tpot_p99: 0|serving[0].tpot_p99: 0 is out of range",
            "input_len: 0|serving[0].input_len: 0 is too small",
            "output_len: 99999999|serving[0].output_len: 99999999 is too large",
    })
    void everyServingNumberIsRangeChecked(String field, String what) throws IOException {
        String key = field.substring(0, field.indexOf(':'));
        String load = LOAD.replaceFirst(key + ": [^,}]+", field);
        if (!load.contains(field)) {
            load = LOAD.replace("}", ", " + field + "}");
        }
        BadInputException e = error("serving:\n  - " + load + "\n");
        assertThat(e.what()).isEqualTo(what);
    }

    @Test
    void aFileWithNoEntriesIsRefused() throws IOException {
        BadInputException e = error("training: []\n");
        assertThat(e.what()).isEqualTo("no 'training' or 'serving' entries");
    }

    @Test
    void aTrainingMappingInsteadOfAListIsNamed() throws IOException {
        BadInputException e = error("training: {year: 2024}\n");
        assertThat(e.what()).isEqualTo("training: is a mapping");
    }

    @Test
    void aMissingFieldNamesTheEntry() throws IOException {
        BadInputException e = error("training:\n  - {year: 2024, model: llama3-8b, days: 30, server: dgx-h100}\n");
        assertThat(e.what()).isEqualTo("training[0].tokens: missing required field");
    }

    @Test
    void anEntryThatIsNotAMappingIsNamed() {
        assertThatThrownBy(() -> Demand.read(file("training:\n  - 2024\n")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("training[0] is not a mapping");
    }
}
