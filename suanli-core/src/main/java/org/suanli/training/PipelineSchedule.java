package org.suanli.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pipeline schedule a job runs: how micro-batches' forward and backward chunks are ordered on the stages, which
 * sets the fill-and-drain bubble, the activations each stage holds and what communication hides behind compute.
 * Bubbles (F forward, B full backward, W its weight-gradient part, per stage and micro-batch): 1F1B (p-1)(F+B)
 * (Narayanan et al. 2021 §2.2), interleaved (p-1)(F+B)/v (ibid. §2.2.1), ZB-H1 (p-1)(F+B-2W) and ZB-V (Qi et al. 2023,
 * "Zero Bubble Pipeline Parallelism", ICLR 2024), DualPipe (p/2-1)(F&amp;B+B-3W) (DeepSeek-V3 report, Table 2).
 */
public enum PipelineSchedule {
    /** One forward, one backward (PipeDream-Flush; Megatron's default without virtual stages). */
    ONE_F_ONE_B("1f1b"),
    /** Interleaved 1F1B over vpp virtual chunks per rank (Megatron-LM, Narayanan et al. 2021 §2.2.1). */
    INTERLEAVED("interleaved"),
    /** DeepSeek's bidirectional schedule: micro-batches fed from both ends, a forward and a backward chunk overlapped. */
    DUALPIPE("dualpipe"),
    /** Zero-bubble ZB-H1: weight gradients deferred into the bubble, 1F1B's activation memory. */
    ZB_H1("zb-h1"),
    /** Zero-bubble ZB-V: two chunks per rank in a V, 1F1B's activation memory. */
    ZB_V("zb-v");

    private final String key;

    PipelineSchedule(String key) {
        this.key = key;
    }

    /** Returns the option value naming the schedule, e.g. zb-h1. */
    public String key() {
        return key;
    }

    /** Returns the schedule named {@code key} (any case), if there is one. */
    public static Optional<PipelineSchedule> fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.key.equals(k)).findFirst();
    }

    /** Returns the option values, comma separated, for error messages. */
    public static String keys() {
        return Arrays.stream(values()).map(PipelineSchedule::key).collect(Collectors.joining(", "));
    }

    /** Returns the default for a job with {@code vpp} virtual stages per rank: interleaved when vpp > 1, else 1F1B. */
    public static PipelineSchedule defaultFor(int vpp) {
        return vpp > 1 ? INTERLEAVED : ONE_F_ONE_B;
    }
}
