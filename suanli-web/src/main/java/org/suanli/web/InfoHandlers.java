package org.suanli.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.catalog.TreeReader;
import org.suanli.compliance.ExportClassifier;
import org.suanli.market.Demand;
import org.suanli.market.Market;
import org.suanli.market.MarketSeries;
import org.suanli.report.CatalogView;
import org.suanli.report.Field;
import org.suanli.report.json.CatalogEntryJson;
import org.suanli.report.json.ClassificationJson;
import org.suanli.report.json.DemandJson;
import org.suanli.report.json.ExportRulesJson;
import org.suanli.report.json.MarketJson;
import org.suanli.report.json.ValidationJson;
import org.suanli.validation.Validator;

/** The catalog, classify, market and validate routes: each the CLI command of the same name with {@code --json}. */
final class InfoHandlers {
    private final WebContext web;

    InfoHandlers(WebContext web) {
        this.web = web;
    }

    private static Kind kind(String word) {
        if (word == null || word.isEmpty()) {
            return null;
        }
        return Kind.parse(word).orElseThrow(() -> new ApiException(422, "kind", "unknown kind '" + word + "'",
                "expected accelerator, cpu, server, model, link, fabric, framework, runtime or efficiency"));
    }

    /** The one kind {@code id} belongs to ({@code wanted} when given); an id of two kinds needs {@code kind}. */
    private Kind kindOf(String id, Kind wanted) {
        Catalog c = web.catalog();
        if (wanted != null) {
            c.get(wanted, id);
            return wanted;
        }
        List<Kind> kinds = c.kindsOf(id);
        if (kinds.isEmpty()) {
            throw c.unknownAnywhere(id);
        }
        if (kinds.size() > 1) {
            throw new ApiException(422, "kind", "'" + id + "' names a " + kinds.get(0).singular() + " and a " + kinds.get(1).singular(),
                    "expected kind=... to choose");
        }
        return kinds.get(0);
    }

