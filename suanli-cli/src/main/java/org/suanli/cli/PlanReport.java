package org.suanli.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.suanli.plan.Candidate;
import org.suanli.plan.PlanRequest;
import org.suanli.plan.PlanResult;
import org.suanli.report.Table;
import org.suanli.catalog.Catalog;
import org.suanli.units.Units;
import org.suanli.validation.Confidence;
import org.suanli.report.json.PlanJson;

/** Renders a plan as a CSV of the top plans or tables a newcomer can read (its JSON is {@link PlanJson}). */
final class PlanReport {
    private PlanReport() {
    }

    /** Returns how far a plan's figures can be trusted. */
    static Confidence confidence(Catalog catalog, Candidate c) {
        return PlanJson.confidence(catalog, c);
    }

    /** True where the plans carry expected days with failures (a token budget and failures modelled). */
    static boolean expected(PlanRequest req) {
        return req.failures().isPresent() && req.tokens().isPresent();
    }

    static Table table(Catalog catalog, PlanRequest req, PlanResult r) {
        boolean e = expected(req);
        List<String> head = new ArrayList<>(List.of("rank", "server", "servers", "GPUs", "layout", "step", "MFU", "mem/GPU"));
        head.addAll(e ? List.of("ideal days", "expected days", "expected GPU-hours") : List.of("days", "GPU-hours"));
        head.addAll(List.of("energy MWh", "cost", "confidence"));
        Table t = new Table(head).alignRight(e ? new int[] {0, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12} : new int[] {0, 2, 3, 5, 6, 7, 8, 9, 10, 11});
        int rank = 1;
        for (Candidate c : r.top()) {
            List<String> cells = row(rank++, c, e);
            cells.add(ConfidenceReport.tag(confidence(catalog, c)));
            t.add(cells);
        }
        return t;
    }

    private static List<String> rankingNotes(Catalog catalog, List<Candidate> ranked) {
        return PlanJson.rankingNotes(catalog, ranked);
    }

    private static List<String> row(int rank, Candidate c, boolean expected) {
        List<String> cells = new ArrayList<>();
        cells.add(String.valueOf(rank));
        cells.add(c.server().id());
        cells.add(String.valueOf(c.servers()));
        cells.add(String.valueOf(c.result().gpus()));
        cells.add(PlanTrainCommand.layoutText(c.layout()));
        cells.add(Units.formatTime(c.result().stepTimeS()));
        cells.add(String.format(Locale.ROOT, "%.1f%%", 100 * c.result().mfu()));
        cells.add(Units.formatBytes(c.result().memoryPerGpuBytes()));
        cells.add(c.days().isPresent() ? Units.num(c.days().getAsDouble()) : "-");
        if (expected) {
            cells.add(c.expected().isPresent() ? Units.num(c.expected().get().days()) : "-");
            cells.add(c.expected().isPresent() ? String.format(Locale.ROOT, "%,.0f", c.expected().get().gpuHours()) : "-");
        } else {
            cells.add(c.gpuHours().isPresent() ? String.format(Locale.ROOT, "%,.0f", c.gpuHours().getAsDouble()) : "-");
        }
        cells.add(c.days().isPresent() ? Units.num(c.cost().energyKwh() / 1000) : "-");
        cells.add(costText(c));
        return cells;
    }

    /**
     * The plan's cost (the expected one where failures are modelled), "no price", or "needs --tokens" when there is no
     * training time to cost (no made-up $0).
     */
    private static String costText(Candidate c) {
        if (c.days().isEmpty()) {
            return "needs --tokens";
        }
        var cost = cost(c);
        if (cost.totalUsd().isEmpty()) {
            return "no price";
        }
        double lo = cost.totalUsdLow().getAsDouble();
        double hi = cost.totalUsdHigh().getAsDouble();
        return hi > lo * (1 + 1e-9) ? Units.formatMoney(lo) + "-" + Units.formatMoney(hi) : Units.formatMoney(cost.totalUsd().getAsDouble());
    }

    private static org.suanli.cost.RunCost cost(Candidate c) {
        return c.expected().isPresent() ? c.expected().get().cost() : c.cost();
    }

    /** One line per server type listed with the published price its costs use, then notes where prices do not decide the order. */
    private static List<String> priceNotes(PlanRequest req, List<Candidate> top) {
        java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
        List<org.suanli.cost.PriceRanking.Entry> entries = new java.util.ArrayList<>();
        for (Candidate c : top) {
            var cost = cost(c);
            cost.price().ifPresent(q -> lines.putIfAbsent(c.server().id(), "price of " + c.server().id() + ": " + q.describe()));
            if (c.days().isPresent() && cost.totalUsd().isPresent()) {
                entries.add(new org.suanli.cost.PriceRanking.Entry(c.server().id() + " x" + c.servers(), cost.totalUsdLow().getAsDouble(),
                        cost.totalUsdHigh().getAsDouble(), cost.price().orElse(null)));
            }
        }
        List<String> out = new java.util.ArrayList<>(lines.values());
        if (req.objective() == org.suanli.plan.Objective.COST) {
            out.addAll(org.suanli.cost.PriceRanking.notes(entries, ""));
        }
        return out;
    }

