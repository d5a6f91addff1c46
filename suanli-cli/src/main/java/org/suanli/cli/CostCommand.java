package org.suanli.cli;

import org.suanli.input.Check;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.cost.BillOfMaterials;
import org.suanli.cost.CostAssumptions;
import org.suanli.cost.CostModel;
import org.suanli.cost.PriceBasis;
import org.suanli.cost.PriceQuote;
import org.suanli.cost.RunCost;
import org.suanli.hardware.BomLine;
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
                + "its shares, the share made by Chinese vendors and the export status of its accelerators.")
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
        if (s.bom().isEmpty()) {
            throw new BadInputException("--server " + s.id(), "has no bill of materials in the catalog",
                    "expected a server with a 'bom' list, e.g. dgx-h100 or general-2s-spr");
        }
        BillOfMaterials b = BillOfMaterials.of(s, catalog, rule);
        common.render(() -> BomJson.of(b, rule), () -> bomTable(b).toCsv(), () -> bomText(s, b, bomTable(b)));
    }

    private static Table bomTable(BillOfMaterials b) {
        Table t = new Table(List.of("part", "category", "count", "unit", "total", "share", "maker", "country"))
                .alignRight(2, 3, 4, 5).wrap(0, 50);
        for (BomLine l : b.lines()) {
            t.add(l.part(), l.category(), String.valueOf(l.count()), Units.formatMoney(l.unitPriceUsd()), Units.formatMoney(l.totalUsd()),
                    pct(l.totalUsd() / b.totalUsd()), l.maker(), l.country());
        }
        t.add("total", "", "", "", Units.formatMoney(b.totalUsd()), "100%", "", "");
        return t;
    }

    private String bomText(Server s, BillOfMaterials b, Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Bill of materials: ").append(s.name()).append("\n\n").append(t.toText()).append('\n');
        Table shares = new Table(List.of("category", "share")).alignRight(1);
        b.categoryShares().forEach((k, v) -> shares.add(k, pct(v)));
        sb.append(shares.toText()).append('\n');
        sb.append("made by Chinese vendors: ").append(pct(b.chineseShare())).append(" of the bill\n");
        b.exportVerdicts().forEach((part, v) -> sb.append("export control (rule ").append(rule).append("): ").append(part)
                .append(" -> ").append(v).append('\n'));
        return sb.toString();
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
