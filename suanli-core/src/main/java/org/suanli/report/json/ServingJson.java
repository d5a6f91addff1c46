package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.inference.ServingSimulation;
import org.suanli.validation.Confidence;

/**
 * A simulated request stream ({@code suanli infer --rate|--offline|--trace-file --json}): throughput, latency percentiles,
 * goodput, KV-cache use over time, trust and ranges.
 */
@JsonNaming(SnakeCase.class)
public record ServingJson(String model, String server, String runtime, String runtimeVersion, int gpus, int replicas, boolean offline, Double ratePerS,
                          long requests, double makespanS, double outputTokensPerS, double requestsPerS,
                          @JsonUnwrapped(prefix = "ttft_") Percentiles ttft, @JsonUnwrapped(prefix = "tpot_") Percentiles tpot,
                          @JsonUnwrapped(prefix = "e2e_") Percentiles e2e, @JsonUnwrapped(prefix = "queue_") Percentiles queue,
                          double goodputRequestsPerS, double kvUtilisationMean, double kvUtilisationMax, long preemptions,
                          List<List<Double>> kvUtilisationOverTime, long steps, long events, @JsonUnwrapped FeaturesJson features,
                          ConfidenceJson confidence, Range range) {

    /** Offered rates above this many requests per second are an offline batch: every request queued at once. */
    public static final double OFFLINE_RATE_PER_S = 1e6;

    /** One latency's percentiles, seconds (written as {@code <name>_p50_s} ... {@code <name>_mean_s}). */
    @JsonNaming(SnakeCase.class)
    public record Percentiles(double p50S, double p90S, double p99S, double meanS) {
        static Percentiles of(ServingSimulation.Percentiles p) {
            return new Percentiles(p.p50(), p.p90(), p.p99(), p.mean());
        }
    }

    /** The headline figures within the confidence band: {@code [low, high]}. */
    @JsonNaming(SnakeCase.class)
    public record Range(List<Double> outputTokensPerS, List<Double> ttftP99S, List<Double> tpotP99S) {
    }

    /**
     * Returns run {@code r} of {@code model} (as the user named it) on {@code replicas} replicas over {@code gpus} GPUs of
     * {@code server}, at {@code ratePerS} offered (infinite or above {@link #OFFLINE_RATE_PER_S} for an offline batch).
     */
    public static ServingJson of(String model, String server, org.suanli.software.ServingRuntime runtime, int gpus, int replicas, double ratePerS,
                                 ServingSimulation.Report r, Confidence c) {
        return of(model, server, runtime, gpus, replicas, ratePerS, r, c, org.suanli.inference.ServingFeatures.NONE);
    }

    /** As {@link #of(String, String, org.suanli.software.ServingRuntime, int, int, double, ServingSimulation.Report, Confidence)}, served with {@code features}. */
    public static ServingJson of(String model, String server, org.suanli.software.ServingRuntime runtime, int gpus, int replicas, double ratePerS,
                                 ServingSimulation.Report r, Confidence c, org.suanli.inference.ServingFeatures features) {
        boolean offline = ratePerS > OFFLINE_RATE_PER_S;
        Range range = new Range(ConfidenceJson.rate(r.outputTokensPerS(), c), ConfidenceJson.time(r.ttft().p99(), c),
                ConfidenceJson.time(r.tpot().p99(), c));
        return new ServingJson(model, server, runtime.id(), runtime.version(), gpus, replicas, offline, offline ? null : ratePerS, r.requests(), r.makespanS(),
                r.outputTokensPerS(), r.requestsPerS(), Percentiles.of(r.ttft()), Percentiles.of(r.tpot()), Percentiles.of(r.e2e()),
                Percentiles.of(r.queue()), r.goodputRequestsPerS(), r.kvUtilisationMean(), r.kvUtilisationMax(), r.preemptions(),
                r.kvUtilisationOverTime().stream().map(x -> List.of(x.timeS(), x.utilisation())).toList(), r.steps(), r.events(),
                FeaturesJson.of(features, r.decodeTokensPerStep(), r.prefillTokensSaved()), ConfidenceJson.of(c), range);
    }
}
