package org.suanli.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.suanli.BadInputException;
import org.suanli.workload.Model;

/**
 * Resolves what a user gives as a model: a catalog id, a YAML/JSON file holding one model (or a
 * {@code models:} list with one entry), or a Hugging Face {@code config.json}.
 */
public final class ModelResolver {
    private ModelResolver() {
    }

    /** Returns the model for an id or a path. */
    public static Model resolve(Catalog catalog, String idOrPath) {
        if (catalog.find(Kind.MODEL, idOrPath).isPresent()) {
            return catalog.model(idOrPath);
        }
        boolean looksLikePath = idOrPath.contains("/") || idOrPath.endsWith(".json") || idOrPath.endsWith(".yaml")
                || idOrPath.endsWith(".yml");
        Path path;
        try {
            path = Path.of(idOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            // not a path this system can name (a NUL byte, say): it can only be meant as a catalog id
            return catalog.model(idOrPath);
        }
        if (!looksLikePath && !Files.isRegularFile(path)) {
            return catalog.model(idOrPath);
        }
        return fromFile(path);
    }

    /** Reads a model file. */
    public static Model fromFile(Path path) {
        Node root = TreeReader.read(path);
        if (!(root instanceof Node.Mapping m)) {
            throw new BadInputException(root.where(), "a model file must be a mapping", "expected model fields or a Hugging Face config.json");
        }
        if (HuggingFaceConfig.looksLike(m)) {
            String name = path.getFileName().toString().replaceFirst("\\.(json|ya?ml)$", "").replaceFirst("-?config$", "");
            return HuggingFaceConfig.toModel(m, name.isEmpty() ? "hf-model" : name);
        }
        Node.Mapping entry = m;
        if (m.entries().containsKey("models")) {
            if (!(m.entries().get("models") instanceof Node.Sequence seq) || seq.items().size() != 1) {
                throw new BadInputException(m.where(), "models: a model file must hold exactly one model",
                        "expected one entry under 'models:', or the model's fields at top level");
            }
            entry = (Node.Mapping) seq.items().get(0);
        }
        return (Model) new EntryReader(Map.of(), false).read(Kind.MODEL, Fields.of(entry, "the model"));
    }
}
