package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./suanli} launcher run as users run it: on a copy of the repository's sources, three
 * launchers started together right after a source change must all succeed with one build between
 * them (issue 11: four concurrent runs used to fail on the unlocked rebuild).
 */
class LauncherTest {
    private static final String COMMAND_LINE = "train --model llama2-7b --server dgx-h100 --gpus 8 --json";
    private static final String BUILDING = "suanli: building the CLI";
    private static final long LIMIT_MINUTES = 8;

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    @Test
    void threeLaunchersStartedTogetherAfterASourceChangeShareOneBuild() throws Exception {
        assumeThat(onPath("mvn")).as("mvn on PATH").isTrue();
        Path repo = copyOfSources();
        try {
            Run first = launch(repo, "--version").finish();
            assertThat(first.code()).as("first build: %s", first.err()).isZero();
            assertThat(first.err()).contains(BUILDING);

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
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
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
    private Path copyOfSources() throws IOException {
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
