package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.suanli.reliability.Goodput;
import org.suanli.reliability.MonteCarlo;
import org.suanli.perf.CollectiveChoice;
import org.suanli.training.CollectiveReport;
import org.suanli.training.Layout;
import org.suanli.training.PipelineLayout;
import org.suanli.training.TrainingJob;
import org.suanli.training.TrainingResult;
import org.suanli.validation.Confidence;

/**
 * One training layout's result ({@code suanli train --json}): step time and its breakdown, throughput, FLOP rates,
 * memory, time to train with a token budget, trust and ranges; with the event engine also its event and task counts; with
 * offload the host memory per server it uses and the server's published host memory.
 */
@JsonNaming(SnakeCase.class)
public record TrainingJson(String model, String server, int gpus, LayoutJson layout, String engine, double stepTimeS,
                           double tokensPerS, double tokensPerSPerGpu, double modelTflopsPerGpu, double hardwareTflopsPerGpu,
                           double mfu, double hfu, double memoryPerGpuBytes, double memoryCapacityBytes,
                           Map<String, Double> memoryBreakdown, boolean fits, double memoryShortfallBytes,
                           Map<String, Double> breakdown, double ppBubbleFraction,
                           @JsonInclude(Include.NON_NULL) Double timeToTrainDays, @JsonInclude(Include.NON_NULL) Double gpuHours,
                           @JsonInclude(Include.NON_NULL) Double tokens, Map<String, Object> frameworkFeatures,
                           ConfidenceJson confidence, Range range, @JsonInclude(Include.NON_NULL) String globalBatchBasis,
                           @JsonInclude(Include.NON_NULL) Long events,
                           @JsonInclude(Include.NON_NULL) Long tasks, @JsonInclude(Include.NON_NULL) String trace,
                           @JsonInclude(Include.NON_NULL) GoodputJson goodput,
                           @JsonInclude(Include.NON_EMPTY) Map<String, Double> hostMemoryPerServer,
                           @JsonInclude(Include.NON_NULL) Double hostMemoryCapacityBytes, @JsonInclude(Include.NON_NULL) String fabric,
                           @JsonInclude(Include.NON_EMPTY) Map<String, CollectiveJson> collectives) {

    /**
     * The algorithm NCCL's tuner would pick for one collective (ring, tree, nvls, collnet, pat), the tier it crosses
     * (scale-up inside a server, else the fabric tier its group reaches) and the bus bandwidth there, with its time.
     */
    @JsonNaming(SnakeCase.class)
    public record CollectiveJson(String algorithm, String tier, double busGbps, double timeS) {
        /** Returns the JSON form of {@code c}. */
        public static CollectiveJson of(CollectiveChoice c) {
            return new CollectiveJson(c.algorithm().key(), c.tier(), c.busBytesPerS() / 1e9, c.timeS());
        }
    }

    /** Expected days with failures, checkpoints and restarts ({@link Goodput}), against the failure-free ideal. */
    @JsonNaming(SnakeCase.class)
    public record GoodputJson(double goodput, double expectedDays, double idealDays, double interruptionsPerDay,
                              double checkpointBytes, double checkpointIntervalS, String basis,
                              @JsonInclude(Include.NON_NULL) MonteCarloJson monteCarlo) {
        /** Returns {@code g} applied to {@code idealDays}. */
        public static GoodputJson of(Goodput g, double idealDays) {
            return of(g, idealDays, null);
        }

        /** Returns {@code g} applied to {@code idealDays}, with the spread of drawn runs ({@code spread} null leaves it out). */
        public static GoodputJson of(Goodput g, double idealDays, MonteCarlo.Spread spread) {
            return new GoodputJson(g.goodput(), g.expectedDays(idealDays), idealDays, g.interruptionsPerDay(), g.checkpointBytes(),
                    g.intervalS(), g.basis(), spread == null ? null : new MonteCarloJson(spread.runs(), spread.seed(),
                    spread.p10Days(), spread.p50Days(), spread.p90Days(), spread.meanDays(), spread.meanInterruptions()));
        }
    }

    /** The spread of wall-clock days over runs with drawn failures ({@link MonteCarlo}), reproducible from its seed. */
    @JsonNaming(SnakeCase.class)
    public record MonteCarloJson(int runs, long seed, double p10Days, double p50Days, double p90Days, double meanDays,
                                 double meanInterruptions) {
    }

    /**
     * The layout as run, with the micro-batches per step it implies; {@code pipelineLayout} only when one was given,
     * {@code expertTp} only when it is not tp (the experts fold over the stage's ranks), {@code capacity_factor} only for
     * token-dropping MoE, {@code ep_a2a_overlap} only when on.
     */
    @JsonNaming(SnakeCase.class)
    public record LayoutJson(int tp, int pp, int dp, int cp, int ep, int vpp, int microBatch, int globalBatch, int microBatches,
                             int seqLen, boolean sequenceParallel, int zero, String recompute, String precision, String framework,
                             String offload, String schedule, double expertImbalance,
                             @JsonInclude(Include.NON_NULL) String pipelineLayout, @JsonInclude(Include.NON_NULL) Integer expertTp,
                             @JsonInclude(Include.NON_NULL) Double capacityFactor,
                             @JsonInclude(Include.NON_NULL) Boolean epA2aOverlap) {
    }

    /** The headline figures' {@code [low, high]} within the confidence band. */
    @JsonNaming(SnakeCase.class)
    public record Range(List<Double> stepTimeS, List<Double> tokensPerS, List<Double> tokensPerSPerGpu, List<Double> mfu,
                        @JsonInclude(Include.NON_NULL) List<Double> timeToTrainDays,
                        @JsonInclude(Include.NON_NULL) List<Double> gpuHours) {
    }

    /** The event engine's work: events processed and tasks simulated. */
    public record EventCounts(long events, long tasks) {
    }

    /** Returns the result of the analytic engine. */
    public static TrainingJson of(TrainingJob job, TrainingResult r, Confidence c) {
        return of(job, r, c, "analytic", null, null, null, null);
    }

    /**
     * Returns the result of {@code engine}; {@code counts} only for the event engine, {@code trace} the trace file written
     * (both may be null); {@code batchBasis} says where the global batch came from ("given", "default" or "raised"; null
     * leaves it out); {@code goodput} the expected days with failures (null leaves it out).
     */
    public static TrainingJson of(TrainingJob job, TrainingResult r, Confidence c, String engine, EventCounts counts, String trace,
                                  String batchBasis, GoodputJson goodput) {
        Layout l = job.layout();
        LayoutJson layout = new LayoutJson(l.tp(), l.pp(), l.dp(), l.cp(), l.ep(), l.vpp(), l.microBatch(), l.globalBatch(),
                r.microBatches(), l.seqLen(), l.sequenceParallel(), l.zero(), l.recompute().name().toLowerCase(Locale.ROOT),
                l.precision().key(), l.framework().id(), l.offload().key(), l.schedule().key(), l.expertImbalance(),
                l.pipelineLayout().map(PipelineLayout::text).orElse(null), l.expertTp() == l.tp() ? null : l.expertTp(),
                l.capacityFactor().isPresent() ? l.capacityFactor().getAsDouble() : null, l.epA2aOverlap() ? Boolean.TRUE : null);
        Double days = r.timeToTrainDays().isPresent() ? r.timeToTrainDays().getAsDouble() : null;
        Double gpuHours = r.gpuHours().isPresent() ? r.gpuHours().getAsDouble() : null;
        Range range = new Range(ConfidenceJson.time(r.stepTimeS(), c), ConfidenceJson.rate(r.tokensPerS(), c),
                ConfidenceJson.rate(r.tokensPerSPerGpu(), c), ConfidenceJson.rate(r.mfu(), c),
                days == null ? null : ConfidenceJson.time(days, c), gpuHours == null ? null : ConfidenceJson.time(gpuHours, c));
        return new TrainingJson(job.model().id(), job.server().id(), r.gpus(), layout, engine, r.stepTimeS(), r.tokensPerS(),
                r.tokensPerSPerGpu(), r.modelTflopsPerGpu(), r.hardwareTflopsPerGpu(), r.mfu(), r.hfu(), r.memoryPerGpuBytes(),
                r.memoryCapacityBytes(), r.memoryBreakdown(), r.fits(), Math.max(0, r.memoryShortfallBytes()), r.breakdown(),
                r.bubbleFraction(), days, gpuHours, job.tokens().isPresent() ? job.tokens().getAsDouble() : null,
                l.framework().features(), ConfidenceJson.of(c), range, batchBasis, counts == null ? null : counts.events(),
                counts == null ? null : counts.tasks(), trace, goodput, r.hostMemoryBreakdown(),
                r.hostMemoryBreakdown().isEmpty() ? null : job.server().hostMemoryBytes().stream().boxed().findFirst().orElse(null),
                job.server().nics().map(n -> n.fabric().id()).orElse(null), collectives(job));
    }

    private static Map<String, CollectiveJson> collectives(TrainingJob job) {
        Map<String, CollectiveJson> out = new java.util.LinkedHashMap<>();
        CollectiveReport.of(job).forEach((k, v) -> out.put(k, CollectiveJson.of(v)));
        return out;
    }
}
