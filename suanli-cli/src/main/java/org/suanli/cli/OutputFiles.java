package org.suanli.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.suanli.BadInputException;

/** Writes a whole output file or nothing: into a temporary file beside it, then moved into place. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes {@code text} to {@code target}; refuses a target that exists and is not a regular file (a device, a FIFO, a link). */
    static void write(Path target, String text) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(target.toString(), "exists and is not a regular file", "expected a new file or a regular file to replace");
        }
        Path dir = target.toAbsolutePath().getParent();
        try {
            Path temp = Files.createTempFile(dir, ".suanli-", ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new BadInputException(target.toString(), "cannot be written (" + e.getMessage() + ")", "expected a writable directory");
        }
    }
}
