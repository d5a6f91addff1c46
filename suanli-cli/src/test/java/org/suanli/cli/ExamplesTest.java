package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every command of every script in examples/ runs and succeeds, so the examples cannot rot. */
class ExamplesTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.Test
    void examplesNameNoFileRelativeToTheWorkingDirectory() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path script : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
                assertThat(Files.readString(script)).as(script.toString()).doesNotContainPattern("\\s(examples|validation|docs)/");
            }
        }
    }

    @Test
    void everyCommandLineIsOneTheTestRuns() throws Exception {
        // a command written "$SUANLI" (quoted), with a bash array or a line continuation is not picked up below and would rot
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path script : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
                for (String line : Files.readAllLines(script)) {
                    String l = line.strip();
                    if (l.startsWith("#") || l.startsWith("SUANLI=") || !l.contains("SUANLI")) {
                        continue;
                    }
                    assertThat(l).as(script.getFileName().toString()).startsWith("$SUANLI ").doesNotContain("[@]").doesNotEndWith("\\");
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleCommandSucceeds() throws Exception {
        Path dir = Path.of("..", "examples");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path script : files.filter(p -> p.toString().endsWith(".sh")).sorted().toList()) {
                int n = 0;
                for (String line : Files.readAllLines(script)) {
                    String l = line.strip();
                    if (!l.startsWith("$SUANLI ")) {
                        continue;
                    }
                    // scripts name their files relative to themselves ("$(dirname "$0")/x"); tests run in suanli-cli/
                    String command = l.substring("$SUANLI ".length()).replace("${TMPDIR:-/tmp}", tmp.toString())
                            .replaceAll("\"\\$\\(dirname \"\\$0\"\\)/([^\"]+)\"", "../examples/$1");
                    String[] args = command.split("\\s+");
                    tests.add(DynamicTest.dynamicTest(script.getFileName() + " #" + ++n + ": " + command, () -> {
                        CliTest.Result r = CliTest.run(args);
                        assertThat(r.code()).as(r.err()).isZero();
                        assertThat(r.out()).isNotBlank();
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(10);
        return tests.stream();
    }
}
