package org.suanli.report.json;

import static org.suanli.report.json.Absent.orNull;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.suanli.market.Demand;

/**
 * What a demand file needs ({@code suanli market demand --json}): each training run and serving load as planned, and the
 * servers, GPUs, power and capital of each year.
 */
@JsonNaming(SnakeCase.class)
public record DemandJson(List<Run> runs, List<Load> serving, List<Year> years, boolean complete) {

    /** One training run on the smallest cluster that meets its deadline. */
    @JsonNaming(SnakeCase.class)
    public record Run(int year, String model, double tokens, double days, String server, int count, int servers, int gpus, double kw,
                      Double capexUsd, double timeToTrainDays) {
    }

    /** One serving load on the cheapest fleet that meets its p99 targets. */
    @JsonNaming(SnakeCase.class)
    public record Load(int year, String model, double ratePerS, String server, int count, int tp, int replicas, int servers, int gpus,
                       double kw, Double capexUsd) {
    }

    /** A year's totals; the capital is complete only when every server of the year has a published price. */
    @JsonNaming(SnakeCase.class)
    public record Year(int year, int servers, long gpus, double kw, double capexUsd, boolean capexComplete) {
    }

    public static DemandJson of(Demand.Report report) {
        return new DemandJson(
                report.runs().stream().map(r -> new Run(r.year(), r.model(), r.tokens(), r.days(), r.server(), r.count(), r.servers(),
                        r.gpus(), r.powerKw(), orNull(r.capexUsd()), r.achievedDays())).toList(),
                report.serving().stream().map(r -> new Load(r.year(), r.model(), r.ratePerS(), r.server(), r.count(), r.tp(), r.replicas(),
                        r.servers(), r.gpus(), r.powerKw(), orNull(r.capexUsd()))).toList(),
                report.years().stream().map(y -> new Year(y.year(), y.servers(), y.gpus(), y.powerKw(), y.capexUsd(), y.capexComplete()))
                        .toList(), report.complete());
    }
}
