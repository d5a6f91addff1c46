package org.suanli.catalog;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.suanli.BadInputException;
import org.suanli.perf.AlgorithmSpec;
import org.suanli.perf.AlgorithmTable;
import org.suanli.perf.CollectiveAlgorithm;
import org.suanli.units.Quantity;

/** Reads catalog/collectives.yaml into the {@link AlgorithmTable} every training run consults (read once). */
public final class CollectiveTable {
    private static volatile AlgorithmTable builtIn;

    private CollectiveTable() {
    }

    /** Returns the built-in table of collective algorithms and the NCCL release of each preset. */
    public static AlgorithmTable builtIn() {
        AlgorithmTable t = builtIn;
        if (t == null) {
            synchronized (CollectiveTable.class) {
                if (builtIn == null) {
                    builtIn = read(TreeReader.readResource("/catalog/collectives.yaml", "built-in collectives.yaml"));
                }
                t = builtIn;
            }
        }
        return t;
    }

    /** Returns the table of one collectives document. */
    static AlgorithmTable read(Node root) {
        Fields f = Fields.of(root, "collectives.yaml");
        Map<CollectiveAlgorithm, AlgorithmSpec> specs = new EnumMap<>(CollectiveAlgorithm.class);
        for (Node n : f.list("algorithms").orElse(List.of())) {
            AlgorithmSpec s = algorithm(Fields.of(n, "algorithm"));
            specs.put(s.algorithm(), s);
        }
        Map<String, String> presets = new LinkedHashMap<>();
        for (Node n : f.list("presets").orElse(List.of())) {
            Fields p = Fields.of(n, "preset");
            presets.put(p.requireId("framework"), p.requireString("nccl"));
            p.requireString("source");
            p.finish();
        }
        f.finish();
        return AlgorithmTable.of(specs, presets);
    }

    private static AlgorithmSpec algorithm(Fields f) {
        String id = f.requireString("id");
        CollectiveAlgorithm a = CollectiveAlgorithm.parse(id).filter(x -> x != CollectiveAlgorithm.RING)
                .orElseThrow(() -> new BadInputException(f.where(), "id: unknown algorithm '" + id + "'", "expected tree, nvls, collnet or pat"));
        Set<CollectiveAlgorithm.Operation> ops = EnumSet.noneOf(CollectiveAlgorithm.Operation.class);
        for (Node o : f.list("operations").orElseThrow(() -> f.missingField("operations", "expected [all_reduce] or [all_gather]"))) {
            String text = o instanceof Node.Scalar s ? s.text() : "";
            ops.add(text.equals("all_reduce") ? CollectiveAlgorithm.Operation.ALL_REDUCE : text.equals("all_gather")
                    ? CollectiveAlgorithm.Operation.ALL_GATHER : bad(f, text));
        }
        List<String> links = f.list("scale_up_links").orElse(List.of()).stream().map(n -> ((Node.Scalar) n).text()).toList();
        Map<String, Double> bus = new LinkedHashMap<>();
        f.mapping("bus_bandwidth").ifPresent(m -> {
            for (String link : m.keysAsKnown()) {
                bus.put(link, m.requireQuantity(link, Quantity.BANDWIDTH));
            }
        });
        AlgorithmSpec spec = new AlgorithmSpec(a, ops, f.requireString("nccl_since"), links, f.bool("needs_in_network_reduction", false),
                f.bool("one_rank_per_server", false), f.number("bus_factor").orElse(1), bus, f.bool("enabled_by_default", false),
                f.requireString("source"));
        f.finish();
        return spec;
    }

    private static CollectiveAlgorithm.Operation bad(Fields f, String text) {
        throw new BadInputException(f.where(), "operations: unknown collective '" + text + "'", "expected all_reduce or all_gather");
    }
}
