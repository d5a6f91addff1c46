package org.suanli.web;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code suanli serve} was started with: where it listens, the user catalog directories (the only file-system paths
 * the server ever reads), and the limits that keep one caller from taking the server down. Each limit is named in the error
 * a caller gets past it, by the option that sets it.
 *
 * @param host            address to listen on (default loopback)
 * @param port            port; 0 picks a free one
 * @param catalogDirs     user catalog directories or files, loaded once at start
 * @param maxBodyBytes    largest request body, bytes (413 past it)
 * @param maxCandidates   most layouts one plan may search (413 past it)
 * @param maxRequests     most requests one simulation may run, and per candidate fleet in plan serve (422 past it)
 * @param timeoutS        longest one call (or one plan job) may compute, seconds (503 past it)
 * @param maxConcurrent   most computations at once, jobs included (429 past it)
 * @param corsOrigins     origins allowed to call the API from a browser; empty: CORS off
 */
public record WebConfig(String host, int port, List<Path> catalogDirs, long maxBodyBytes, long maxCandidates, int maxRequests,
                        double timeoutS, int maxConcurrent, List<String> corsOrigins) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final long DEFAULT_MAX_CANDIDATES = 100_000_000;
    public static final int DEFAULT_MAX_REQUESTS = 100_000;
    public static final double DEFAULT_TIMEOUT_S = 120;
    public static final int DEFAULT_MAX_CONCURRENT = 4;

    public WebConfig {
        catalogDirs = List.copyOf(catalogDirs);
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** The defaults on {@code port}, with no user catalog and CORS off. */
    public static WebConfig defaults(int port) {
        return new WebConfig(DEFAULT_HOST, port, List.of(), DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CANDIDATES, DEFAULT_MAX_REQUESTS,
                DEFAULT_TIMEOUT_S, DEFAULT_MAX_CONCURRENT, List.of());
    }

    public WebConfig withMaxBodyBytes(long v) {
        return new WebConfig(host, port, catalogDirs, v, maxCandidates, maxRequests, timeoutS, maxConcurrent, corsOrigins);
    }

    public WebConfig withMaxCandidates(long v) {
        return new WebConfig(host, port, catalogDirs, maxBodyBytes, v, maxRequests, timeoutS, maxConcurrent, corsOrigins);
    }

    public WebConfig withMaxRequests(int v) {
        return new WebConfig(host, port, catalogDirs, maxBodyBytes, maxCandidates, v, timeoutS, maxConcurrent, corsOrigins);
    }

    public WebConfig withTimeoutS(double v) {
        return new WebConfig(host, port, catalogDirs, maxBodyBytes, maxCandidates, maxRequests, v, maxConcurrent, corsOrigins);
    }

    public WebConfig withMaxConcurrent(int v) {
        return new WebConfig(host, port, catalogDirs, maxBodyBytes, maxCandidates, maxRequests, timeoutS, v, corsOrigins);
    }

    public WebConfig withCatalogDirs(List<Path> v) {
        return new WebConfig(host, port, v, maxBodyBytes, maxCandidates, maxRequests, timeoutS, maxConcurrent, corsOrigins);
    }

    public WebConfig withCorsOrigins(List<String> v) {
        return new WebConfig(host, port, catalogDirs, maxBodyBytes, maxCandidates, maxRequests, timeoutS, maxConcurrent, v);
    }
}
