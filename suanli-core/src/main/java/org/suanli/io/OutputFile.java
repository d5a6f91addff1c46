package org.suanli.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.suanli.BadInputException;

/**
 * An output file written whole or not at all: bytes go to a temporary file beside the target, which
 * is moved over the target only on {@link #commit()}. Only a new path or an existing regular file is
 * accepted as a target (a device, FIFO, socket, symbolic link or directory is refused before any work
 * starts and left untouched), and the temporary file is deleted on every other exit path, including
 * Ctrl-C (see {@link TempFiles}).
 */
public final class OutputFile implements AutoCloseable {
    private static final String NOT_REGULAR = "exists and is not a regular file";
    private static final String EXPECTED_FILE = "expected a new file or a regular file to replace";

    private final String where;
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private boolean closed;

    private OutputFile(String where, Path target, Path temp, OutputStream out) {
        this.where = where;
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /**
     * Checks that {@code target} may be written: it does not exist or is a regular file (links are not
     * followed), and its folder exists. {@code option} names the command-line option in errors (may be
     * empty).
     */
    public static void check(String option, Path target) {
        String where = where(option, target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(where, NOT_REGULAR, EXPECTED_FILE);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(where, "the folder " + dir + " does not exist", "expected a file in an existing folder");
        }
    }

    /** Checks {@code target} (see {@link #check}) and opens a temporary file beside it. */
    public static OutputFile open(String option, Path target) {
        check(option, target);
        String where = where(option, target);
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, ".suanli-", ".tmp");
        } catch (IOException e) {
            throw cannotWrite(where, e);
        }
        TempFiles.register(temp);
        try {
            return new OutputFile(where, target, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        } catch (IOException e) {
            discard(temp);
            throw cannotWrite(where, e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target}, whole or not at all. */
    public static void writeString(String option, Path target, String text) {
        try (OutputFile f = open(option, target)) {
            f.stream().write(text.getBytes(StandardCharsets.UTF_8));
            f.commit();
        } catch (IOException e) {
            throw cannotWrite(where(option, target), e);
        }
    }

    /** Returns the stream to write to (buffered; closed by {@link #commit()} or {@link #close()}). */
    public OutputStream stream() {
        return out;
    }

    /** Returns the temporary file being written. */
    public Path temp() {
        return temp;
    }

    /** Finishes the file and moves it over the target, checking once more that the target is still a regular file or absent. */
    public void commit() {
        if (committed || closed) {
            throw new IllegalStateException("output " + target + " is already " + (committed ? "committed" : "closed"));
        }
        try {
            out.close();
            try {
                // a temporary file is private to its owner; the output is an ordinary file
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep its defaults
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(where, NOT_REGULAR + " (it was replaced while the output was written)", EXPECTED_FILE);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
            TempFiles.unregister(temp);
        } catch (IOException e) {
            throw cannotWrite(where, e);
        } finally {
            if (!committed) {
                close();
            }
        }
    }

    /** Deletes the temporary file unless the output was committed. */
    @Override
    public void close() {
        if (committed || closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        discard(temp);
    }

    private static void discard(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the shutdown hook tries again
            return;
        }
        TempFiles.unregister(temp);
    }

    private static String where(String option, Path target) {
        return option == null || option.isEmpty() ? target.toString() : option + " " + target;
    }

    private static BadInputException cannotWrite(String where, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or folder" : String.valueOf(e.getMessage());
        return new BadInputException(where, "cannot be written (" + why + ")", "expected a writable path");
    }
}
