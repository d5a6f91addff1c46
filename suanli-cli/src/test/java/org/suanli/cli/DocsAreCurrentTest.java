package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/update-validation.sh generates is what the code computes today: docs/MODEL.md's efficiency and validation
 * tables, and validation/envelope.yaml, the envelope every answer's confidence comes from.
 */
class DocsAreCurrentTest {
    private static final String STALE = "stale: run docs/update-validation.sh";

    private static String section(String name) throws Exception {
        String text = Files.readString(Path.of("..", "docs", "MODEL.md"), StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin -->";
        return text.substring(text.indexOf(begin) + begin.length(), text.indexOf("<!-- " + name + ":end -->")).strip();
    }

    @Test
    void modelDocValidationSectionIsRegenerated() throws Exception {
        String generated = CliTest.run("validate", "--markdown").out().strip();
        assertThat(section("validation")).as("docs/MODEL.md validation section " + STALE).isEqualTo(generated);
    }

    @Test
    void modelDocEfficiencyTableIsRegenerated() throws Exception {
        String generated = CliTest.run("catalog", "efficiencies", "--markdown").out().strip();
        assertThat(generated).contains("| nvidia-hopper |").contains("| huawei-ascend-910b |");
        assertThat(section("efficiencies")).as("docs/MODEL.md efficiency table " + STALE).isEqualTo(generated);
    }

    @Test
    void shippedEnvelopeIsWhatTheSuitesGiveToday(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("envelope.yaml");
        assertThat(CliTest.run("validate", "--write-envelope", fresh.toString()).code()).isZero();
        String shipped = Files.readString(Path.of("..", "validation", "envelope.yaml"), StandardCharsets.UTF_8);
        assertThat(shipped).as("validation/envelope.yaml " + STALE).isEqualTo(Files.readString(fresh, StandardCharsets.UTF_8));
    }
}
