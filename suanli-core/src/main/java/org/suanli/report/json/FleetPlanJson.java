package org.suanli.report.json;

import static org.suanli.report.json.Absent.orNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.inference.FleetPlanner;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;

/**
 * A serving plan ({@code suanli plan serve --json}): the targets, the cheapest fleets that meet them (each checked by
 * simulation), the server types that could not be simulated, and whether the search ran to the end (false after Ctrl-C).
 */
@JsonNaming(SnakeCase.class)
public record FleetPlanJson(String model, String runtime, double ratePerS, double ttftP99TargetS, double tpotP99TargetS,
                            List<FleetJson> fleets, List<String> notSimulated, boolean complete) {

    /**
     * One fleet: server type, runtime, replicas and their layout, p99 latencies, throughput, price, trust and ranges.
     * {@code usd_per_million_tokens} is the middle of {@code usd_per_million_tokens_low..high}, the range the published
     * price gives; {@code price} is that price with its source.
     */
    @JsonNaming(SnakeCase.class)
    public record FleetJson(String server, String runtime, String runtimeVersion, int tp, String weights, String policy, int replicas, int prefillReplicas,
                            int servers, int gpus, double ttftP99S, double tpotP99S, double outputTokensPerS, Double usdPerHour,
                            Double usdPerMillionTokens, ConfidenceJson confidence, Range range, Double usdPerMillionTokensLow,
                            Double usdPerMillionTokensHigh, PriceJson price) {
    }

    /**
     * A fleet's headline figures within the confidence band: {@code [low, high]}; for the price per million tokens the band
     * of the model's throughput and the range of the published price together.
     */
    @JsonNaming(SnakeCase.class)
    public record Range(List<Double> outputTokensPerS, @JsonInclude(Include.NON_NULL) List<Double> usdPerMillionTokens) {
    }

    /**
     * Returns the plan of the fleets {@code shown}; {@code runtime} is the runtime the user fixed, or null: then the one
     * runtime every fleet shown runs, or "per-family" when they run several (the contract of earlier versions).
     */
    public static FleetPlanJson of(Catalog catalog, String modelId, String runtime, double ratePerS, double ttftP99S, double tpotP99S,
                                   List<FleetPlanner.Fleet> shown, List<String> notSimulated, boolean complete) {
        List<String> used = shown.stream().map(f -> f.runtime().id()).distinct().toList();
        String label = runtime != null ? runtime : used.size() == 1 ? used.get(0) : "per-family";
        return new FleetPlanJson(modelId, label, ratePerS, ttftP99S, tpotP99S, shown.stream().map(f -> fleet(catalog, f)).toList(),
                notSimulated, complete);
    }

    /** Returns how far a fleet's figures can be trusted: its accelerator's family on its runtime. */
    public static Confidence confidence(Catalog catalog, FleetPlanner.Fleet f) {
        return Trust.inference(catalog, f.server().accelerator().orElseThrow(), f.runtime().id());
    }

    private static FleetJson fleet(Catalog catalog, FleetPlanner.Fleet f) {
        Confidence c = confidence(catalog, f);
        var low = f.hour().usdPerMillionTokensLow();
        var high = f.hour().usdPerMillionTokensHigh();
        Range range = new Range(ConfidenceJson.rate(f.report().outputTokensPerS(), c), low.isPresent()
                ? List.of(ConfidenceJson.time(low.getAsDouble(), c).get(0), ConfidenceJson.time(high.getAsDouble(), c).get(1)) : null);
        return new FleetJson(f.server().id(), f.runtime().id(), f.runtime().version(), f.tp(), f.weights().key(), f.prefillReplicas() == 0 ? "mixed" : "disaggregated",
                f.replicas(), f.prefillReplicas(), f.servers(), f.gpus(), f.report().ttft().p99(), f.report().tpot().p99(),
                f.report().outputTokensPerS(), orNull(f.usdPerHour()), orNull(f.usdPerMillionTokens()), ConfidenceJson.of(c), range,
                orNull(low), orNull(high), f.price().map(PriceJson::of).orElse(null));
    }
}
