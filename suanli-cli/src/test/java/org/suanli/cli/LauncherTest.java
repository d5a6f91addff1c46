package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./suanli} launcher run as users run it, on a copy of the repository's sources built once by a first
 * run: three launchers started together right after a source change must all succeed with one build between them
 * (issue 11: four concurrent runs used to fail on the unlocked rebuild), and {@code ./suanli serve} serves every
 * page of the web UI with its content type, as on a fresh clone.
 */
class LauncherTest {
    private static final String COMMAND_LINE = "train --model llama2-7b --server dgx-h100 --gpus 8 --json";
    private static final String BUILDING = "suanli: building the CLI";
    private static final long LIMIT_MINUTES = 8;
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    static Path work;
    private static Path repo;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void buildACopyOnce() throws Exception {
        assumeThat(onPath("mvn")).as("mvn on PATH").isTrue();
        repo = copyOfSources();
        Process p = new ProcessBuilder(repo.resolve("suanli").toString(), "--version").directory(repo.toFile())
                .redirectOutput(work.resolve("build-out.txt").toFile()).redirectError(work.resolve("build-err.txt").toFile()).start();
        try {
            assertThat(p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)).as("first build within %d minutes", LIMIT_MINUTES).isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String err = Files.readString(work.resolve("build-err.txt"));
        assertThat(p.exitValue()).as("first build: %s", err).isZero();
        assertThat(err).contains(BUILDING);
    }

    @AfterEach
    void endWhatThisTestStarted() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void threeLaunchersStartedTogetherAfterASourceChangeShareOneBuild() throws Exception {
        Files.setLastModifiedTime(repo.resolve("suanli-core/src/main/java/org/suanli/catalog/Kind.java"),
                FileTime.from(Instant.now()));
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(launch(repo, COMMAND_LINE.split(" ")));
        }
        for (Run r : runs) {
            r.finish();
        }

        for (Run r : runs) {
            assertThat(r.code()).as("exit code; stderr: %s", r.err()).isZero();
            assertThat(r.out()).isEqualTo(runs.get(0).out());
        }
        assertThat(runs.get(0).out()).contains("\"model\" : \"llama2-7b\"");
        long builds = runs.stream().mapToLong(r -> r.err().lines().filter(l -> l.startsWith(BUILDING)).count()).sum();
        assertThat(builds).as("builds among the three runs").isEqualTo(1);
    }

    @Test
    void serveServesEveryPageAndTheVendoredEchartsWithTheirContentTypes() throws Exception {
        Run serve = launch(repo, "serve", "--port", "0");
        int port = portOf(serve);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, String> types = new LinkedHashMap<>();
        for (String page : List.of("", "index.html", "catalog.html", "train.html", "plan.html", "serve.html", "export.html", "market.html")) {
            types.put(page, "text/html");
        }
        types.put("css/suanli.css", "text/css");
        types.put("js/api.js", "text/javascript");
        types.put("favicon.svg", "image/svg+xml");
        types.put("vendor/echarts/echarts.min.js", "text/javascript");

        for (Map.Entry<String, String> t : types.entrySet()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + t.getKey()))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as("GET /" + t.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as("type of /" + t.getKey()).startsWith(t.getValue());
            assertThat(r.body()).as("body of /" + t.getKey()).isNotEmpty();
        }
    }

    /** The port {@code serve --port 0} announces on stderr, waiting for the announcement. */
    private static int portOf(Run serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(serve.err());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertThat(serve.process.isAlive()).as("serve still running; stderr: %s", serve.err()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not announce its port within 2 minutes; stderr: " + serve.err());
    }

    /** One launcher process with its output captured in files. */
    private final class Run {
        private final Process process;
        private final Path out;
        private final Path err;
        private int code = -1;

        Run(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        Run finish() throws Exception {
            if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("launcher still running after " + LIMIT_MINUTES + " minutes; stderr: " + err());
            }
            code = process.exitValue();
            return this;
        }

        int code() {
            return code;
        }

        String out() {
            return read(out);
        }

        String err() {
            return read(err);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Run launch(Path repo, String... args) throws IOException {
        int n = started.size();
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("suanli").toString());
        command.addAll(List.of(args));
        Path out = work.resolve("out-" + n + ".txt");
        Path err = work.resolve("err-" + n + ".txt");
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(p);
        return new Run(p, out, err);
    }

    /** Copies what the launcher's build needs (poms, main sources, validation suites, the script); no target/ or .git. */
    private static Path copyOfSources() throws IOException {
        Path root = repositoryRoot();
        Path repo = work.resolve("repo");
        Files.createDirectories(repo);
        for (String file : List.of("pom.xml", "suanli")) {
            Files.copy(root.resolve(file), repo.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("suanli-") && Files.isDirectory(p)).toList()) {
                Path to = repo.resolve(module.getFileName().toString());
                Files.createDirectories(to);
                Files.copy(module.resolve("pom.xml"), to.resolve("pom.xml"));
                // main sources only: the launcher skips test compilation, so test sources would only cost copying
                copyTree(module.resolve("src/main"), to.resolve("src/main"));
            }
        }
        copyTree(root.resolve("validation"), repo.resolve("validation"));
        return repo;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("suanli")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new AssertionError("no repository root (a folder with ./suanli and pom.xml) above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
