package org.suanli.report.json;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.InferenceResult;
import org.suanli.inference.Replica;
import org.suanli.validation.Confidence;

/**
 * Serving one static batch ({@code suanli infer --batch --json}): latencies, throughput of all replicas, what fits in
 * memory, trust and ranges.
 */
@JsonNaming(SnakeCase.class)
public record InferenceJson(String model, String server, int gpus, int replicas, int tp, int pp, int ep, int attentionDp,
                            double expertImbalance, boolean twoBatchOverlap, String precision,
                            String kvPrecision, String runtime, String runtimeVersion, int batch, int inputLen, int outputLen, double ttftS, double tpotS,
                            double outputTokensPerS, double totalTokensPerS, double outputTokensPerSPerGpu,
                            double outputTokensPerSPerServer, int maxBatch, int maxContext, double kvCacheBytesPerToken,
                            double weightBytesPerGpu, double memoryPerGpuBytes, double memoryCapacityBytes, boolean fits,
                            double reserveBytesPerGpu, double prefillAllToAllShare, double decodeAllToAllShare,
                            @JsonUnwrapped FeaturesJson features, ConfidenceJson confidence, Range range) {

    /** The headline figures within the confidence band: {@code [low, high]}. */
    @JsonNaming(SnakeCase.class)
    public record Range(List<Double> ttftS, List<Double> tpotS, List<Double> outputTokensPerS, List<Double> outputTokensPerSPerGpu) {
    }

    /** Returns batch {@code r} of {@code model} on {@code replicas} replicas of {@code replica}. */
    public static InferenceJson of(Replica replica, InferenceModel model, int replicas, InferenceResult r, Confidence c) {
        double reserve = model.reserveBytes(r.weightBytesPerGpu() + model.activationBytes((double) r.batch() * r.inputLen(), r.batch()));
        Range range = new Range(ConfidenceJson.time(r.ttftS(), c), ConfidenceJson.time(r.tpotS(), c),
                ConfidenceJson.rate(r.outputTokensPerS() * replicas, c), ConfidenceJson.rate(r.outputTokensPerSPerGpu(), c));
        return new InferenceJson(replica.model().id(), replica.server().id(), replicas * replica.gpus(), replicas, replica.tp(),
                replica.pp(), replica.ep(), replica.attentionDp(), model.moeServing().expertImbalance(), model.moeServing().twoBatchOverlap(),
                replica.weights().key(), replica.kvCache().key(), model.runtime().id(), model.runtime().version(), r.batch(), r.inputLen(),
                r.outputLen(), r.ttftS(), r.tpotS(), r.outputTokensPerS() * replicas, r.totalTokensPerS() * replicas,
                r.outputTokensPerSPerGpu(), r.outputTokensPerSPerGpu() * replica.server().acceleratorCount(), r.maxBatch(),
                r.maxContext(), r.kvCacheBytesPerToken(), r.weightBytesPerGpu(), r.memoryPerGpuBytes(), r.memoryCapacityBytes(),
                r.fits(), reserve, r.prefillAllToAllShare(), r.decodeAllToAllShare(),
                FeaturesJson.of(model.features(), r.decodeTokensPerStep(), r.prefillTokensSaved()), ConfidenceJson.of(c), range);
    }
}
