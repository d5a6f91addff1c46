package org.suanli.sim;

/** Watches a run: told when each task starts and ends (trace writers, statistics). */
public interface Observer {
    /** Called when {@code task} starts on its resource at {@code time} seconds. */
    default void started(Task task, double time) {
    }

    /** Called when {@code task} ends at {@code time} seconds. */
    default void finished(Task task, double time) {
    }
}
