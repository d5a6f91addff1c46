package org.suanli.cli;

import org.suanli.input.Check;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.suanli.catalog.Catalog;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.PriceBasis;
import org.suanli.cost.PriceQuote;
import org.suanli.cost.RunCost;
import java.util.OptionalDouble;
import org.suanli.supply.ServerSupply;
import org.suanli.supply.Substitute;
import org.suanli.supply.SupplyChain;
import org.suanli.hardware.Server;
import org.suanli.report.json.BomJson;
import org.suanli.report.json.CostJson;
import org.suanli.report.Table;
import org.suanli.units.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suanli cost}: total cost of ownership of servers, or a server's bill of materials. */
@Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cost of owning and running servers (capital amortised + energy), or --bom: the bill of materials, "
                + "its shares by category and country, the rules on each part, and what a domestic (Chinese) substitute needs.")
final class CostCommand implements Runnable {
    @Mixin
    CommonOptions common;

    @Mixin
    CostOptions costOptions;

    @Option(names = "--server", required = true, paramLabel = "S", description = "Server id, e.g. dgx-h100.")
    String server;

    @Option(names = "--servers", defaultValue = "1", paramLabel = "N", description = "Number of servers, 1 to 1,000,000 (default 1).")
    int servers;

    @Option(names = "--days", defaultValue = "365", paramLabel = "D", description = "Days of operation, above 0 and at most 36,525 (default 365).")
    double days;

    @Option(names = "--bom", description = "Show the bill of materials instead.")
    boolean bom;

    @Option(names = "--rule", defaultValue = "2023-10", description = "Export rule for the accelerators in --bom (default 2023-10).")
    String rule;

    @Option(names = "--accelerator-usd", paramLabel = "USD", description = "With --bom, for a server without a published bill: "
            + "the accelerator unit price, above 0 and at most 10,000,000 (default: its published price, as --price-date etc. pick it; "
            + "without one the shares by country are unknown).")
    Double acceleratorUsd;

    @Override
    public void run() {
        common.checkFormat();
        Check.count("--servers", servers, 1, Check.MAX_SERVERS);
        Check.positive("--days", days, Check.MAX_DAYS);
        costOptions.check();
        Catalog catalog = common.catalog();
        Server s = catalog.server(server);
        if (bom) {
            bom(s, catalog);
        } else {
            tco(s);
        }
    }

    private void tco(Server s) {
        CostAssumptions a = costOptions.assumptions();
        RunCost c = CostModel.run(s, servers, days * 86400, 0, a);
        common.render(() -> CostJson.of(s, servers, days, c, a), () -> tcoTable(s, c, a).toCsv(), () -> tcoTable(s, c, a).toText()
                + priceNote(s, c, a) + powerNote(s));
    }

    private static String powerNote(Server s) {
        CostModel.Power power = CostModel.serverPower(s);
        return power.basis().equals("published") ? "" : "\npower at maximum is " + power.basis() + ": " + power.rule() + "\n";
    }

    /** Where the price came from, or why there is none (what was searched). */
    private static String priceNote(Server s, RunCost c, CostAssumptions a) {
        if (a.usdPerGpuHour().isPresent()) {
            return "\nprice: the given " + Units.num(a.usdPerGpuHour().getAsDouble()) + " USD per GPU-hour\n";
        }
        if (c.price().isPresent()) {
            PriceQuote q = c.price().get();
            return "\nprice: " + q.describe() + "\n" + (q.basis() == PriceBasis.RENT ? "rented: the rate includes energy, shown for reference only\n" : "");
        }
        return "\nprice: none published for " + s.id() + a.prices().book().searched(s.id()).map(x -> " (searched: " + x + ")").orElse("")
                + "; give one with --usd-per-gpu-hour, --prices FILE or a catalog entry's price\n";
    }

