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
 * in sorted key order, so the same run gives the same bytes in every JVM.
 */
public final class ChromeTrace implements Observer, AutoCloseable {
    private static final String OPTION = "--trace";

    private final Path target;
    private final OutputFile file;
    private final JsonGenerator json;
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<Integer, String> processes;
    private long written;

    private ChromeTrace(Path target, OutputFile file, JsonGenerator json, Map<Integer, String> processes) {
        this.target = target;
        this.file = file;
        this.json = json;
        this.processes = processes;
    }

    /**
     * Opens a trace for {@code target}; {@code processes} names each group (pid). Refuses, before any
     * work starts, a target that exists and is not a regular file, or one in a missing folder.
     */
    public static ChromeTrace open(Path target, Map<Integer, String> processes) {
        OutputFile file = OutputFile.open(OPTION, target);
        try {
            JsonGenerator g = new JsonFactory().createGenerator(file.stream(), JsonEncoding.UTF8);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ms");
            g.writeArrayFieldStart("traceEvents");
            ChromeTrace t = new ChromeTrace(target, file, g, new TreeMap<>(processes));
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
        try {
            int tid = thread(task);
            json.writeStartObject();
            json.writeStringField("name", task.name());
            json.writeStringField("cat", task.category());
            json.writeStringField("ph", "X");
            json.writeNumberField("ts", task.start() * 1e6);
            json.writeNumberField("dur", Math.max(0, (time - task.start()) * 1e6));
            json.writeNumberField("pid", pid(task));
            json.writeNumberField("tid", tid);
            json.writeObjectFieldStart("args");
            Map<String, Object> args = task.args();
            for (Map.Entry<String, Object> a : (args.size() > 1 ? new TreeMap<>(args) : args).entrySet()) {
                json.writeObjectField(a.getKey(), a.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the number of task events written. */
    public long events() {
        return written;
    }

    /** Finishes the JSON and moves it into place. */
    public void commit() {
        try {
            json.writeEndArray();
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
