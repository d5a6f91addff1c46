package org.suanli.cli;

import java.util.List;
import java.util.Locale;
import org.suanli.report.Table;
import org.suanli.report.json.TrainingJson;
import org.suanli.training.Layout;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.units.Units;
import org.suanli.validation.Confidence;

/** Renders a training result as tables for people or CSV (its JSON is {@link org.suanli.report.json.TrainingJson}). */
final class TrainReport {
    private TrainReport() {
    }

    static String text(TrainingJob job, TrainingResult r, Confidence c, boolean csv) {
        return text(job, r, c, csv, null);
    }

    /** As {@link #text(TrainingJob, TrainingResult, Confidence, boolean)}, with a goodput line when {@code g} is not null. */
    static String text(TrainingJob job, TrainingResult r, Confidence c, boolean csv, TrainingJson.GoodputJson g) {
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
        if (l.pipelineLayout().isPresent() || l.expertTp() != l.tp()) {
            sb.append("        ").append(l.pipelineLayout().map(p -> "pipeline layout " + p.text()).orElse(""))
                    .append(l.pipelineLayout().isPresent() && l.expertTp() != l.tp() ? "; " : "")
                    .append(l.expertTp() != l.tp() ? "experts folded: expert tp " + l.expertTp() + " over ep " + l.ep() : "").append('\n');
        }
        sb.append(String.format(Locale.ROOT, "step    %s%s; %s tokens/s (%s per GPU)%n", Units.formatTime(r.stepTimeS()),
                ConfidenceReport.suffix(c), Units.num(r.tokensPerS()), Units.num(r.tokensPerSPerGpu())));
        sb.append(String.format(Locale.ROOT, "FLOPs   %s model TFLOP/s per GPU (MFU %s), %s hardware TFLOP/s (HFU %s)%n",
                Units.num(r.modelTflopsPerGpu()), pct(r.mfu()), Units.num(r.hardwareTflopsPerGpu()), pct(r.hfu())));
        sb.append(String.format(Locale.ROOT, "memory  %s of %s per GPU: %s%n", Units.formatBytes(r.memoryPerGpuBytes()),
                Units.formatBytes(r.memoryCapacityBytes()), r.fits() ? "fits"
                        : "DOES NOT FIT, short by " + Units.formatBytes(r.memoryShortfallBytes())));
        if (!r.hostMemoryBreakdown().isEmpty()) {
            double host = r.hostMemoryBreakdown().values().stream().mapToDouble(Double::doubleValue).sum();
            sb.append(String.format(Locale.ROOT, "offload %s to host memory over %s: %s per server%s%n", l.offload().key(),
                    job.server().hostLink().map(x -> x.name()).orElse("the host interface"), Units.formatBytes(host),
                    job.server().hostMemoryBytes().isPresent() ? " of " + Units.formatBytes(job.server().hostMemoryBytes().getAsDouble())
                            : " (the server's host memory is not published: not checked)"));
        }
        r.timeToTrainDays().ifPresent(d -> {
            double[] range = c.rangeOfTime(d);
            sb.append(String.format(Locale.ROOT, "train   %s tokens in %s days (%s-%s), %s GPU-hours%n",
                    Units.num(job.tokens().getAsDouble()), Units.num(d), Units.num(range[0]), Units.num(range[1]),
                    Units.num(r.gpuHours().getAsDouble())));
        });
        if (g != null) {
            sb.append(String.format(Locale.ROOT, "goodput %s: %s expected days against %s ideal (%s interruptions a day, checkpoint %s "
                            + "every %s); basis: %s%n", pct(g.goodput()), Units.num(g.expectedDays()), Units.num(g.idealDays()),
                    Units.num(g.interruptionsPerDay()), Units.formatBytesDecimal(g.checkpointBytes()),
                    Units.formatTime(g.checkpointIntervalS()), g.basis()));
            if (g.monteCarlo() != null) {
                TrainingJson.MonteCarloJson mc = g.monteCarlo();
                sb.append(String.format(Locale.ROOT, "monte-carlo %,d runs (seed %d): p10 %s, p50 %s, p90 %s days, mean %s "
                                + "(%s interruptions a run)%n", mc.runs(), mc.seed(), Units.num(mc.p10Days()), Units.num(mc.p50Days()),
                        Units.num(mc.p90Days()), Units.num(mc.meanDays()), Units.num(mc.meanInterruptions())));
            }
        }
        sb.append('\n').append(breakdown.toText()).append('\n').append(memory.toText());
        return sb.toString();
    }

    static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