    private Table tcoTable(Server s, RunCost c, CostAssumptions a) {
        Table t = new Table(List.of("item", "value")).alignRight(1);
        t.add("servers", servers + " x " + s.id());
        Optional<PriceQuote> q = c.price();
        boolean rented = q.isPresent() && q.get().basis() == PriceBasis.RENT;
        if (a.usdPerGpuHour().isPresent() || rented) {
            t.add("rented per GPU-hour", a.usdPerGpuHour().isPresent() ? String.format(Locale.ROOT, "$%.3f", a.usdPerGpuHour().getAsDouble())
                    : q.get().amountText() + " (" + q.get().kind() + ", " + q.get().date() + ")");
        } else {
            t.add("server price", q.isPresent() ? q.get().amountText() + " (" + (q.get().derived() ? "derived" : q.get().kind()) + ", "
                    + q.get().date() + ")" : "not published");
            t.add("capital (servers + network ports)", c.capexUsd().isPresent() ? range(c, c.capexUsd().getAsDouble(), q, true) : "not published");
            t.add(String.format(Locale.ROOT, "capital amortised over %s days (%s-year life)", Units.num(days), Units.num(a.amortisationYears())),
                    c.amortisedUsd().isPresent() ? range(c, c.amortisedUsd().getAsDouble(), q, false) : "not published");
        }
        CostModel.Power power = CostModel.serverPower(s);
        t.add("power at maximum", Units.formatPower(c.powerKw() * 1000) + (power.basis().equals("published") ? "" : " (" + power.basis() + ")"));

        t.add(String.format(Locale.ROOT, "energy (%s%% load, PUE %s)", Units.num(a.utilisation() * 100), Units.num(a.pue())),
                Units.num(c.energyKwh() / 1000) + " MWh");
        t.add("energy cost" + (rented || a.usdPerGpuHour().isPresent() ? " (in the rate)" : ""), Units.formatMoney(c.energyUsd()));
        t.add("total", c.totalUsd().isPresent() ? money(c.totalUsdLow().getAsDouble(), c.totalUsdHigh().getAsDouble()) : "needs a price");
        CostModel.usdPerGpuHour(s, servers, days, c)
                .ifPresent(usd -> t.add("per GPU-hour", String.format(Locale.ROOT, "$%.3f", usd)));
        return t;
    }

    /** Capital (or its amortised share) shown as its range where the price is one: the ports' share does not vary. */
    private String range(RunCost c, double mid, Optional<PriceQuote> q, boolean capital) {
        if (q.isEmpty() || !q.get().isRange()) {
            return Units.formatMoney(mid);
        }
        double capex = c.capexUsd().getAsDouble();
        double low = capex - servers * (q.get().centralUsd() - q.get().lowUsd());
        double high = capex + servers * (q.get().highUsd() - q.get().centralUsd());
        double scale = capital ? 1 : mid / capex;
        return money(low * scale, high * scale);
    }

    private static String money(double low, double high) {
        return high > low * (1 + 1e-12) ? Units.formatMoney(low) + "-" + Units.formatMoney(high) : Units.formatMoney(low);
    }

    private void bom(Server s, Catalog catalog) {
        ServerSupply b = ServerSupply.of(s, catalog, SupplyChain.builtIn(),
                acceleratorUsd == null ? OptionalDouble.empty() : OptionalDouble.of(acceleratorUsd), costOptions.assumptions().prices(), rule);
        common.render(() -> BomJson.of(b), () -> bomTable(b).toCsv(), () -> bomText(s, b, bomTable(b)));
    }

    private static Table bomTable(ServerSupply b) {
        Table t = new Table(List.of("part", "category", "count", "unit", "total", "share", "maker", "country", "basis", "rules"))
                .alignRight(2, 3, 4, 5).wrap(0, 40).wrap(6, 24).wrap(9, 40);
        for (ServerSupply.Line l : b.lines()) {
            t.add(l.part(), l.category(), String.valueOf(l.count()), money(l.unitUsd()), money(l.totalUsd()),
                    b.totalUsd().isPresent() ? pct(l.totalUsd().getAsDouble() / b.totalUsd().getAsDouble()) : "unknown", l.maker(), l.country(),
                    l.basis(), l.rules().isEmpty() ? "none recorded" : String.join("; ", l.rules().stream()
                            .map(r -> r.link().equals("chip") && r.rule().matches("\\d{4}-\\d{2}") ? "chip " + r.rule() + ": " + r.verdict()
                                    : r.link() + " " + r.rule()).toList()));
        }
        t.add("total", "", "", "", money(b.totalUsd()), b.totalUsd().isPresent() ? "100%" : "unknown", "", "", "", "");
        return t;
    }

