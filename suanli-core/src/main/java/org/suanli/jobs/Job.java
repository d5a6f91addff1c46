package org.suanli.jobs;

import java.util.concurrent.atomic.AtomicBoolean;

/** A command whose options have been read and checked, ready to run. */
public interface Job {
    /** Runs the command and returns the JSON record its {@code --json} prints; {@code cancel} asks a long run to stop. */
    Object run(AtomicBoolean cancel);
}
