package org.suanli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-line error contract (DESIGN.md): whatever a user typed, the error line it produces has no line break. */
class BadInputExceptionTest {

    @Test
    void aUsersLineBreaksTabsAndControlCharactersAreEscapedInTheErrorLine() {
        BadInputException e = new BadInputException("--model", "model 'llama\n3\t\u0007': unknown model id", "expected e.g. llama3-8b");
        assertThat(e.userLine()).isEqualTo("error: --model: model 'llama\\n3\\t\\u0007': unknown model id; expected e.g. llama3-8b");
        assertThat(e.what()).doesNotContain("\n");
    }

    @Test
    void printableTextIncludingNonAsciiIsKept() {
        assertThat(BadInputException.oneLine("算力 µs 'x'")).isEqualTo("算力 µs 'x'");
        assertThat(BadInputException.oneLine("a\u2028b")).isEqualTo("a\\u2028b");
    }
}
