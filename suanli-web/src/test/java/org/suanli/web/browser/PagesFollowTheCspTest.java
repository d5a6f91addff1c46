package org.suanli.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The static pages as files, without a browser: under the server's CSP (default-src 'self') a
 * page may hold no inline script, no inline event handler and nothing from another origin, and
 * every page loads the one stylesheet and the shared error element the scripts write into.
 */
class PagesFollowTheCspTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE = Pattern.compile("(src|href)=\"(https?:)?//", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"index", "catalog", "train", "plan", "serve", "cost", "export", "market"})
    void pageHasNoInlineScriptHandlerOrRemoteResource(String page) throws IOException {
        String html = read(page + ".html");

        assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline <script>").isFalse();
        assertThat(HANDLER.matcher(html).find()).as("inline event handler").isFalse();
        assertThat(REMOTE.matcher(html).find()).as("resource from another origin").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"index", "catalog", "train", "plan", "serve", "cost", "export", "market"})
    void pageUsesTheOneStylesheetAndHasTheErrorElement(String page) throws IOException {
        String html = read(page + ".html");

        assertThat(html).contains("<link rel=\"stylesheet\" href=\"css/suanli.css\">").contains("id=\"error\"");
    }

    private static String read(String file) throws IOException {
        try (InputStream in = PagesFollowTheCspTest.class.getClassLoader().getResourceAsStream("public/" + file)) {
            assertThat(in).as("public/" + file + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
