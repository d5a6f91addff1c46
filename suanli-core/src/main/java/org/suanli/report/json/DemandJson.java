package org.suanli.report.json;

import static org.suanli.report.json.Absent.orNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Optional;
import org.suanli.market.Demand;
import org.suanli.market.DemandVsShipments;
import org.suanli.market.Shipments;

/**
 * What a demand file needs ({@code suanli market demand --json}): each training run and serving load as planned, and the
 * servers, GPUs, power and capital of each year; with {@code --shipments YEAR}, {@code against_shipments}: the demand as a
 * share of that year's reported global AI-server shipments (absent without the option).
 */
@JsonNaming(SnakeCase.class)
public record DemandJson(List<Run> runs, List<Load> serving, List<Year> years, boolean complete,
                         @JsonInclude(Include.NON_NULL) AgainstShipments againstShipments) {

    /** The demand against a year's shipments: the shipments as reported (or derived, with the arithmetic), then a row per year. */
    @JsonNaming(SnakeCase.class)
    public record AgainstShipments(int year, long shipmentsUnits, String shipmentsQualifier, String shipmentsKind, boolean derived,
                                   String arithmetic, String provider, List<ShipmentSource> sources, List<Share> rows,
                                   List<String> unpricedServers) {
        static AgainstShipments of(DemandVsShipments d) {
            Shipments s = d.shipments();
            return new AgainstShipments(s.year(), Math.round(s.units()), s.qualifier().key(), s.kind().key(), s.derived(), s.arithmetic(),
                    s.provider(), s.inputs().stream().map(r -> new ShipmentSource(r.series(), r.year(), r.value(), r.unit(), r.kind().key(),
                            r.provider(), r.published(), r.source(), r.quote())).toList(),
                    d.rows().stream().map(r -> new Share(r.demand(), r.servers(), r.sharePct(), r.gpus(), r.powerKw(), r.capexUsd(),
                            r.capexComplete())).toList(), d.unpricedServers());
        }
    }

    /** A reported figure the shipments rest on. */
    @JsonNaming(SnakeCase.class)
    public record ShipmentSource(String series, int year, double value, String unit, String kind, String provider, String published,
                                 String source, String quote) {
    }

    /** A year of the demand (or "all") as a share of the shipments; the capital covers priced servers only unless complete. */
    @JsonNaming(SnakeCase.class)
    public record Share(String demand, long servers, double shareOfShipmentsPct, long gpus, double kw, double capexUsd,
                        boolean capexComplete) {
    }

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
        return of(report, Optional.empty());
    }

    /** As {@link #of(Demand.Report)}, with the demand against a year's shipments when given. */
    public static DemandJson of(Demand.Report report, Optional<DemandVsShipments> shipments) {
        return new DemandJson(
                report.runs().stream().map(r -> new Run(r.year(), r.model(), r.tokens(), r.days(), r.server(), r.count(), r.servers(),
                        r.gpus(), r.powerKw(), orNull(r.capexUsd()), r.achievedDays())).toList(),
                report.serving().stream().map(r -> new Load(r.year(), r.model(), r.ratePerS(), r.server(), r.count(), r.tp(), r.replicas(),
                        r.servers(), r.gpus(), r.powerKw(), orNull(r.capexUsd()))).toList(),
                report.years().stream().map(y -> new Year(y.year(), y.servers(), y.gpus(), y.powerKw(), y.capexUsd(), y.capexComplete()))
                        .toList(), report.complete(), shipments.map(AgainstShipments::of).orElse(null));
    }
}
