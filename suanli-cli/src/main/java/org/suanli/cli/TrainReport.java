package org.suanli.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.suanli.report.Table;
import org.suanli.training.Layout;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.units.Units;
import org.suanli.validation.Confidence;

/** Renders a training result as DESIGN.md's JSON contract or as tables for people. */
final class TrainReport {
    private TrainReport() {
    }

    static Map<String, Object> json(TrainingJob job, TrainingResult r, Confidence c) {
        Layout l = job.layout();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", job.model().id());
        m.put("server", job.server().id());
        m.put("gpus", r.gpus());
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("tp", l.tp());
        layout.put("pp", l.pp());
        layout.put("dp", l.dp());
        layout.put("cp", l.cp());
        layout.put("ep", l.ep());
        layout.put("vpp", l.vpp());
        layout.put("micro_batch", l.microBatch());
        layout.put("global_batch", l.globalBatch());
        layout.put("micro_batches", r.microBatches());
        layout.put("seq_len", l.seqLen());
        layout.put("sequence_parallel", l.sequenceParallel());
        layout.put("zero", l.zero());
        layout.put("recompute", l.recompute().name().toLowerCase(Locale.ROOT));
        layout.put("precision", l.precision().key());
        layout.put("framework", l.framework().id());
        m.put("layout", layout);
        m.put("engine", "analytic");
        m.put("step_time_s", r.stepTimeS());
        m.put("tokens_per_s", r.tokensPerS());
        m.put("tokens_per_s_per_gpu", r.tokensPerSPerGpu());
        m.put("model_tflops_per_gpu", r.modelTflopsPerGpu());
        m.put("hardware_tflops_per_gpu", r.hardwareTflopsPerGpu());
        m.put("mfu", r.mfu());
        m.put("hfu", r.hfu());
        m.put("memory_per_gpu_bytes", r.memoryPerGpuBytes());
        m.put("memory_capacity_bytes", r.memoryCapacityBytes());
        m.put("memory_breakdown", r.memoryBreakdown());
        m.put("fits", r.fits());
        m.put("memory_shortfall_bytes", Math.max(0, r.memoryShortfallBytes()));
        m.put("breakdown", r.breakdown());
        m.put("pp_bubble_fraction", r.bubbleFraction());
        r.timeToTrainDays().ifPresent(d -> m.put("time_to_train_days", d));
        r.gpuHours().ifPresent(h -> m.put("gpu_hours", h));
        job.tokens().ifPresent(t -> m.put("tokens", t));
        m.put("framework_features", l.framework().features());
        m.put("confidence", ConfidenceReport.json(c));
        Map<String, Object> range = new LinkedHashMap<>();
        ConfidenceReport.time(range, "step_time_s", r.stepTimeS(), c);
        ConfidenceReport.rate(range, "tokens_per_s", r.tokensPerS(), c);
        ConfidenceReport.rate(range, "tokens_per_s_per_gpu", r.tokensPerSPerGpu(), c);
        ConfidenceReport.rate(range, "mfu", r.mfu(), c);
        r.timeToTrainDays().ifPresent(d -> ConfidenceReport.time(range, "time_to_train_days", d, c));
        r.gpuHours().ifPresent(h -> ConfidenceReport.time(range, "gpu_hours", h, c));
        m.put("range", range);
        return m;
    }

    static String text(TrainingJob job, TrainingResult r, Confidence c, boolean csv) {
        Layout l = job.layout();
        Table breakdown = new Table(List.of("time per step", "seconds", "share")).alignRight(1, 2);
        r.breakdown().forEach((k, v) -> breakdown.add(k, Units.formatTime(v), pct(v / r.stepTimeS())));
        breakdown.add("step", Units.formatTime(r.stepTimeS()), "100%");
        Table memory = new Table(List.of("memory per GPU", "bytes")).alignRight(1);
        r.memoryBreakdown().forEach((k, v) -> memory.add(k, Units.formatBytes(v)));
        memory.add("total", Units.formatBytes(r.memoryPerGpuBytes()));
        memory.add("capacity", Units.formatBytes(r.memoryCapacityBytes()));
        if (csv) {
            return breakdown.toCsv() + "\n" + memory.toCsv();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(job.model().name()).append(" on ").append(r.gpus()).append(" x ")
                .append(job.server().accelerator().orElseThrow().name()).append(" (").append(job.server().id()).append(")\n");
        sb.append(String.format(Locale.ROOT, "layout  tp %d, pp %d%s, dp %d, cp %d, ep %d; micro-batch %d, global batch %d (%d micro-batches), "
                        + "seq %d; %s, ZeRO-%d, recompute %s, %s, %s%n", l.tp(), l.pp(), l.vpp() > 1 ? " (vpp " + l.vpp() + ")" : "",
                l.dp(), l.cp(), l.ep(), l.microBatch(), l.globalBatch(), r.microBatches(), l.seqLen(),
                l.sequenceParallel() ? "sequence parallel" : "no sequence parallel", l.zero(),
                l.recompute().name().toLowerCase(Locale.ROOT), l.precision().key(), l.framework().id()));
        sb.append(String.format(Locale.ROOT, "step    %s%s; %s tokens/s (%s per GPU)%n", Units.formatTime(r.stepTimeS()),
                ConfidenceReport.suffix(c), Units.num(r.tokensPerS()), Units.num(r.tokensPerSPerGpu())));
        sb.append(String.format(Locale.ROOT, "FLOPs   %s model TFLOP/s per GPU (MFU %s), %s hardware TFLOP/s (HFU %s)%n",
                Units.num(r.modelTflopsPerGpu()), pct(r.mfu()), Units.num(r.hardwareTflopsPerGpu()), pct(r.hfu())));
        sb.append(String.format(Locale.ROOT, "memory  %s of %s per GPU: %s%n", Units.formatBytes(r.memoryPerGpuBytes()),
                Units.formatBytes(r.memoryCapacityBytes()), r.fits() ? "fits"
                        : "DOES NOT FIT, short by " + Units.formatBytes(r.memoryShortfallBytes())));
        r.timeToTrainDays().ifPresent(d -> {
            double[] range = c.rangeOfTime(d);
            sb.append(String.format(Locale.ROOT, "train   %s tokens in %s days (%s-%s), %s GPU-hours%n",
                    Units.num(job.tokens().getAsDouble()), Units.num(d), Units.num(range[0]), Units.num(range[1]),
                    Units.num(r.gpuHours().getAsDouble())));
        });
        sb.append('\n').append(breakdown.toText()).append('\n').append(memory.toText());
        return sb.toString();
    }

    static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
