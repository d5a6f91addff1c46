package org.suanli.cli;

import java.nio.file.Path;
import org.suanli.io.OutputFile;

/** Writes a whole output file or nothing, through the core's {@link OutputFile} (never over a special file). */
final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes {@code text} to {@code target}; errors name the path only. */
    static void write(Path target, String text) {
        OutputFile.writeString("", target, text);
    }

    /** Writes {@code text} to {@code target}; errors name {@code option} and the path. */
    static void write(String option, Path target, String text) {
        OutputFile.writeString(option, target, text);
    }
}
