package org.suanli.web.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JDK-only static server on loopback for browser tests of the pages alone: it serves the
 * classpath folder {@code public/} with the content types and the Content-Security-Policy the
 * real server sends, and answers {@code /api/...} only with canned JSON a test registers (any
 * other API path gets a JSON 404), so a page can be checked without the API behind it.
 */
public final class StaticSite implements AutoCloseable {

    /** The CSP the pages must live under: no inline script, nothing from other origins. */
    public static final String CSP = "default-src 'self'";

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png");

    private record Canned(int status, String type, String body) {
    }

    private final HttpServer server;
    private final Map<String, Canned> canned = new ConcurrentHashMap<>();
    private final Map<String, String> received = new ConcurrentHashMap<>();

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    /** Starts on an ephemeral loopback port. */
    public static StaticSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StaticSite site = new StaticSite(server);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** The address of a page, e.g. {@code url("train.html")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** Answers {@code method path} (query ignored) with this status and JSON until cleared. */
    public StaticSite answer(String method, String path, int status, String json) {
        return answer(method, path, status, "application/json", json);
    }

    /** Answers {@code method path} (query ignored) with this status, content type and body until cleared. */
    public StaticSite answer(String method, String path, int status, String type, String body) {
        canned.put(method + " " + path, new Canned(status, type, body));
        return this;
    }

    /** The body of the last {@code method path} request, or null when none came. */
    public String lastBody(String method, String path) {
        return received.get(method + " " + path);
    }

    /** Forgets every canned answer and received body. */
    public void clearAnswers() {
        canned.clear();
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = URI.create(exchange.getRequestURI().toString()).getPath();
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (path.startsWith("/api/")) {
                received.put(exchange.getRequestMethod() + " " + path, new String(body, StandardCharsets.UTF_8));
                Canned answer = canned.getOrDefault(exchange.getRequestMethod() + " " + path,
                        new Canned(404, "application/json", "{\"error\":\"no API behind this test server\",\"where\":\"" + path
                                + "\",\"expected\":\"a canned answer registered by the test\"}"));
                send(exchange, answer.status(), answer.type(), answer.body().getBytes(StandardCharsets.UTF_8));
                return;
            }
            String file = path.equals("/") ? "index.html" : path.substring(1);
            InputStream in = file.contains("..") ? null
                    : StaticSite.class.getClassLoader().getResourceAsStream("public/" + file);
            if (in == null) {
                send(exchange, 404, "text/plain", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (in) {
                String ext = file.substring(file.lastIndexOf('.') + 1);
                send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
