package org.suanli.inference;

/**
 * Watches a {@link ServingSimulation} without changing it: the run tells it of each step, each
 * preemption, each KV-cache hand-over between disaggregated replicas and each finished request, so a
 * timeline (a Chrome trace) can be written beside the report. Every method does nothing by default.
 */
public interface ServingRecorder {
    /** Records nothing. */
    ServingRecorder NONE = new ServingRecorder() { };

    /**
     * One step of a replica, from {@code startS} to {@code endS}: its prompt and decode tokens and sequences, the
     * KV blocks in use while it ran (of {@code kvBlocks}), the sequences running in it and the requests waiting
     * on the replica when it ended.
     */
    record Step(int replica, double startS, double endS, int prefillTokens, int decodeTokens, int sequences,
                long kvBlocksUsed, long kvBlocks, int running, int waitingAtEnd) {
    }

    /** A finished request: when it arrived, was first scheduled, emitted its first token and finished, and where. */
    record Request(long id, int replica, double arrivalS, double firstScheduledS, double firstTokenS, double endS,
                   int inputTokens, int outputTokens) {
    }

    /** Called when a step ends. */
    default void step(Step step) {
    }

    /** Called when a replica runs out of work at {@code timeS}, its KV blocks in use then being {@code kvBlocksUsed}. */
    default void idle(int replica, double timeS, long kvBlocksUsed, long kvBlocks) {
    }

    /**
     * Called when request {@code request} is preempted on {@code replica} at {@code timeS}, freeing {@code blocks}
     * KV blocks that held {@code tokens} tokens; {@code swap} when they go to host memory, otherwise recomputed later.
     */
    default void preemption(int replica, double timeS, long request, boolean swap, int blocks, int tokens) {
    }

    /** Called when the KV cache of {@code request} ({@code tokens} tokens, {@code bytes}) has moved from one replica to another. */
    default void kvTransfer(int from, int to, double startS, double endS, long request, int tokens, double bytes) {
    }

    /** Called when a request finishes. */
    default void request(Request request) {
    }
}
