package org.suanli.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.suanli.BadInputException;
import org.suanli.io.OutputFile;
import org.suanli.sim.Observer;
import org.suanli.sim.Task;

/**
 * Writes a run as Chrome trace-event JSON (the "Trace Event Format" read by Perfetto and
 * chrome://tracing): one complete event ({@code "ph":"X"}) per task with its operator, micro-batch,
 * bytes and FLOPs as args, one process per group (pipeline stage), one thread per resource. Events
 * stream to an {@link OutputFile}, which replaces the target only on {@link #commit()}, so a failed
 * run never leaves half a trace and a special file is never replaced. Processes and args are written
 * in sorted key order, so the same run gives the same bytes in every JVM. Other writers (the serving
 * simulation's timeline) add complete, instant, counter and async events directly; an optional cap on
 * the number of events keeps a long run's trace bounded, and the trace's {@code otherData} then says
 * that it was truncated and how many events were left out.
 */
public final class ChromeTrace implements Observer, AutoCloseable {
    private static final String OPTION = "--trace";

    private final Path target;
    private final OutputFile file;
    private final JsonGenerator json;
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<Integer, String> processes;
    private final long maxEvents;
    private final Map<String, Object> otherData = new TreeMap<>();
    private long written;
    private long dropped;
    private double firstDroppedS = Double.NaN;

    private ChromeTrace(Path target, OutputFile file, JsonGenerator json, Map<Integer, String> processes, long maxEvents) {
        this.target = target;
        this.file = file;
        this.json = json;
        this.processes = processes;
        this.maxEvents = maxEvents;
    }

    /**
     * Opens a trace for {@code target}; {@code processes} names each group (pid). Refuses, before any
     * work starts, a target that exists and is not a regular file, or one in a missing folder.
     */
    public static ChromeTrace open(Path target, Map<Integer, String> processes) {
        return open(target, processes, Long.MAX_VALUE);
    }

