package org.suanli.sweep.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.suanli.sweep.SweepSpec;

/**
 * An engine that runs a sweep somewhere other than this process's threads, found by name on the class path
 * ({@code META-INF/services/org.suanli.sweep.run.SweepEngine}) so that the CLI needs an engine's jars only when it is asked
 * for: {@code --engine spark} is suanli-spark's. Like {@link SweepRunner} it writes only the partitions {@code out} lacks.
 */
public interface SweepEngine {
    /** Returns the name {@code --engine} selects. */
    String name();

    /** Runs {@code request}'s sweep and returns what it did. */
    SweepRunner.Summary run(Request request);

    /**
     * One run: the spec, the user's catalog paths (empty for the built-in catalog; each worker loads them itself), the results
     * directory, the cluster to use ({@code local[*]} when empty) and the version stamped on the results.
     */
    record Request(SweepSpec spec, List<Path> catalogPaths, Path out, String master, String version) {
        public Request {
            catalogPaths = List.copyOf(catalogPaths);
        }
    }

    /** Returns the engine named {@code name} on the class path, if any. */
    static Optional<SweepEngine> named(String name) {
        for (SweepEngine e : ServiceLoader.load(SweepEngine.class, SweepEngine.class.getClassLoader())) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
