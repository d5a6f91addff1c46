package org.suanli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void aWordLongerThanTheWrapWidthWidensItsColumnInsteadOfFailing() {
        String url = "https://example.com/" + "x".repeat(120);
        Table t = new Table(List.of("field", "value")).wrap(1, 100);
        t.add("source", "see " + url + " for details");
        String text = t.toText();
        assertThat(text).contains(url);
        assertThat(text.lines().skip(1).findFirst().orElseThrow().length()).isGreaterThanOrEqualTo("source  ".length() + url.length());
    }

    @Test
    void wrappedCellsStayWithinTheirWidth() {
        Table t = new Table(List.of("a", "b")).wrap(1, 10);
        t.add("x", "one two three four five");
        assertThat(t.toText().lines().skip(2).map(l -> l.substring(3).strip())).containsExactly("one two", "three four", "five");
    }
}
