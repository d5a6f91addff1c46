package org.suanli.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.suanli.inference.ServingRecorder;

/**
 * The timeline of a serving simulation as a Chrome trace (Perfetto, chrome://tracing): one process per
 * replica (named prefill or decode replica under disaggregation) with a track of steps (a slice per step,
 * its prompt and decode tokens, sequences and step time as args), instants for preemptions and KV-cache
 * hand-overs, and counters of KV blocks in use, the fraction of the KV cache in use and the requests
 * waiting (written when it changes); and one process holding the lifetimes of the first requests as async slices. At most
 * {@code maxEvents} events are written (see {@link ChromeTrace}), so a long run gives a bounded file.
 */
public final class ServingTrace implements ServingRecorder, AutoCloseable {
    static final int STEPS = 1;
    static final int TRANSFERS = 2;

    private final ChromeTrace trace;
    private final int requestsPid;
    private final long tracedRequests;
    private final int[] lastWaiting;

    private ServingTrace(ChromeTrace trace, int replicas, int prefillReplicas, long tracedRequests) {
        this.trace = trace;
        this.lastWaiting = new int[replicas];
        Arrays.fill(lastWaiting, -1);
        this.requestsPid = replicas;
        this.tracedRequests = tracedRequests;
        for (int i = 0; i < replicas; i++) {
            trace.threadName(i, STEPS, "steps");
            if (prefillReplicas > 0) {
                trace.threadName(i, TRANSFERS, "kv transfers");
            }
        }
    }

    /**
     * Opens a trace of {@code replicas} replicas, the first {@code prefillReplicas} of them prefill-only (0: all
     * mixed), writing at most {@code maxEvents} events and the lifetimes of requests 0 to {@code tracedRequests - 1}.
     * Refuses an unwritable target before the simulation starts (see {@link ChromeTrace#open}).
     */
    public static ServingTrace open(Path target, int replicas, int prefillReplicas, long maxEvents, long tracedRequests) {
        Map<Integer, String> processes = new TreeMap<>();
        for (int i = 0; i < replicas; i++) {
            processes.put(i, prefillReplicas == 0 ? "replica " + i : (i < prefillReplicas ? "prefill replica " : "decode replica ") + i);
        }
        processes.put(replicas, "requests");
        ChromeTrace t = ChromeTrace.open(target, processes, maxEvents);
        t.otherData("replicas", replicas);
        t.otherData("prefill_replicas", prefillReplicas);
        t.otherData("traced_requests", tracedRequests);
        t.otherData("time", "ts is simulated time in microseconds");
        return new ServingTrace(t, replicas, prefillReplicas, tracedRequests);
    }

    @Override
    public void step(Step s) {
        trace.complete("step", "step", s.replica(), STEPS, s.startS(), s.endS() - s.startS(), Map.of(
                "prefill_tokens", s.prefillTokens(), "decode_tokens", s.decodeTokens(), "sequences", s.sequences(),
                "step_s", s.endS() - s.startS(), "kv_blocks_used", s.kvBlocksUsed()));
        kv(s.replica(), s.startS(), s.kvBlocksUsed(), s.kvBlocks());
        if (s.waitingAtEnd() != lastWaiting[s.replica()]) {
            lastWaiting[s.replica()] = s.waitingAtEnd();
            trace.counter("requests waiting", s.replica(), s.endS(), Map.of("waiting", s.waitingAtEnd()));
        }
    }

    @Override
    public void idle(int replica, double timeS, long kvBlocksUsed, long kvBlocks) {
        kv(replica, timeS, kvBlocksUsed, kvBlocks);
    }

    private void kv(int replica, double timeS, long used, long blocks) {
        trace.counter("KV blocks used", replica, timeS, Map.of("blocks", used));
        trace.counter("KV cache used", replica, timeS, Map.of("fraction", used / (double) blocks));
    }

    @Override
    public void preemption(int replica, double timeS, long request, boolean swap, int blocks, int tokens) {
        trace.instant(swap ? "preempt (swap)" : "preempt (recompute)", "preemption", replica, STEPS, timeS,
                Map.of("request", request, "kv_blocks_freed", blocks, "tokens", tokens));
    }

    @Override
    public void kvTransfer(int from, int to, double startS, double endS, long request, int tokens, double bytes) {
        trace.instant("kv sent", "kv_transfer", from, TRANSFERS, startS,
                Map.of("request", request, "to_replica", to, "tokens", tokens, "bytes", bytes, "transfer_s", endS - startS));
        trace.instant("kv received", "kv_transfer", to, TRANSFERS, endS,
                Map.of("request", request, "from_replica", from, "tokens", tokens, "bytes", bytes, "transfer_s", endS - startS));
    }

    @Override
    public void request(Request r) {
        if (r.id() >= tracedRequests) {
            return;
        }
        String name = "request " + r.id();
        trace.async('b', name, "request", requestsPid, r.id(), r.arrivalS(),
                Map.of("input_tokens", r.inputTokens(), "output_tokens", r.outputTokens()));
        trace.async('n', "scheduled", "request", requestsPid, r.id(), r.firstScheduledS(), Map.of("queue_s", r.firstScheduledS() - r.arrivalS()));
        trace.async('n', "first token", "request", requestsPid, r.id(), r.firstTokenS(), Map.of("ttft_s", r.firstTokenS() - r.arrivalS()));
        trace.async('e', name, "request", requestsPid, r.id(), r.endS(), Map.of("replica", r.replica(), "e2e_s", r.endS() - r.arrivalS()));
    }

    /** Returns true when events were left out for the cap. */
    public boolean truncated() {
        return trace.truncated();
    }

    /** Returns the number of events written. */
    public long events() {
        return trace.events();
    }

    /** Finishes the JSON and moves it into place. */
    public void commit() {
        trace.commit();
    }

    /** Deletes the temporary file unless the trace was committed. */
    @Override
    public void close() {
        trace.close();
    }
}
