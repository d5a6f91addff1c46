package org.suanli.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The commands a job (a web request, a sweep point) may run, each with the reader of its options map: the explicit registry
 * that maps a command name to the library calls the CLI makes for it.
 */
public enum Command {
    TRAIN("train", (o, c) -> TrainJob.read(o, c, null)),
    PLAN_TRAIN("plan-train", PlanTrainJob::read),
    INFER("infer", (o, c) -> InferJob.read(o, c, false)),
    PLAN_SERVE("plan-serve", PlanServeJob::read);

    private final String key;
    private final BiFunction<Options, JobContext, Job> reader;

    Command(String key, BiFunction<Options, JobContext, Job> reader) {
        this.key = key;
        this.reader = reader;
    }

    /** Returns the command's name as written ("plan-train"). */
    public String key() {
        return key;
    }

    /** Reads and checks {@code options} for this command, without running it. */
    public Job prepare(Options options, JobContext ctx) {
        return reader.apply(options, ctx);
    }

    /** Returns the command named {@code key} ("train", "plan-train", "plan train", "infer", "plan-serve"), or fails naming {@code where}. */
    public static Command parse(String where, String key) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.key.equals(k)).findFirst().orElseThrow(() -> new OptionException(
                OptionException.Kind.INPUT, where, "unknown command '" + key + "'", "expected train, plan-train, infer or plan-serve"));
    }
}
