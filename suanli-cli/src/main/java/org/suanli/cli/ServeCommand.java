package org.suanli.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.suanli.input.Check;
import org.suanli.web.SuanliServer;
import org.suanli.web.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code suanli serve}: the HTTP API and the web UI, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the HTTP API (/api/..., described at /api/openapi.json) and the web UI until Ctrl-C.")
final class ServeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port, 0 to 65,535 (default 8080; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = WebConfig.DEFAULT_HOST, description = "Address to listen on (default 127.0.0.1, this machine only).")
    String host;

    @Option(names = "--catalog", paramLabel = "DIR", description = "Extra catalog directory or file (repeatable); also $SUANLI_CATALOG. "
            + "The only files the server reads: no request may name a path.")
    List<Path> catalogDirs = new ArrayList<>();

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576", description = "Largest request body, bytes (default 1 MiB; 413 past it).")
    long maxBodyBytes;

    @Option(names = "--max-candidates", paramLabel = "N", defaultValue = "100000000",
            description = "Most layouts one plan may search (default 100,000,000, as plan train --max-candidates; 413 past it).")
    long maxCandidates;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "100000",
            description = "Most requests one simulation runs, per fleet size in plan serve (default 100,000; 422 past it).")
    int maxRequests;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "120", description = "Longest one call or plan job computes, seconds (default 120; 503 past it).")
    double timeoutS;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4", description = "Most computations at once, jobs included (default 4; 429 past it).")
    int maxConcurrent;

    @Option(names = "--cors-origin", paramLabel = "URL", description = "Origin allowed to call the API from another site (repeatable; default none: CORS off).")
    List<String> corsOrigins = new ArrayList<>();

    @Override
    public void run() {
        Check.count("--port", port, 0, 65_535);
        Check.count("--max-body-bytes", maxBodyBytes, 1, 1L << 30);
        Check.count("--max-candidates", maxCandidates, 1, 2_000_000_000L);
        Check.count("--max-requests", maxRequests, 1, 100_000_000);
        Check.positive("--timeout-s", timeoutS, 86_400);
        Check.count("--max-concurrent", maxConcurrent, 1, 1024);
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("SUANLI_CATALOG");
        if (env != null && !env.isBlank()) {
            for (String d : env.split(java.io.File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d.trim()));
                }
            }
        }
        dirs.addAll(catalogDirs);
        WebConfig config = new WebConfig(host, port, dirs, maxBodyBytes, maxCandidates, maxRequests, timeoutS, maxConcurrent, corsOrigins);
        SuanliServer server = SuanliServer.start(config);
        server.notices().forEach(n -> spec.commandLine().getErr().println(n));
        spec.commandLine().getErr().println("suanli: serving http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port()
                + "/ (API at /api, its OpenAPI document at /api/openapi.json); Ctrl-C stops");
        spec.commandLine().getErr().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
