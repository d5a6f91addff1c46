package org.suanli.cli;

import java.util.Arrays;
import java.util.Set;
import org.suanli.catalog.Catalog;
import org.suanli.report.Json;
import org.suanli.validation.Envelope;

/**
 * Loads the built-in catalog, the confidence envelope and (with --json) the JSON writer on a second thread while the main thread
 * builds the command line: a short call spends most of its time on these, and the two overlap on a machine with more
 * than one core. Every use still goes through the same cached, thread-safe loaders, so a failure here is only
 * repeated (and reported) where the command itself asks for the data.
 */
final class Prefetch {
    /** Commands that read the built-in catalog; others (help, version, market figures) gain nothing. */
    private static final Set<String> USERS = Set.of("catalog", "classify", "train", "infer", "plan", "cost", "validate", "calibrate", "demo");

    private Prefetch() {
    }

    static void start(String[] args) {
        if (args.length == 0 || !USERS.contains(args[0]) || java.lang.Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        boolean json = Arrays.asList(args).contains("--json");
        Thread t = new Thread(() -> {
            try {
                Catalog.builtIn();
                Envelope.builtIn();
                if (json) {
                    Json.mapper();
                }
            } catch (RuntimeException | LinkageError ignored) {
                // the command meets the same failure where it loads the data, and reports it there
            }
        }, "suanli-prefetch");
        t.setDaemon(true);
        t.start();
    }
}
