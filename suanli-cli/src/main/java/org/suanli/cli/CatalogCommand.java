package org.suanli.cli;

import java.util.ArrayList;
import java.util.List;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.Kind;
import org.suanli.perf.Efficiency;
import org.suanli.report.CatalogView;
import org.suanli.report.EfficiencyTable;
import org.suanli.report.Field;
import org.suanli.report.json.CatalogEntryJson;
import org.suanli.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suanli catalog list|show|compare}: browse the built-in and user catalog. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Browse accelerators, CPUs, links, fabrics, servers and models.",
        subcommands = {CatalogCommand.ListCommand.class, CatalogCommand.ShowCommand.class, CatalogCommand.CompareCommand.class,
                CatalogCommand.EfficienciesCommand.class, CatalogCommand.PricesCommand.class})
final class CatalogCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Finds the one kind an id belongs to, or fails (an id may name entries of two kinds: ask for --kind). */
    static Kind kindOf(Catalog c, String id, Kind wanted) {
        if (wanted != null) {
            c.get(wanted, id);
            return wanted;
        }
        List<Kind> kinds = c.kindsOf(id);
        if (kinds.isEmpty()) {
            throw c.unknownAnywhere(id);
        }
        if (kinds.size() > 1) {
            throw new UsageException("'" + id + "' names a " + kinds.get(0).singular() + " and a " + kinds.get(1).singular()
                    + "; expected --kind to choose");
        }
        return kinds.get(0);
    }

    static Kind parseKind(String word) {
        if (word == null) {
            return null;
        }
        return Kind.parse(word).orElseThrow(() -> new UsageException("--kind: unknown kind '" + word
                + "'; expected accelerator, cpu, server, model, link, fabric, framework, runtime or efficiency"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List entries, optionally of one kind.")
    static final class ListCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Option(names = "--kind", paramLabel = "KIND", description = "accelerator, cpu, server, model, link, fabric, framework, runtime or efficiency")
        String kind;

        @Override
        public void run() {
            common.checkFormat();
            Kind only = parseKind(kind);
            Catalog c = common.catalog();
            List<CatalogEntryJson> entries = new ArrayList<>();
            Table t = new Table(List.of("kind", "id", "name", "key figures"));
            for (Kind k : Kind.values()) {
                if (only != null && k != only) {
                    continue;
                }
                for (Object e : c.all(k)) {
                    List<Field> fields = CatalogView.fields(e);
                    entries.add(new CatalogEntryJson(k.singular(), fields, null));
                    t.add(k.singular(), value(fields, "id"), value(fields, "name"), summary(k, fields));
                }
            }
            common.render(() -> CatalogEntryJson.Entries.of(entries), t::toCsv, t::toText);
        }

        private static String summary(Kind k, List<Field> fields) {
            List<String> keys = switch (k) {
                case ACCELERATOR -> List.of("peak_bf16_tflops", "peak_fp16_tflops", "memory_bytes", "memory_bandwidth_bytes_per_s", "tdp_w");
                case SERVER -> List.of("accelerator_count", "accelerator", "cpu", "price_usd");
                case CPU -> List.of("cores", "max_clock_hz", "memory_type");
                case LINK -> List.of("bandwidth_bytes_per_s");
                case FABRIC -> List.of("port_bits_per_s");
                case MODEL -> List.of("params", "layers", "hidden");
                case EFFICIENCY -> List.of("gemm", "memory", "calibrated");
                case FRAMEWORK -> List.of("flash_attention", "tp_overlap", "dp_overlap", "grad_dtype");
                case RUNTIME -> List.of("cuda_graphs", "kv_read_per_query_head", "gpu_memory_utilization", "kv_cache_free_fraction");
            };
            List<String> parts = new ArrayList<>();
            for (String key : keys) {
                for (Field f : fields) {
                    if (f.key().equals(key) && f.value() != null) {
                        parts.add(f.label().replace(" dense peak", "") + " " + f.display());
                    }
                }
            }
            return String.join(", ", parts);
        }
    }

    static String value(List<Field> fields, String key) {
        return fields.stream().filter(f -> f.key().equals(key)).map(Field::display).findFirst().orElse("");
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show every figure of one entry, with its source.")
    static final class ShowCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Option(names = "--kind", paramLabel = "KIND", description = "Needed only when an id names entries of two kinds.")
        String kind;

        @Parameters(paramLabel = "ID", description = "Catalog id, e.g. h100-sxm, mlu370, dgx-h100, llama3-70b.")
        String id;

        @Override
        public void run() {
            common.checkFormat();
            Catalog c = common.catalog();
            Kind k = kindOf(c, id, parseKind(kind));
            List<Field> fields = CatalogView.fields(c.get(k, id));
            common.render(() -> new CatalogEntryJson(k.singular(), fields, c.origin(k, id)), () -> table(fields, c.origin(k, id)).toCsv(),
                    () -> table(fields, c.origin(k, id)).toText());
        }

        private static Table table(List<Field> fields, String origin) {
            Table t = new Table(List.of("field", "value")).wrap(1, 100);
            fields.forEach(f -> t.add(f.label(), f.display()));
            t.add("defined at", origin);
            return t;
        }
    }

    @Command(name = "prices", mixinStandardHelpOptions = true,
            description = "Every published price of the built-in servers, racks and accelerators (kind, amount as printed, currency, "
                    + "unit, date, source), and for each id without one what was searched. --prices FILE of cost, plan train and plan serve "
                    + "takes rows of the same shape (fields: id, kind, amount, amount_high, currency, per, count, date, standing, source, "
                    + "quote, note).")
    static final class PricesCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..1", paramLabel = "ID", description = "A server, rack or accelerator id (default: all).")
        String id;

        @Override
        public void run() {
            common.checkFormat();
            org.suanli.cost.PriceBook book = org.suanli.cost.PriceBook.builtIn();
            if (id != null && book.of(id).isEmpty() && book.searched(id).isEmpty()) {
                Catalog c = common.catalog();
                kindOf(c, id, null);
            }
            java.util.function.Predicate<String> keep = x -> id == null || x.equals(id);
            Table t = new Table(List.of("id", "kind", "amount", "per", "date", "source")).alignRight(2).wrap(5, 60);
            for (org.suanli.cost.PricePoint p : book.prices()) {
                if (keep.test(p.id())) {
                    String amount = String.format(java.util.Locale.ROOT, "%,.2f", p.amount()).replaceAll("\\.00$", "")
                            + (p.amountHigh().isPresent() ? String.format(java.util.Locale.ROOT, "-%,.2f", p.amountHigh().getAsDouble())
                            .replaceAll("\\.00$", "") : "") + " " + p.currency();
                    t.add(p.id(), p.kind().key() + (p.lowStanding() ? " (low standing)" : ""), amount,
                            p.per().key() + (p.per().counted() ? " of " + p.count() : ""), p.dateText(), p.source());
                }
            }
            Table none = new Table(List.of("id", "no public price: what was searched")).wrap(1, 100);
            book.noPublicPrice().forEach((x, why) -> {
                if (keep.test(x)) {
                    none.add(x, why);
                }
            });
            common.render(() -> org.suanli.report.json.PriceRowsJson.of(book, keep), () -> t.toCsv() + "\n" + none.toCsv(),
                    () -> t.toText() + (none.rows().isEmpty() ? "" : "\n" + none.toText())
                            + "\nyuan figures are converted at the Federal Reserve's rate nearest their date (catalog prices --json lists them)\n");
        }
    }

    @Command(name = "efficiencies", mixinStandardHelpOptions = true,
            description = "Every hardware family's kernel and collective efficiencies side by side, then the source of each measured figure.")
    static final class EfficienciesCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Option(names = "--markdown", description = "Print Markdown tables (used to generate docs/MODEL.md).")
        boolean markdown;

        @Override
        public void run() {
            common.checkFormat();
            if (markdown && common.format() != OutputFormat.TABLE) {
                throw new UsageException("--markdown cannot be used with --json or --csv; expected one output format");
            }
            List<Efficiency> families = common.catalog().all(Kind.EFFICIENCY).stream().map(Efficiency.class::cast).toList();
            Table values = EfficiencyTable.values(families);
            Table sources = EfficiencyTable.sources(families);
            String legend = "* assumed: no microbenchmark of the family gives this figure; it is the lowest measured among families of its kind "
                    + "(the highest for the half dimension, launch gaps and latencies); `suanli catalog show FAMILY` names the family it is taken from.\n";
            if (markdown) {
                common.print(values.toMarkdown() + "\n" + legend + "\n" + sources.toMarkdown());
                return;
            }
            common.render(() -> CatalogEntryJson.Entries.of(families.stream().map(e -> CatalogEntryJson.of(Kind.EFFICIENCY.singular(), e)).toList()),
                    () -> values.toCsv() + "\n" + sources.toCsv(), () -> values.toText() + "\n" + legend + "\n" + sources.toText());
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Entries of one kind side by side, with derived columns (FLOP/s per watt, roofline ridge point, TPP, price per PFLOPS).")
    static final class CompareCommand implements Runnable {
        @Mixin
        CommonOptions common;

        @Option(names = "--kind", paramLabel = "KIND", description = "Needed only when an id names entries of two kinds.")
        String kind;

        @Parameters(paramLabel = "ID", arity = "2..*", description = "Two or more ids of the same kind.")
        List<String> ids;

        @Override
        public void run() {
            common.checkFormat();
            Catalog c = common.catalog();
            Kind k = kindOf(c, ids.get(0), parseKind(kind));
            List<List<Field>> columns = new ArrayList<>();
            for (String id : ids) {
                Kind other = kindOf(c, id, parseKind(kind) == null && c.kindsOf(id).contains(k) ? k : parseKind(kind));
                if (other != k) {
                    throw new UsageException("'" + id + "' is a " + other.singular() + ", not a " + k.singular()
                            + "; expected ids of one kind");
                }
                columns.add(CatalogView.fields(c.get(k, id)));
            }
            common.render(() -> new CatalogEntryJson.Comparison(k.singular(),
                            columns.stream().map(f -> new CatalogEntryJson(k.singular(), f, null)).toList()),
                    () -> csv(columns), () -> text(columns));
        }

        private static String csv(List<List<Field>> columns) {
            Table t = new Table(columns.get(0).stream().map(Field::key).toList());
            for (List<Field> col : columns) {
                t.add(col.stream().map(f -> f.value() == null ? "" : String.valueOf(f.value())).toList());
            }
            return t.toCsv();
        }

        private static String text(List<List<Field>> columns) {
            List<Field> first = columns.get(0);
            List<String> header = new ArrayList<>();
            header.add("");
            columns.forEach(col -> header.add(value(col, "id")));
            Table t = new Table(header);
            for (int row = 0; row < first.size(); row++) {
                String key = first.get(row).key();
                if (key.equals("id") || key.equals("notes") || key.equals("source")) {
                    continue;
                }
                final int r = row;
                if (columns.stream().allMatch(col -> col.get(r).value() == null)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                cells.add(first.get(row).label());
                columns.forEach(col -> cells.add(col.get(r).display()));
                t.add(cells);
            }
            return t.toText();
        }
    }
}
