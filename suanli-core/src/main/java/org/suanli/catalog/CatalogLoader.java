package org.suanli.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.suanli.BadInputException;

/**
 * Reads the built-in catalog (classpath {@code /catalog/*.yaml}, through the build-time snapshot of
 * {@link BuiltInNodes}) and any user directories into a {@link Catalog}. Entries are gathered
 * first, then built kind by kind so that references resolve; a user entry with a built-in id
 * replaces it (with a notice), while two entries with one id in the same layer are an error.
 */
public final class CatalogLoader {
    /** Built-in files, read in this order. */
    static final List<String> BUILT_IN = List.of("links.yaml", "fabrics.yaml", "cpus.yaml", "frameworks.yaml", "runtimes.yaml", "efficiency.yaml", "accelerators.yaml",
            "servers.yaml", "models.yaml");

    private static volatile Catalog builtIn;

    private CatalogLoader() {
    }

    /** One raw entry: its kind, id, mapping and whether it came with Suanli. */
    private record Raw(Kind kind, String id, Node.Mapping node, boolean builtIn) {
    }

    static Catalog builtInOnly() {
        Catalog c = builtIn;
        if (c == null) {
            synchronized (CatalogLoader.class) {
                if (builtIn == null) {
                    builtIn = load(List.of());
                }
                c = builtIn;
            }
        }
        return c;
    }

    /** Loads the built-in catalog plus every YAML/JSON file in {@code userDirs} (a file may be given directly too). */
    public static Catalog load(List<Path> userDirs) {
        Map<Kind, Map<String, Raw>> raw = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            raw.put(k, new LinkedHashMap<>());
        }
        List<String> notices = new ArrayList<>();
        for (Node tree : BuiltInNodes.get()) {
            gather(tree, true, raw, notices);
        }
        for (Path dir : userDirs) {
            for (Path file : userFiles(dir)) {
                gather(TreeReader.read(file), false, raw, notices);
            }
        }
        return build(raw, notices);
    }

    /** Loads the built-ins plus one extra document (used by tests and by files given inline). */
    public static Catalog loadWith(List<Node> extra) {
        Map<Kind, Map<String, Raw>> raw = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            raw.put(k, new LinkedHashMap<>());
        }
        List<String> notices = new ArrayList<>();
        for (Node tree : BuiltInNodes.get()) {
            gather(tree, true, raw, notices);
        }
        for (Node n : extra) {
            gather(n, false, raw, notices);
        }
        return build(raw, notices);
    }

    private static List<Path> userFiles(Path dir) {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir.toString(), "no such catalog directory", "expected a directory of *.yaml / *.json files");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir.toString(), "cannot list directory (" + e.getMessage() + ")", "");
        }
    }

    private static void gather(Node root, boolean builtIn, Map<Kind, Map<String, Raw>> raw, List<String> notices) {
        if (!(root instanceof Node.Mapping top)) {
            throw new BadInputException(root.where(), "a catalog file must be a mapping", "expected top-level keys such as 'accelerators:' or 'models:'");
        }
        for (Map.Entry<String, Node> e : top.entries().entrySet()) {
            String where = top.file() + ":" + top.keyLines().get(e.getKey());
            Kind kind = Kind.parse(e.getKey()).filter(k -> k.key().equals(e.getKey())).orElseThrow(() -> new BadInputException(where,
                    "unknown kind '" + e.getKey() + "'", "expected one of links, fabrics, cpus, frameworks, runtimes, efficiencies, accelerators, servers, models"));
            if (!(e.getValue() instanceof Node.Sequence seq)) {
                throw new BadInputException(where, e.getKey() + " is not a list", "expected a list of entries, each starting with '- id: ...'");
            }
            for (Node item : seq.items()) {
                Fields f = Fields.of(item, "an entry of " + e.getKey());
                String id = f.requireId("id");
                Raw previous = raw.get(kind).get(id);
                if (previous != null) {
                    if (previous.builtIn() == builtIn) {
                        throw new BadInputException(f.where(), "duplicate " + kind.singular() + " id '" + id + "'",
                                "expected each id once (first defined at " + previous.node().where() + ")");
                    }
                    notices.add("notice: " + f.where() + ": " + kind.singular() + " '" + id + "' overrides the built-in entry");
                }
                raw.get(kind).put(id, new Raw(kind, id, (Node.Mapping) item, builtIn));
            }
        }
    }

    private static Catalog build(Map<Kind, Map<String, Raw>> raw, List<String> notices) {
        Map<Kind, Map<String, Object>> built = new EnumMap<>(Kind.class);
        Map<Kind, Map<String, String>> origins = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            built.put(k, new LinkedHashMap<>());
            origins.put(k, new LinkedHashMap<>());
        }
        for (Kind kind : Kind.values()) {
            for (Raw r : raw.get(kind).values()) {
                EntryReader reader = new EntryReader(built, r.builtIn());
                built.get(kind).put(r.id(), reader.read(kind, Fields.of(r.node(), r.id())));
                origins.get(kind).put(r.id(), r.node().where());
            }
            if (kind == Kind.EFFICIENCY) {
                Families.complete(built.get(kind));
            }
        }
        return new Catalog(built, origins, notices);
    }
}
