package org.suanli.jobs;

import org.suanli.catalog.Catalog;

/**
 * What a job reads its options against: the catalog, whether ids may name files, and the caller's ceilings on work.
 *
 * @param idsOnly       true when model and server options must be catalog ids, never paths (the HTTP API)
 * @param maxRequests   most requests one serving simulation may run (and per candidate fleet in plan serve)
 * @param maxCandidates most layouts one plan-train search may evaluate
 */
public record JobContext(Catalog catalog, boolean idsOnly, int maxRequests, long maxCandidates) {
    /** Ceilings for a caller that runs its own work (a sweep): the HTTP API's defaults, which every built-in plan fits. */
    public static final int DEFAULT_MAX_REQUESTS = 100_000;
    public static final long DEFAULT_MAX_CANDIDATES = 100_000_000;

    /** Returns a context for an in-process caller: paths allowed, default ceilings. */
    public static JobContext local(Catalog catalog) {
        return new JobContext(catalog, false, DEFAULT_MAX_REQUESTS, DEFAULT_MAX_CANDIDATES);
    }

    /** Returns this context over another catalog (a what-if copy). */
    public JobContext withCatalog(Catalog c) {
        return new JobContext(c, idsOnly, maxRequests, maxCandidates);
    }

    /** Returns {@code value} as an id, checked when ids may not name files. */
    String id(String field, String value) {
        return idsOnly ? Ids.check(field, value) : value;
    }
}
