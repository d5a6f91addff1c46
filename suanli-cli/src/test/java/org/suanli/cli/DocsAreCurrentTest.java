package org.suanli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/MODEL.md's validation table is what `suanli validate --markdown` prints today. */
class DocsAreCurrentTest {

    @Test
    void modelDocValidationSectionIsRegenerated() throws Exception {
        Path doc = Path.of("..", "docs", "MODEL.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        String begin = "<!-- validation:begin -->";
        String section = text.substring(text.indexOf(begin) + begin.length(), text.indexOf("<!-- validation:end -->")).strip();
        String generated = CliTest.run("validate", "--markdown").out().strip();
        assertThat(section).as("docs/MODEL.md is stale: run docs/update-validation.sh").isEqualTo(generated);
    }
}
