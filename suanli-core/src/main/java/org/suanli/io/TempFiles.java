package org.suanli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files this JVM is writing right now. One shutdown hook, installed with the first
 * registration, deletes whatever is still registered, so Ctrl-C (or any other exit) never leaves a
 * half-written {@code .tmp} file beside an output.
 */
public final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private TempFiles() {
    }

    /** Registers a temporary file to delete if the JVM exits before it is moved into place or removed. */
    public static void register(Path temp) {
        installHook();
        LIVE.add(temp);
    }

    /** Forgets a temporary file (it was moved into place or deleted). */
    public static void unregister(Path temp) {
        LIVE.remove(temp);
    }

    /** Returns the files registered now. */
    public static List<Path> live() {
        return List.copyOf(LIVE);
    }

    /** Deletes every registered file and forgets it; what the shutdown hook runs. */
    public static void deleteAll() {
        for (Path p : List.copyOf(LIVE)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException ignored) {
                // best effort while exiting: nothing else can be done about it
            }
            LIVE.remove(p);
        }
    }

    /** Returns true once the shutdown hook is installed. */
    static boolean hookInstalled() {
        return hookInstalled;
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (TempFiles.class) {
            if (hookInstalled) {
                return;
            }
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "suanli-temp-files"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the caller's own cleanup still runs
            }
            hookInstalled = true;
        }
    }
}
