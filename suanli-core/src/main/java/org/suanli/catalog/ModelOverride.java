package org.suanli.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.BadInputException;
import org.suanli.workload.Model;

/**
 * A built-in model with some of its catalog fields replaced ({@code layers: 120}, {@code moe.experts: 64}): the model entry's
 * own YAML tree is copied, the fields overlaid, and the copy read by the same reader as the catalog, so an override is checked
 * exactly as a user's model file would be. The built-in tree is never changed.
 */
public final class ModelOverride {
    private ModelOverride() {
    }

    /**
     * Returns model {@code baseId} with {@code fields} (dotted keys for nested fields, values as text with their type) laid over
     * its catalog entry; {@code where} names the override in errors.
     */
    public static Model apply(String baseId, Map<String, Node.Scalar> fields, String where) {
        Node.Mapping base = builtInEntry(baseId).orElseThrow(() -> new BadInputException(where, "model '" + baseId
                + "' is not a built-in model", "expected a built-in model id as the base of a model override"));
        Node.Mapping copy = base;
        for (Map.Entry<String, Node.Scalar> f : fields.entrySet()) {
            copy = put(copy, List.of(f.getKey().split("\\.")), f.getValue(), where);
        }
        return (Model) new EntryReader(Map.of(), false).read(Kind.MODEL, Fields.of(copy, where));
    }

    private static Node.Mapping put(Node.Mapping m, List<String> path, Node.Scalar value, String where) {
        Map<String, Node> entries = new LinkedHashMap<>(m.entries());
        Map<String, Integer> lines = new LinkedHashMap<>(m.keyLines());
        String key = path.get(0);
        if (path.size() == 1) {
            entries.put(key, value);
        } else {
            Node inner = entries.get(key);
            Node.Mapping sub = inner instanceof Node.Mapping mm ? mm : new Node.Mapping(where, 0, Map.of(), Map.of());
            entries.put(key, put(sub, path.subList(1, path.size()), value, where));
        }
        lines.putIfAbsent(key, 0);
        return new Node.Mapping(m.file(), m.line(), entries, lines);
    }

    private static java.util.Optional<Node.Mapping> builtInEntry(String id) {
        for (Node tree : BuiltInNodes.get()) {
            if (tree instanceof Node.Mapping top && top.entries().get("models") instanceof Node.Sequence seq) {
                for (Node item : seq.items()) {
                    if (item instanceof Node.Mapping m && m.entries().get("id") instanceof Node.Scalar s && s.text().equals(id)) {
                        return java.util.Optional.of(m);
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }
}
