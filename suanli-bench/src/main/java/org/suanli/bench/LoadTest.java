package org.suanli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.suanli.web.SuanliServer;
import org.suanli.web.WebConfig;

/**
 * A bounded load test of {@code suanli serve} on loopback: closed-loop clients (each sends its next request when the last
 * answer arrives) for a fixed time against one route, latencies in an HdrHistogram, answers counted by status. It starts
 * the server itself on an ephemeral loopback port and stops it after; nothing leaves the machine. Run it with
 * {@code java -cp suanli-bench/target/benchmarks.jar org.suanli.bench.LoadTest} (defaults: issue 14's 32 clients for 30 s on
 * /api/train and 4 on /api/plan/train under a limit they fit in, then 32 clients against a limit of 4).
 */
public final class LoadTest {
    /** A cheap analytic training request: Llama 3 8B on one DGX H100. */
    public static final String TRAIN_BODY = "{\"model\":\"llama3-8b\",\"server\":\"dgx-h100\",\"servers\":1}";
    /** A small plan: Llama 2 7B over layouts of one DGX H100. */
    public static final String PLAN_BODY = "{\"model\":\"llama2-7b\",\"server\":[\"dgx-h100\"],\"servers\":1,\"top\":3}";

    private LoadTest() {
    }

    /** Clients of one kind: how many, on which route, with which body. */
    public record Load(String path, String body, int clients) {
    }

    /** What one route got: requests answered, by status, and latency percentiles of all answers. */
    public record RouteResult(String path, int clients, long requests, Map<Integer, Long> statuses, long transportErrors,
                              double seconds, double p50Ms, double p99Ms, double maxMs) {
        /** Answers per second. */
        public double throughput() {
            return requests / seconds;
        }

        /** Answers with a status other than 200, plus requests that got no answer. */
        public long errors() {
            return transportErrors + statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
        }

        /** Answers refused by the limits (429 past the concurrency limit, 503 past the timeout). */
        public long refused() {
            return statuses.getOrDefault(429, 0L) + statuses.getOrDefault(503, 0L);
        }
    }

    /**
     * Starts a server with {@code maxConcurrent} computations at once, runs every load at the same time for
     * {@code seconds}, stops the server and returns one result per load.
     */
    public static List<RouteResult> run(int maxConcurrent, double seconds, List<Load> loads) throws InterruptedException {
        try (SuanliServer server = SuanliServer.start(WebConfig.defaults(0).withMaxConcurrent(maxConcurrent))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + server.port();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            List<Thread> threads = new ArrayList<>();
            List<Tally> tallies = new ArrayList<>();
            for (Load load : loads) {
                Tally tally = new Tally();
                tallies.add(tally);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + load.path())).timeout(Duration.ofSeconds(300))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(load.body())).build();
                for (int c = 0; c < load.clients(); c++) {
                    Thread t = new Thread(() -> client(http, request, end, tally), "load-" + load.path() + "-" + c);
                    threads.add(t);
                    t.start();
                }
            }
            for (Thread t : threads) {
                t.join();
            }
            List<RouteResult> results = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++) {
                results.add(tallies.get(i).result(loads.get(i), seconds));
            }
            return results;
        }
    }

    private static void client(HttpClient http, HttpRequest request, long end, Tally tally) {
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            try {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                tally.record(r.statusCode(), System.nanoTime() - start);
                if (r.statusCode() == 429) {
                    // the server asks for a retry after a second; a polite client waits a little before asking again
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                tally.transportErrors.incrementAndGet();
            }
        }
    }

    /** Counts of one load, shared by its clients. */
    private static final class Tally {
        final Recorder latencies = new Recorder(3);
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        final AtomicLong transportErrors = new AtomicLong();

        void record(int status, long nanos) {
            latencies.recordValue(Math.max(1, nanos / 1000));
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        }

        RouteResult result(Load load, double seconds) {
            Histogram h = latencies.getIntervalHistogram();
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((k, v) -> counts.put(k, v.get()));
            return new RouteResult(load.path(), load.clients(), h.getTotalCount(), counts, transportErrors.get(), seconds,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
        }
    }

    /** Prints one line per route. */
    static String report(String title, List<RouteResult> results) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-18s %7s %9s %9s %9s %9s %9s  %s%n", "route", "clients", "answers", "per s", "p50 ms",
                "p99 ms", "max ms", "statuses"));
        for (RouteResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-18s %7d %9d %9.1f %9.1f %9.1f %9.1f  %s%s%n", r.path(), r.clients(), r.requests(),
                    r.throughput(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.statuses(),
                    r.transportErrors() > 0 ? ", no answer " + r.transportErrors() : ""));
        }
        return sb.toString();
    }

    /** {@code [seconds [trainClients [planClients]]]}: below the limit, then the train clients against a limit of 4. */
    public static void main(String[] args) throws InterruptedException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int plan = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.print(report(String.format(Locale.ROOT, "below the limit: %d + %d clients, max_concurrent %d, %.0f s", train, plan,
                train + plan, seconds), run(train + plan, seconds,
                List.of(new Load("/api/train", TRAIN_BODY, train), new Load("/api/plan/train", PLAN_BODY, plan)))));
        System.out.print(report(String.format(Locale.ROOT, "above the limit: %d clients, max_concurrent %d, %.0f s", train,
                WebConfig.DEFAULT_MAX_CONCURRENT, seconds), run(WebConfig.DEFAULT_MAX_CONCURRENT, seconds,
                List.of(new Load("/api/train", TRAIN_BODY, train)))));
    }
}