    void catalogList(Context ctx) {
        Kind only = kind(ctx.queryParam("kind"));
        List<CatalogEntryJson> entries = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (only == null || k == only) {
                for (Object e : web.catalog().all(k)) {
                    entries.add(new CatalogEntryJson(k.singular(), CatalogView.fields(e), null));
                }
            }
        }
        WebContext.json(ctx, CatalogEntryJson.Entries.of(entries));
    }

    void catalogShow(Context ctx) {
        String id = ctx.pathParam("id");
        Kind k = kindOf(id, kind(ctx.queryParam("kind")));
        Catalog c = web.catalog();
        WebContext.json(ctx, new CatalogEntryJson(k.singular(), CatalogView.fields(c.get(k, id)), c.origin(k, id)));
    }

    void catalogCompare(Context ctx) {
        String param = ctx.queryParam("ids");
        List<String> ids = param == null ? List.of() : Arrays.stream(param.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (ids.size() < 2) {
            throw new ApiException(400, "ids", ids.isEmpty() ? "missing" : "one id", "expected two or more comma-separated ids of one kind");
        }
        Kind wanted = kind(ctx.queryParam("kind"));
        Catalog c = web.catalog();
        Kind k = kindOf(ids.get(0), wanted);
        List<CatalogEntryJson> columns = new ArrayList<>();
        for (String id : ids) {
            Kind other = kindOf(id, wanted == null && c.kindsOf(id).contains(k) ? k : wanted);
            if (other != k) {
                throw new ApiException(422, "ids", "'" + id + "' is a " + other.singular() + ", not a " + k.singular(),
                        "expected ids of one kind");
            }
            List<Field> fields = CatalogView.fields(c.get(k, id));
            columns.add(new CatalogEntryJson(k.singular(), fields, null));
        }
        WebContext.json(ctx, new CatalogEntryJson.Comparison(k.singular(), columns));
    }

    void classify(Context ctx) {
        String rule = ctx.queryParam("rule");
        var accelerator = web.catalog().accelerator(ctx.pathParam("id"));
        String r = rule == null ? "all" : rule;
        WebContext.json(ctx, ClassificationJson.of(ExportClassifier.builtIn().classify(accelerator, r),
                org.suanli.supply.SupplyChain.builtIn().chain(accelerator, r)));
    }

    void rules(Context ctx) {
        WebContext.json(ctx, ExportRulesJson.of(ExportClassifier.builtIn().rules()));
    }

    void marketSeries(Context ctx) {
        WebContext.json(ctx, MarketJson.Listing.of(Market.builtIn().data()));
    }

    void marketCagr(Context ctx) {
        Market market = Market.builtIn();
        MarketSeries s = market.series(requiredQuery(ctx, "series", "expected a series id (GET /api/market/series lists them)"));
        Integer from = year(ctx, "from");
        Integer to = year(ctx, "to");
        WebContext.json(ctx, MarketJson.Cagr.of(Market.cagr(s, from != null ? from : s.first().year(), to != null ? to : s.last().year())));
    }

    void marketCheck(Context ctx) {
        WebContext.json(ctx, MarketJson.Checks.of(Market.builtIn().check()));
    }

    /** {@code market check --forecast}: the seed's forecasts against the figures reported since. */
    void marketForecastCheck(Context ctx) {
        WebContext.json(ctx, MarketJson.ForecastChecks.of(Market.builtIn().checkForecasts()));
    }

    void marketProject(Context ctx) {
        String series = requiredQuery(ctx, "series", "expected a series id (GET /api/market/series lists them)");
        Integer to = year(ctx, "to");
        Integer year = to != null ? to : year(ctx, "year");
        if (year == null) {
            throw new ApiException(400, "to", "missing", "expected the year to project to (to, as market project --to), e.g. 2030");
        }
        String cagr = ctx.queryParam("cagr");
        Double pct = null;
        if (cagr != null) {
            try {
                pct = Double.parseDouble(cagr);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "cagr", "'" + cagr + "' is not a number", "expected growth in % a year, e.g. 25");
            }
            org.suanli.input.Check.above("--cagr", pct, -100, 1000);
        }
        Market market = Market.builtIn();
        WebContext.json(ctx, MarketJson.Projected.of(market.projectBoth(series, year,
                pct == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(pct))));
    }

    /**
     * {@code market demand [--shipments YEAR]}: the body is the demand file as JSON; its models must be catalog ids; the
     * query's {@code shipments} sets the demand against that year's reported AI-server shipments.
     */
    void marketDemand(Context ctx) {
        Integer shipmentsYear = year(ctx, "shipments");
        java.util.Optional<org.suanli.market.Shipments> shipments = shipmentsYear == null ? java.util.Optional.empty()
                : java.util.Optional.of(Market.builtIn().shipments(shipmentsYear));
        var b = web.body(ctx);
        String text = org.suanli.report.Json.write(b.tree());
        Demand.DemandFile demand = Demand.read(TreeReader.read("request body", text, true));
        demand.training().forEach(e -> Ids.check(e.where() + ".model", e.model()));
        demand.serving().forEach(e -> Ids.check(e.where() + ".model", e.model()));
        WebContext.json(ctx, web.limits().call(cancel -> {
            Demand.Report report = Demand.plan(demand, web.catalog(), n -> { }, cancel);
            return DemandJson.of(report, shipments.map(s -> org.suanli.market.DemandVsShipments.of(report, s)));
        }));
    }

    void validate(Context ctx) {
        String suite = ctx.queryParam("suite");
        List<String> names = suite == null || suite.equals("all") ? Validator.SUITES : List.of(suite);
        for (String n : names) {
            if (!Validator.SUITES.contains(n)) {
                throw new ApiException(Ids.looksLikePath(n) ? 400 : 404, "suite", "'" + n + "' is not a built-in suite",
                        "expected one of " + String.join(", ", Validator.SUITES) + " or all");
            }
        }
        WebContext.json(ctx, web.limits().call(cancel -> {
            List<Validator.Report> reports = new ArrayList<>();
            for (String n : names) {
                if (!cancel.get()) {
                    reports.add(Validator.run(Validator.load(n), web.catalog()));
                }
            }
            return ValidationJson.Suites.of(reports, org.suanli.validation.ValidationPool.overBuiltInSuites(reports));
        }));
    }

    private static String requiredQuery(Context ctx, String name, String expected) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw new ApiException(400, name, "missing", expected);
        }
        return v;
    }

    private static Integer year(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiException(400, name, "'" + v + "' is not a year", "expected a whole year, e.g. 2025");
        }
    }
}