    static String text(Catalog catalog, PlanRequest req, PlanResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: train ").append(req.model().name());
        req.tokens().ifPresent(t -> sb.append(" on ").append(Units.num(t / 1e12)).append("T tokens"));
        req.days().ifPresent(d -> sb.append(" within ").append(Units.num(d)).append(" days"));
        req.fixedServers().ifPresent(n -> sb.append(" on ").append(n).append(" servers"));
        req.budgetUsd().ifPresent(b -> sb.append(" within ").append(Units.formatMoney(b)));
        sb.append(", minimising ").append(req.objective().name().toLowerCase(Locale.ROOT)).append('\n');
        sb.append(String.format(Locale.ROOT, "searched %,d layouts on %d server types in %.1f s%s%n", r.evaluated(), req.servers().size(),
                r.wallS(), r.complete() ? "" : " (stopped early: best found so far)"));
        String frameworks = String.join(", ", req.servers().stream().map(s -> req.space().frameworkFor().apply(s).id()).distinct().toList());
        sb.append(String.format(Locale.ROOT, "assumptions: seq %d, global batch %d sequences, %s; cost: %s-year amortisation, PUE %s, $%s/kWh%s%n%n",
                req.space().seqLen(), req.space().globalBatch(), frameworks, Units.num(req.costs().amortisationYears()),
                Units.num(req.costs().pue()), Units.num(req.costs().usdPerKwh()),
                req.costs().usdPerGpuHour().isPresent() ? ", cloud $" + Units.num(req.costs().usdPerGpuHour().getAsDouble()) + "/GPU-hour" : ""));
        if (expected(req)) {
            sb.setLength(sb.length() - 1);
            r.top().stream().flatMap(c -> c.expected().stream()).findFirst().ifPresent(e -> sb.append("failures: plans ranked by expected "
                    + "days (ideal days / goodput), cost priced on them; ").append(e.goodput().basis()).append('\n'));
            sb.append('\n');
        }
        if (r.top().isEmpty()) {
            sb.append("No plan meets the constraints. Rejections below say why.\n\n");
        } else {
            Candidate best = r.top().get(0);
            sb.append("Best: ").append(best.servers()).append(" x ").append(best.server().name()).append(" (")
                    .append(best.result().gpus()).append(" GPUs), ").append(PlanTrainCommand.layoutText(best.layout()));
            if (best.expected().isPresent()) {
                sb.append(String.format(Locale.ROOT, ", %s expected days (%s ideal, goodput %.1f%%)", Units.num(best.expected().get().days()),
                        Units.num(best.days().getAsDouble()), 100 * best.expected().get().goodput().goodput()));
            } else {
                best.days().ifPresent(d -> sb.append(String.format(Locale.ROOT, ", %s days", Units.num(d))));
            }
            if (best.days().isPresent()) {
                (best.expected().isPresent() ? best.expected().get().cost() : best.cost()).totalUsd()
                        .ifPresent(u -> sb.append(", ").append(Units.formatMoney(u)));
            } else {
                sb.append(", cost and energy need --tokens");
            }
            Confidence conf = confidence(catalog, best);
            sb.append(" (").append(conf.describe()).append(')');
            sb.append("\n\n").append(table(catalog, req, r).toText()).append('\n');
            rankingNotes(catalog, r.top()).forEach(n -> sb.append(n).append('\n'));
            priceNotes(req, r.top()).forEach(n -> sb.append(n).append('\n'));
        }
        if (r.bestPerServer().size() > 1) {
            boolean e = expected(req);
            List<String> head = new ArrayList<>(List.of("server", "accelerator", "servers", "GPUs", "layout", "MFU"));
            head.addAll(e ? List.of("ideal days", "expected days", "expected GPU-hours") : List.of("days", "GPU-hours"));
            head.addAll(List.of("cost", "confidence"));
            Table b = new Table(head).alignRight(e ? new int[] {2, 3, 5, 6, 7, 8, 9} : new int[] {2, 3, 5, 6, 7, 8});
            for (Candidate c : r.bestPerServer()) {
                List<String> cells = new ArrayList<>(List.of(c.server().id(), c.server().accelerator().map(a -> a.id()).orElse(""),
                        String.valueOf(c.servers()), String.valueOf(c.result().gpus()), PlanTrainCommand.layoutText(c.layout()),
                        String.format(Locale.ROOT, "%.1f%%", 100 * c.result().mfu()),
                        c.days().isPresent() ? Units.num(c.days().getAsDouble()) : "-"));
                if (e) {
                    cells.add(c.expected().isPresent() ? Units.num(c.expected().get().days()) : "-");
                    cells.add(c.expected().isPresent() ? String.format(Locale.ROOT, "%,.0f", c.expected().get().gpuHours()) : "-");
                } else {
                    cells.add(c.gpuHours().isPresent() ? String.format(Locale.ROOT, "%,.0f", c.gpuHours().getAsDouble()) : "-");
                }
                cells.add(costText(c));
                cells.add(ConfidenceReport.tag(confidence(catalog, c)));
                b.add(cells);
            }
            sb.append("Best plan of each server type:\n\n").append(b.toText()).append('\n');
            rankingNotes(catalog, r.bestPerServer()).forEach(n -> sb.append(n).append('\n'));
        }
        if (r.pareto().size() > 1) {
            Table p = new Table(List.of("server", "servers", expected(req) ? "expected days" : "days", "cost")).alignRight(1, 2, 3);
            for (Candidate c : r.pareto()) {
                p.add(c.server().id(), String.valueOf(c.servers()),
                        c.expectedDays().isPresent() ? Units.num(c.expectedDays().getAsDouble()) : "-", costText(c));
            }
            sb.append("Pareto front, time vs cost (no plan is both faster and cheaper than these):\n\n").append(p.toText()).append('\n');
        }
        Table rej = new Table(List.of("rejected layouts", "count")).alignRight(1);
        r.rejections().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> rej.add(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue())));
        sb.append(rej.toText());
        return sb.toString();
    }
}
