package org.suanli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;

/** Outputs are written whole or not at all, only to a new path or over a regular file. */
class OutputFileTest {
    private static final String REFUSAL = "exists and is not a regular file; expected a new file or a regular file to replace";

    @Test
    void writesANewFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.yaml");
        OutputFile.writeString("--out", out, "a: 1\n");
        assertThat(Files.readString(out)).isEqualTo("a: 1\n");
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void replacesARegularFile(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("out.yaml"), "old");
        OutputFile.writeString("--out", out, "new");
        assertThat(Files.readString(out)).isEqualTo("new");
    }

    @Test
    void refusesAFifoAndLeavesItAFifo(@TempDir Path dir) throws Exception {
        Path fifo = SpecialFiles.fifo(dir, "pipe");
        assertThatThrownBy(() -> OutputFile.open("--out", fifo))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--out " + fifo + ": " + REFUSAL);
        assertThat(SpecialFiles.isFifoLike(fifo)).isTrue();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void refusesASymbolicLinkAndLeavesTheLinkAndItsTargetAlone(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(dir.resolve("real.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        assertThatThrownBy(() -> OutputFile.writeString("--out", link, "new"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--out " + link + ": " + REFUSAL);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("keep");
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void refusesADirectory(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> OutputFile.writeString("--out", sub, "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--out " + sub + ": " + REFUSAL);
        assertThat(Files.isDirectory(sub)).isTrue();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void aPathInAMissingFolderIsOneClearError(@TempDir Path dir) {
        Path out = dir.resolve("missing").resolve("out.json");
        assertThatThrownBy(() -> OutputFile.open("--out", out))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--out " + out + ": the folder " + dir.resolve("missing") + " does not exist; expected a file in an existing folder");
    }

    @Test
    void closingWithoutCommitLeavesTheTargetUnchangedAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("out.json"), "old");
        Path temp;
        try (OutputFile f = OutputFile.open("--out", out)) {
            f.stream().write("half of a new fi".getBytes(StandardCharsets.UTF_8));
            temp = f.temp();
            assertThat(TempFiles.live()).contains(temp);
        }
        assertThat(Files.readString(out)).isEqualTo("old");
        assertThat(temp).doesNotExist();
        assertThat(TempFiles.live()).doesNotContain(temp);
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }

    @Test
    void aCommittedFileIsNoLongerRegisteredForDeletion(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.json");
        Path temp;
        try (OutputFile f = OutputFile.open("--out", out)) {
            temp = f.temp();
            f.stream().write('1');
            f.commit();
        }
        assertThat(TempFiles.live()).doesNotContain(temp);
        assertThat(Files.readString(out)).isEqualTo("1");
    }

    @Test
    void aTargetTurnedIntoAFifoWhileWritingIsNotReplaced(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        try (OutputFile f = OutputFile.open("--out", out)) {
            SpecialFiles.fifo(dir, "out.json");
            assertThatThrownBy(f::commit).isInstanceOf(BadInputException.class).hasMessageContaining("exists and is not a regular file");
        }
        assertThat(SpecialFiles.isFifoLike(out)).isTrue();
        assertThat(SpecialFiles.tempFiles(dir)).isEmpty();
    }
}
