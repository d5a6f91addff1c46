package org.suanli.market;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A demand file's servers set against one year's reported global AI-server shipments ({@code suanli market demand FILE
 * --shipments YEAR}): "could the servers shipped in that year have trained and served this list". For each year of the
 * demand and for all its entries at once: servers needed, their share of the year's shipments (servers / shipments x
 * 100), GPUs, power and capital as {@link Demand} computes them. The capital covers only servers with a price
 * ({@code unpricedServers} names the others).
 *
 * @param rows one per demand year, then "all" (every entry at once)
 */
public record DemandVsShipments(Shipments shipments, List<Row> rows, List<String> unpricedServers) {
    /** A year of the demand, or "all", against the shipments. */
    public record Row(String demand, long servers, long gpus, double powerKw, double capexUsd, boolean capexComplete, double sharePct) {
    }

    /** Returns the demand of {@code report} against {@code shipments}. */
    public static DemandVsShipments of(Demand.Report report, Shipments shipments) {
        List<Row> rows = new ArrayList<>();
        long servers = 0;
        long gpus = 0;
        double kw = 0;
        double capex = 0;
        boolean complete = true;
        for (Demand.YearTotal y : report.years()) {
            rows.add(new Row(String.valueOf(y.year()), y.servers(), y.gpus(), y.powerKw(), y.capexUsd(), y.capexComplete(),
                    share(y.servers(), shipments)));
            servers += y.servers();
            gpus += y.gpus();
            kw += y.powerKw();
            capex += y.capexUsd();
            complete &= y.capexComplete();
        }
        rows.add(new Row("all", servers, gpus, kw, capex, complete, share(servers, shipments)));
        Set<String> unpriced = new LinkedHashSet<>();
        report.runs().stream().filter(r -> r.capexUsd().isEmpty()).forEach(r -> unpriced.add(r.server()));
        report.serving().stream().filter(r -> r.capexUsd().isEmpty()).forEach(r -> unpriced.add(r.server()));
        return new DemandVsShipments(shipments, List.copyOf(rows), List.copyOf(unpriced));
    }

    // servers needed as a share of the servers shipped, %
    private static double share(long servers, Shipments s) {
        return 100.0 * servers / s.units();
    }
}