    /**
     * As {@link #open(Path, Map)}, writing at most {@code maxEvents} events (metadata naming processes
     * and threads not counted); later events are counted and left out.
     */
    public static ChromeTrace open(Path target, Map<Integer, String> processes, long maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents " + maxEvents);
        }
        OutputFile file = OutputFile.open(OPTION, target);
        try {
            JsonGenerator g = new JsonFactory().createGenerator(file.stream(), JsonEncoding.UTF8);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeArrayFieldStart("traceEvents");
            ChromeTrace t = new ChromeTrace(target, file, g, new TreeMap<>(processes), maxEvents);
            for (Map.Entry<Integer, String> p : t.processes.entrySet()) {
                t.metadata("process_name", p.getKey(), 0, p.getValue());
            }
            return t;
        } catch (IOException e) {
            file.close();
            throw cannotWrite(target, e);
        }
    }
    private void metadata(String what, int pid, int tid, String name) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", what);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        json.writeStringField("name", name);
        json.writeEndObject();
        json.writeEndObject();
    }

    private int thread(Task task) throws IOException {
        int pid = pid(task);
        String key = pid + "/" + task.resource().name();
        Integer tid = threads.get(key);
        if (tid == null) {
            tid = threads.size() + 1;
            threads.put(key, tid);
            metadata("thread_name", pid, tid, task.resource().name());
        }
        return tid;
    }

    private int pid(Task task) {
        int g = task.resource().group();
        return g < 0 ? processes.size() : g;
    }

    @Override
    public void finished(Task task, double time) {
        if (task.resource().group() < 0 && task.amount() == 0) {
            return;   // zero-length rendezvous: bookkeeping, not work
        }
        if (!admit(task.start())) {
            return;
        }
        try {
            int tid = thread(task);
            begin(task.name(), task.category(), "X", task.start());
            json.writeNumberField("dur", Math.max(0, (time - task.start()) * 1e6));
            end(pid(task), tid, task.args());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names thread {@code tid} of process {@code pid} (metadata: not counted against the cap). */
    public void threadName(int pid, int tid, String name) {
        try {
            metadata("thread_name", pid, tid, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a complete event ({@code "ph":"X"}): a slice from {@code startS} lasting {@code durationS} seconds. */
    public void complete(String name, String category, int pid, int tid, double startS, double durationS, Map<String, Object> args) {
        if (!admit(startS)) {
            return;
        }
        try {
            begin(name, category, "X", startS);
            json.writeNumberField("dur", Math.max(0, durationS * 1e6));
            end(pid, tid, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an instant event ({@code "ph":"i"}) on one thread. */
    public void instant(String name, String category, int pid, int tid, double timeS, Map<String, Object> args) {
        if (!admit(timeS)) {
            return;
        }
        try {
            begin(name, category, "i", timeS);
            json.writeStringField("s", "t");
            end(pid, tid, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a counter event ({@code "ph":"C"}): each entry of {@code values} is one series of the process's counter {@code name}. */
    public void counter(String name, int pid, double timeS, Map<String, Object> values) {
        if (!admit(timeS)) {
            return;
        }
        try {
            begin(name, "counter", "C", timeS);
            end(pid, 0, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes an async event: {@code phase} is {@code 'b'} (begin), {@code 'n'} (instant) or {@code 'e'} (end);
     * events of one {@code id}, {@code category} and process form one async track.
     */
    public void async(char phase, String name, String category, int pid, long id, double timeS, Map<String, Object> args) {
        if (phase != 'b' && phase != 'n' && phase != 'e') {
            throw new IllegalArgumentException("async phase " + phase);
        }
        if (!admit(timeS)) {
            return;
        }
        try {
            begin(name, category, String.valueOf(phase), timeS);
            json.writeNumberField("id", id);
            end(pid, 0, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a key to the trace's {@code otherData} dictionary, written on {@link #commit()}. */
    public void otherData(String key, Object value) {
        otherData.put(key, value);
    }

    /** Returns true once an event was left out because the cap was reached. */
    public boolean truncated() {
        return dropped > 0;
    }

    /** Returns the number of events left out because the cap was reached. */
    public long dropped() {
        return dropped;
    }

    private boolean admit(double timeS) {
        if (written < maxEvents) {
            written++;
            return true;
        }
        if (dropped++ == 0) {
            firstDroppedS = timeS;
        }
        return false;
    }

    private void begin(String name, String category, String phase, double timeS) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("cat", category);
        json.writeStringField("ph", phase);
        json.writeNumberField("ts", timeS * 1e6);
    }

    private void end(int pid, int tid, Map<String, Object> args) throws IOException {
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        for (Map.Entry<String, Object> a : (args.size() > 1 ? new TreeMap<>(args) : args).entrySet()) {
            json.writeObjectField(a.getKey(), a.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Returns the number of events written. */
    public long events() {
        return written;
    }

    /** Finishes the JSON and moves it into place. */
    public void commit() {
        try {
            json.writeEndArray();
            if (!otherData.isEmpty() || truncated()) {
                Map<String, Object> other = new TreeMap<>(otherData);
                other.put("truncated", truncated());
                if (truncated()) {
                    other.put("max_events", maxEvents);
                    other.put("events_left_out", dropped);
                    other.put("truncated_at_s", firstDroppedS);
                }
                json.writeObjectFieldStart("otherData");
                for (Map.Entry<String, Object> e : other.entrySet()) {
                    json.writeObjectField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            file.close();
            throw cannotWrite(target, e);
        }
        file.commit();
    }

    /** Deletes the temporary file unless the trace was committed. */
    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException ignored) {
            // the file is discarded next
        }
        file.close();
    }

    private static BadInputException cannotWrite(Path target, IOException e) {
        return new BadInputException(OPTION + " " + target, "cannot be written (" + e.getMessage() + ")", "expected a writable path");
    }
}
