package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;

/** The one strict reader of YAML and JSON: limits enforced while reading, aliases, documents and numbers. */
class TreeReaderTest {

    private static void writeLongString(Path file, String before, int chars, String after) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(before);
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (int left = chars; left > 0; left -= chunk.length) {
                w.write(chunk, 0, Math.min(left, chunk.length));
            }
            w.write(after);
        }
    }

    @Test
    void aModelHoldingOneTwentyMegabyteStringFailsWithinASecondNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.yaml");
        writeLongString(f, "id: big\nname: ", 20_000_000, "\nlayers: 2\n");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> TreeReader.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ":2: line longer than 65,536 characters; expected shorter lines (split long text, or leave it out)");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aJsonFileHoldingOneTwentyMegabyteStringFailsWithinASecond(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.json");
        writeLongString(f, "{\n\"hidden_size\": 1,\n\"name\": \"", 20_000_000, "\"}\n");
        long t0 = System.nanoTime();
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> TreeReader.read(f));
        assertThat(e.where()).isEqualTo(f + ":3");
        assertThat(e.what()).startsWith("too large");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aFileLongerThanTheLimitFailsAtTheLimit() {
        String line = "- " + "y".repeat(1000) + "\n";
        StringBuilder sb = new StringBuilder();
        while (sb.length() <= TreeReader.MAX_FILE_CHARS) {
            sb.append(line);
        }
        assertThatThrownBy(() -> TreeReader.read("huge.yaml", sb.toString(), false))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("huge.yaml:")
                .hasMessageContaining("the input is longer than 8,388,608 characters");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String json = "[".repeat(TreeReader.MAX_NESTING + 10) + "]".repeat(TreeReader.MAX_NESTING + 10);
        assertThatThrownBy(() -> TreeReader.read("deep.json", json, true))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("deep.json:1: too large");
    }

    @Test
    void aYamlAliasIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TreeReader.read("m.yaml", "base: &b 32\nlayers: *b\n", false))
                .isInstanceOf(BadInputException.class)
                .hasMessage("m.yaml:2: layers: YAML alias '*b' is not supported; expected the value written out (anchors and aliases are not read)");
    }

    @Test
    void aSecondYamlDocumentIsRefused() {
        assertThatThrownBy(() -> TreeReader.read("m.yaml", "a: 1\n---\nb: 2\n", false))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("m.yaml:3: more than one document");
    }

    @Test
    void aDuplicateKeyIsRefusedWithBothLines() {
        assertThatThrownBy(() -> TreeReader.read("m.yaml", "a: 1\nb: 2\na: 3\n", false))
                .isInstanceOf(BadInputException.class)
                .hasMessage("m.yaml:3: duplicate key 'a'; expected each key once in a mapping (first at line 1)");
    }

    @Test
    void scalarsKeepTheTypeTheyWereWrittenAs() {
        Node.Mapping m = (Node.Mapping) TreeReader.read("m.yaml", "a: 1\nb: 1.5\nc: true\nd: x\ne: \"2\"\nf: ~\n", false);
        assertThat(m.entries().values()).extracting(n -> ((Node.Scalar) n).type())
                .containsExactly(Node.Type.INTEGER, Node.Type.DECIMAL, Node.Type.BOOLEAN, Node.Type.STRING, Node.Type.STRING, Node.Type.NULL);
    }

    @Test
    void invalidUtf8IsOneClearError(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("m.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> TreeReader.read(f))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void aFolderIsNotReadAsAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> TreeReader.read(dir))
                .isInstanceOf(BadInputException.class)
                .hasMessage(dir + ": is a folder; expected a readable YAML or JSON file");
    }
}
