package org.suanli.report.json;

import static org.suanli.report.json.Absent.orNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.suanli.catalog.Catalog;
import org.suanli.plan.Candidate;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.training.Layout;
import org.suanli.validation.Confidence;
import org.suanli.validation.Trust;

/**
 * A training plan ({@code suanli plan train --json}): the question, how much was searched, the top plans, the best plan
 * of each server type, the time-versus-cost Pareto front, notes where a less-trusted plan ranks first, and rejections.
 */
@JsonNaming(SnakeCase.class)
public record PlanJson(String model, String objective, @JsonInclude(Include.NON_NULL) Double tokens,
                       @JsonInclude(Include.NON_NULL) Double days, @JsonInclude(Include.NON_NULL) Double budgetUsd,
                       @JsonInclude(Include.NON_NULL) Integer servers, long evaluated, boolean complete, double wallS,
                       List<CandidateJson> top, List<CandidateJson> bestPerServer, List<CandidateJson> pareto,
                       List<String> rankingNotes, List<String> bestPerServerRankingNotes, Map<String, Long> rejections,
                       @JsonInclude(Include.NON_NULL) String goodputBasis) {

    /** One plan: a layout on a number of servers, its speed, memory, time, energy and cost (null where unknown). */
    @JsonNaming(SnakeCase.class)
    public record CandidateJson(String server, int servers, int gpus, LayoutJson layout, double stepTimeS, double tokensPerS,
                                double mfu, double memoryPerGpuBytes, Double timeToTrainDays, Double gpuHours, double energyKwh,
                                double kw, Double usd, Double capexUsd, Double usdPerMillionTokens, ConfidenceJson confidence,
                                Range range, @JsonInclude(Include.NON_NULL) Double goodput,
                                @JsonInclude(Include.NON_NULL) Double expectedDays, @JsonInclude(Include.NON_NULL) Double expectedGpuHours,
                                @JsonInclude(Include.NON_NULL) Double expectedUsd) {
    }

    /** A plan's layout. */
    @JsonNaming(SnakeCase.class)
    public record LayoutJson(int tp, int pp, int vpp, int cp, int ep, int dp, int microBatch, int globalBatch, int zero,
                             String recompute, String precision, String framework, String schedule, String offload) {
    }

    /** A plan's headline figures within the confidence band: {@code [low, high]}. */
    @JsonNaming(SnakeCase.class)
    public record Range(List<Double> stepTimeS, @JsonInclude(Include.NON_NULL) List<Double> timeToTrainDays,
                        @JsonInclude(Include.NON_NULL) List<Double> usd) {
    }

    public static PlanJson of(Catalog catalog, PlanRequest req, PlanResult r) {
        return new PlanJson(req.model().id(), req.objective().name().toLowerCase(Locale.ROOT), orNull(req.tokens()),
                orNull(req.days()), orNull(req.budgetUsd()),
                orNull(req.fixedServers()), r.evaluated(), r.complete(), r.wallS(),
                candidates(catalog, r.top()), candidates(catalog, r.bestPerServer()), candidates(catalog, r.pareto()),
                rankingNotes(catalog, r.top()), rankingNotes(catalog, r.bestPerServer()), r.rejections(), goodputBasis(r));
    }

    /** The basis of the plans' expected days (the same inputs for every plan), or null where failures are not modelled. */
    private static String goodputBasis(PlanResult r) {
        return r.top().stream().flatMap(c -> c.expected().stream()).map(e -> e.goodput().basis()).findFirst().orElse(null);
    }

    /** Returns how far a plan's figures can be trusted: its accelerator's family on its framework preset. */
    public static Confidence confidence(Catalog catalog, Candidate c) {
        var fw = c.layout().framework();
        return Trust.training(catalog, c.server().accelerator().orElseThrow(), fw.presetId(), fw.asPublished());
    }

    /** Returns the notes on a ranking of plans where a less-trusted plan ranks above a better-trusted one. */
    public static List<String> rankingNotes(Catalog catalog, List<Candidate> ranked) {
        return ConfidenceJson.rankingNotes(ranked.stream().map(c -> confidence(catalog, c)).toList(),
                ranked.stream().map(c -> c.servers() + " x " + c.server().id()).toList());
    }

    public static CandidateJson candidate(Catalog catalog, Candidate c) {
        Layout l = c.layout();
        LayoutJson layout = new LayoutJson(l.tp(), l.pp(), l.vpp(), l.cp(), l.ep(), l.dp(), l.microBatch(), l.globalBatch(), l.zero(),
                l.recompute().name().toLowerCase(Locale.ROOT), l.precision().key(), l.framework().id(), l.schedule().key(),
                l.offload().key());
        Confidence conf = confidence(catalog, c);
        Range range = new Range(ConfidenceJson.time(c.result().stepTimeS(), conf),
                c.days().isPresent() ? ConfidenceJson.time(c.days().getAsDouble(), conf) : null,
                c.cost().totalUsd().isPresent() ? ConfidenceJson.time(c.cost().totalUsd().getAsDouble(), conf) : null);
        return new CandidateJson(c.server().id(), c.servers(), c.result().gpus(), layout, c.result().stepTimeS(), c.result().tokensPerS(),
                c.result().mfu(), c.result().memoryPerGpuBytes(), orNull(c.days()), orNull(c.gpuHours()), c.cost().energyKwh(),
                c.cost().powerKw(), orNull(c.cost().totalUsd()), orNull(c.cost().capexUsd()), orNull(c.cost().usdPerMillionTokens()),
                ConfidenceJson.of(conf), range, c.expected().map(e -> e.goodput().goodput()).orElse(null),
                c.expected().map(Candidate.Expected::days).orElse(null), c.expected().map(Candidate.Expected::gpuHours).orElse(null),
                c.expected().flatMap(e -> e.cost().totalUsd().isPresent() ? java.util.Optional.of(e.cost().totalUsd().getAsDouble())
                        : java.util.Optional.empty()).orElse(null));
    }

    private static List<CandidateJson> candidates(Catalog catalog, List<Candidate> cs) {
        return cs.stream().map(c -> candidate(catalog, c)).toList();
    }
}
