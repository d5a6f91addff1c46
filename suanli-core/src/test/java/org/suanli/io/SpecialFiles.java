package org.suanli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Special files made inside a test's own temporary folder (never real device files). */
public final class SpecialFiles {
    private SpecialFiles() {
    }

    /** Makes a FIFO with mkfifo(1). */
    public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        if (proc.waitFor() != 0 || !isFifoLike(p)) {
            throw new IOException("mkfifo " + p + " failed");
        }
        return p;
    }

    /** Returns true for a file that exists and is neither regular, a directory nor a link. */
    public static boolean isFifoLike(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(p);
    }

    /** Returns the names of temporary files left in {@code dir}. */
    public static List<String> tempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }
}
