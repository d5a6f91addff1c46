package org.suanli.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Cpu;
import org.suanli.hardware.Fabric;
import org.suanli.hardware.Link;
import org.suanli.hardware.Server;
import org.suanli.software.ServingRuntime;
import org.suanli.software.Framework;
import org.suanli.workload.Model;

/**
 * Every known accelerator, CPU, link, fabric, server and model, by id: the built-in entries plus
 * the user's own files. Lookups of an unknown id fail with the closest known ids as a hint.
 * Build one with {@link CatalogLoader}.
 */
public final class Catalog {
    private final Map<Kind, Map<String, Object>> entries;
    private final Map<Kind, Map<String, String>> origins;
    private final List<String> notices;

    Catalog(Map<Kind, Map<String, Object>> entries, Map<Kind, Map<String, String>> origins, List<String> notices) {
        Map<Kind, Map<String, Object>> e = new EnumMap<>(Kind.class);
        entries.forEach((k, v) -> e.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.entries = Collections.unmodifiableMap(e);
        Map<Kind, Map<String, String>> o = new EnumMap<>(Kind.class);
        origins.forEach((k, v) -> o.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.origins = Collections.unmodifiableMap(o);
        this.notices = List.copyOf(notices);
    }

    /** Returns the built-in catalog alone. */
    public static Catalog builtIn() {
        return CatalogLoader.builtInOnly();
    }

    /**
     * Returns a copy of this catalog in which {@code id} of {@code kind} is {@code entry} (a what-if variant of one server or
     * model for a sweep point); this catalog, and so the built-in data, is unchanged.
     */
    public Catalog with(Kind kind, String id, Object entry) {
        Map<Kind, Map<String, Object>> e = new EnumMap<>(entries);
        Map<String, Object> one = new LinkedHashMap<>(entries.get(kind));
        one.put(id, entry);
        e.put(kind, one);
        Map<Kind, Map<String, String>> o = new EnumMap<>(origins);
        Map<String, String> oneOrigin = new LinkedHashMap<>(origins.get(kind));
        oneOrigin.put(id, "what-if copy of " + origins.get(kind).getOrDefault(id, "a new entry"));
        o.put(kind, oneOrigin);
        return new Catalog(e, o, notices);
    }

    /** Returns the entry of {@code kind} with this id, or fails naming the closest ids. */
    public Object get(Kind kind, String id) {
        Object o = entries.get(kind).get(id);
        if (o == null) {
            throw unknown(kind, id);
        }
        return o;
    }

    /** Returns the entry with this id if it exists. */
    public Optional<Object> find(Kind kind, String id) {
        return Optional.ofNullable(entries.get(kind).get(id));
    }

    private BadInputException unknown(Kind kind, String id) {
        List<String> near = Suggest.closest(id, entries.get(kind).keySet());
        return new BadInputException(kind.singular() + " '" + id + "'", "unknown " + kind.singular() + " id",
                near.isEmpty() ? "the catalog has no " + kind.key() : "did you mean " + String.join(", ", near) + "?");
    }

    /** Returns the kinds that have an entry with this id (an id may be reused across kinds). */
    public List<Kind> kindsOf(String id) {
        List<Kind> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (entries.get(k).containsKey(id)) {
                out.add(k);
            }
        }
        return out;
    }

    /** Fails for an id known under no kind, suggesting the closest ids across all kinds. */
    public BadInputException unknownAnywhere(String id) {
        List<String> all = new ArrayList<>();
        entries.values().forEach(m -> all.addAll(m.keySet()));
        List<String> near = Suggest.closest(id, all);
        return new BadInputException("'" + id + "'", "unknown catalog id", "did you mean " + String.join(", ", near) + "?");
    }

    /** Returns all entries of a kind in catalog order. */
    public Collection<Object> all(Kind kind) {
        return entries.get(kind).values();
    }

    /** Returns the file an entry was read from. */
    public String origin(Kind kind, String id) {
        return origins.get(kind).getOrDefault(id, "?");
    }

    /** Returns messages about user entries that replaced built-in ones. */
    public List<String> notices() {
        return notices;
    }

    public Accelerator accelerator(String id) {
        return (Accelerator) get(Kind.ACCELERATOR, id);
    }

    public Cpu cpu(String id) {
        return (Cpu) get(Kind.CPU, id);
    }

    public Link link(String id) {
        return (Link) get(Kind.LINK, id);
    }

    public Fabric fabric(String id) {
        return (Fabric) get(Kind.FABRIC, id);
    }

    public Server server(String id) {
        return (Server) get(Kind.SERVER, id);
    }

    public Framework framework(String id) {
        return (Framework) get(Kind.FRAMEWORK, id);
    }

    public ServingRuntime runtime(String id) {
        return (ServingRuntime) get(Kind.RUNTIME, id);
    }

    public Model model(String id) {
        return (Model) get(Kind.MODEL, id);
    }

    public List<Accelerator> accelerators() {
        return typed(Kind.ACCELERATOR, Accelerator.class);
    }

    public List<Server> servers() {
        return typed(Kind.SERVER, Server.class);
    }

    public List<Model> models() {
        return typed(Kind.MODEL, Model.class);
    }

    public List<Cpu> cpus() {
        return typed(Kind.CPU, Cpu.class);
    }

    private <T> List<T> typed(Kind kind, Class<T> type) {
        return entries.get(kind).values().stream().map(type::cast).toList();
    }
}
