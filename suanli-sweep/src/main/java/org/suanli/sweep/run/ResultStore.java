package org.suanli.sweep.run;

import java.util.List;
import java.util.Set;
import org.suanli.sweep.Row;

/**
 * Where a sweep's rows go, a partition at a time: each partition is written whole or not at all, so a sweep stopped in any
 * way (Ctrl-C, a kill, a crash) leaves only complete partitions, and a rerun writes exactly the missing ones.
 */
public interface ResultStore extends AutoCloseable {
    /** Returns the partitions already complete (from an earlier run of the same spec). */
    Set<Long> completed();

    /** Writes one partition's rows atomically; called by one thread at a time. */
    void write(long partition, List<String> scenarioColumns, List<Row> rows);

    @Override
    void close();
}
