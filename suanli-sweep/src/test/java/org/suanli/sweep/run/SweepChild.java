package org.suanli.sweep.run;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.suanli.catalog.Catalog;
import org.suanli.sweep.PointEvaluator;
import org.suanli.sweep.SweepSpec;

/** A sweep in a JVM of its own, for the test that kills one: {@code SweepChild SPEC OUT}. */
public final class SweepChild {
    private SweepChild() {
    }

    public static void main(String[] args) {
        SweepSpec spec = SweepSpec.read(Path.of(args[0]));
        try (ResultStore store = ResultFormat.of(Path.of(args[1])).open(Path.of(args[1]), spec, "test")) {
            SweepRunner.run(spec, new PointEvaluator(spec, Catalog.builtIn()), store, 1, n -> { }, new AtomicBoolean());
        }
    }
}