    private static String money(OptionalDouble usd) {
        return usd.isPresent() ? Units.formatMoney(usd.getAsDouble()) : "no price";
    }

    private String bomText(Server s, ServerSupply b, Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Bill of materials: ").append(s.name()).append(b.basis().equals("derived")
                ? " (derived: no published bill; assumptions below)" : " (the catalog's bill)").append("\n\n").append(t.toText()).append('\n');
        if (b.totalUsd().isPresent()) {
            Table shares = new Table(List.of("category", "share")).alignRight(1);
            b.categoryShares().forEach((k, v) -> shares.add(k, pct(v)));
            sb.append(shares.toText()).append('\n');
            sb.append("share by country: ").append(String.join(", ", b.countryShares().entrySet().stream()
                    .map(e -> e.getKey() + " " + pct(e.getValue())).toList())).append('\n');
            sb.append("made by Chinese vendors: ").append(pct(b.chineseShare().getAsDouble())).append(" of the bill\n");
        } else {
            sb.append("share by country: unknown (").append(b.sharesUnknownBecause().get()).append(" with --accelerator-usd)\n");
        }
        b.exportVerdicts().forEach((part, v) -> sb.append("export control (rule ").append(rule).append("): ").append(part)
                .append(" -> ").append(v).append('\n'));
        b.systemRules().forEach(r -> sb.append("whole server: ").append(r.rule()).append(" ").append(r.name()).append(": ")
                .append(r.verdict()).append('\n'));
        for (ServerSupply.Line l : b.lines()) {
            l.chain().ifPresent(c -> {
                sb.append("\nSupply chain of ").append(l.part()).append(":\n");
                c.links().forEach(k -> sb.append("  ").append(k.link()).append(": ").append(k.what()).append(" [").append(k.country())
                        .append("]\n"));
                sb.append("  packaging: ").append(c.packaging().map(p -> p.text()).orElse("not published")).append('\n');
                c.rules().forEach(r -> sb.append("  rule on the ").append(r.link()).append(": ").append(r.rule()).append(" ")
                        .append(r.name()).append(" -> ").append(r.verdict()).append('\n'));
            });
        }
        sb.append("\nWhat a domestic (Chinese) substitute needs:\n");
        if (b.substitutes().isEmpty()) {
            sb.append("  nothing: every line is made by a Chinese vendor\n");
        }
        for (Substitute x : b.substitutes()) {
            sb.append("  ").append(x.part()).append(" (").append(x.category()).append(", ").append(x.country()).append(") -> ")
                    .append(x.domesticId().map(id -> x.domesticName() + " (" + id + ")").orElse(x.domesticName())).append(": ")
                    .append(x.basis()).append('\n');
            for (Substitute.Gap g : x.gaps()) {
                sb.append("      ").append(g.metric()).append(": ").append(g.foreign()).append(" -> ").append(g.domestic())
                        .append(g.ratio().isPresent() ? String.format(Locale.ROOT, " (x%.2f)", g.ratio().getAsDouble()) : "").append('\n');
            }
            x.rules().forEach(r -> sb.append("      rule on the foreign part's ").append(r.link()).append(": ").append(r.rule())
                    .append(" -> ").append(r.verdict()).append('\n'));
            x.domesticRules().forEach(r -> sb.append("      rule on the substitute's ").append(r.link()).append(": ").append(r.rule())
                    .append(" -> ").append(r.verdict()).append('\n'));
        }
        sb.append("\nAssumptions:\n");
        b.assumptions().forEach(a -> sb.append("  - ").append(a).append('\n'));
        return sb.toString();
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
