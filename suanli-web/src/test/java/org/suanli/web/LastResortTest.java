package org.suanli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fault of the server's own is 500 JSON with a generic line; the cause goes to the server log only. */
@Timeout(30)
class LastResortTest {
    @Test
    void anUnexpectedFaultIs500JsonWithoutItsCause() {
        Route failing = new Route("GET", "/api/test/fault", "fails", List.of(), false, Route.JSON, List.of(), ctx -> {
            throw new IllegalStateException("secret detail of the fault");
        });
        try (SuanliServer s = SuanliServer.start(Http.config(), List.of(failing))) {
            HttpResponse<String> r = new Http(s).get("/api/test/fault");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(Http.json(r).get("error").asText()).isEqualTo("internal error");
            assertThat(r.body()).doesNotContain("secret detail", "IllegalStateException", "\tat ");
        }
    }

    @Test
    void userCatalogsComeFromTheDirectoriesGivenAtStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("mine.yaml"),
                "models:\n  - {id: tiny-web-test, name: Tiny, layers: 2, hidden: 64, ffn_hidden: 256, heads: 4, vocab: 1000}\n");
        try (SuanliServer s = SuanliServer.start(Http.config().withCatalogDirs(List.of(dir)))) {
            HttpResponse<String> r = new Http(s).get("/api/catalog/tiny-web-test");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }
}
