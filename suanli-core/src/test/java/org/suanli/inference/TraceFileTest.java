package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.BadInputException;

/** A serving trace CSV: a header only when it names the columns, every row checked, a row ceiling. */
class TraceFileTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text);
    }

    @Test
    void aFirstRowInScientificNotationIsDataNotAHeader() throws IOException {
        List<double[]> rows = TraceFile.read(csv("1e-3,1024,256\n0.5,512,128\n"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(1e-3, 1024, 256);
    }

    @Test
    void aHeaderNamingTheColumnsIsSkipped() throws IOException {
        List<double[]> rows = TraceFile.read(csv("arrival_s, input_tokens, output_tokens\n0,10,20\n"));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r).containsExactly(0, 10, 20));
    }

    @Test
    void aFirstRowOfOtherWordsIsAnError() throws IOException {
        Path f = csv("time,in,out\n0,10,20\n");
        assertThatThrownBy(() -> TraceFile.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ":1: arrival_s: 'time' is not a finite, non-negative number; expected seconds since the start, e.g. 0.25");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0,NaN,20|input_tokens: 'NaN' is not a whole number of tokens",
            "0,Infinity,20|input_tokens: 'Infinity' is not a whole number of tokens",
            "0,10,-5|output_tokens: '-5' is not a whole number of tokens",
            "0,0,20|input_tokens: 0 tokens is out of range",
            "0,10.5,20|input_tokens: '10.5' is not a whole number of tokens",
            "0,10,99999999999999999999|output_tokens: 99999999999999999999 tokens is out of range",
            "NaN,10,20|arrival_s: 'NaN' is not a finite, non-negative number",
            "-1,10,20|arrival_s: '-1' is not a finite, non-negative number",
            "1e999,10,20|arrival_s: '1e999' is not a finite number",
            "0,10|2 columns",
            "0,10,20,30|4 columns",
    })
    void aBadRowIsOneErrorNamingFileAndLine(String row, String what) throws IOException {
        Path f = csv("0,1,1\n" + row + "\n");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> TraceFile.read(f));
        assertThat(e.where()).isEqualTo(f + ":2");
        assertThat(e.what()).isEqualTo(what);
    }

    @Test
    void arrivalsGoingBackInTimeAreRefused() throws IOException {
        Path f = csv("1.5,10,20\n1.0,10,20\n");
        assertThatThrownBy(() -> TraceFile.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ":2: arrival_s: 1.0 is before the previous row's 1.5; expected arrival times in non-decreasing order");
    }

    @Test
    void wholeTokenCountsWrittenAsDecimalsAreAccepted() throws IOException {
        assertThat(TraceFile.read(csv("0,1024.0,256\n")).get(0)).containsExactly(0, 1024, 256);
    }

    @Test
    void moreRowsThanTheCeilingIsOneErrorNamingTheBoundAndTheOption() throws IOException {
        Path f = csv("0,1,1\n1,1,1\n2,1,1\n3,1,1\n");
        assertThatThrownBy(() -> TraceFile.read(f, 3))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ":4: more than 3 requests; expected at most 3 rows (the CLI option --max-trace-rows raises the limit)");
        assertThat(TraceFile.read(f, 4)).hasSize(4);
    }

    @Test
    void theOneArgumentReadUsesTheDefaultCeiling() throws IOException {
        Path f = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(f)) {
            for (long i = 0; i <= TraceFile.DEFAULT_MAX_ROWS; i++) {
                w.write(i + ",1,1\n");
            }
        }
        assertThatThrownBy(() -> TraceFile.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f + ":1000001: more than 1,000,000 requests");
    }

    @Test
    void aVeryLongLineFailsAtTheLineLimit() throws IOException {
        Path f = csv("0,1,1\n" + "9".repeat(10_000_000) + ",1,1\n");
        assertThatThrownBy(() -> TraceFile.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f + ":2: line longer than 4,096 characters");
    }

    @Test
    void rowsAreKeptCompactlyAndReplayedUnchanged() throws IOException {
        List<double[]> rows = TraceFile.read(csv("0,10,20\n0.5,30,40\n"));
        assertThat(rows).isInstanceOf(TraceFile.Rows.class);
        RequestLoad load = RequestLoad.fromTrace(rows);
        assertThat(load.trace()).isSameAs(rows);
        assertThat(load.trace().get(1)).containsExactly(0.5, 30, 40);
    }

    @Test
    void aFileWithOnlyAHeaderHasNoRequests() throws IOException {
        Path f = csv("arrival_s,input_tokens,output_tokens\n");
        assertThatThrownBy(() -> TraceFile.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ": no requests; expected rows of arrival_s,input_tokens,output_tokens");
    }
}
