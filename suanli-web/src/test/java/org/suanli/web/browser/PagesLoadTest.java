package org.suanli.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages on their own, in headless Chromium, served by {@link StaticSite} with no API behind
 * them: each loads under the CSP with no console error other than its failed /api calls, and the
 * shared error element shows the API's {error, where, expected} text, and a form's answer is drawn
 * with the expected series. Screenshots go to target/browser-screenshots.
 */
@Timeout(120)
class PagesLoadTest {

    private static final Path SHOTS = Path.of(System.getProperty("suanli.screenshots", "target/browser-screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path scratch;
    private static StaticSite site;
    private static BrowserSupport browser;

    @BeforeAll
    static void startSite() throws IOException {
        site = StaticSite.start();
    }

    /** Started by the first test, so that each test is reported skipped when there is no browser. */
    @BeforeEach
    void startBrowser() throws IOException {
        if (browser == null) {
            browser = BrowserSupport.start(scratch);
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @AfterEach
    void forgetAnswers() {
        site.clearAnswers();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"index", "catalog", "train", "plan", "serve", "cost", "export", "market"})
    void pageLoadsWithNoConsoleErrorButItsFailedApiCalls(String page) throws IOException {
        open(page + ".html");
        if (!page.equals("index")) {
            waitForError();
        }
        if (!page.equals("index") && !page.equals("cost")) {
            assertThat(js("return typeof echarts.init")).as("vendored ECharts loaded").isEqualTo("function");
        }
        browser.screenshot(SHOTS, "static-" + page);

        assertThat(browser.consoleErrors()).filteredOn(m -> !m.contains("/api/")).isEmpty();
        assertThat(driver().findElements(By.cssSelector("header nav a"))).hasSize(7);
    }

    @Test
    void errorElementShowsTheApisJsonErrorText() {
        site.answer("GET", "/api/catalog", 404, """
                {"error": "unknown kind 'accelerators'", "where": "kind", "expected": "accelerator, server or model"}""");

        open("catalog.html");

        assertThat(waitForError().getText())
                .contains("unknown kind 'accelerators'").contains("kind").contains("accelerator, server or model");
    }

    @Test
    void trainFormWithABadLayoutShowsTheApisErrorText() {
        site.answer("GET", "/api/catalog", 200, resource("catalog-two-entries.json"));
        site.answer("POST", "/api/train", 422, """
                {"error": "tp 3 does not divide 64 GPUs", "where": "tp", "expected": "a divisor of gpus"}""");
        open("train.html");
        waitForOption("model");

        driver().findElement(By.id("train-submit")).click();

        assertThat(waitForError().getText()).contains("tp 3 does not divide 64 GPUs").contains("a divisor of gpus");
    }

    @Test
    void trainFormPostsItsFieldsUnderTheClisOptionNamesInSnakeCaseLeavingEmptyOnesOut() {
        site.answer("GET", "/api/catalog", 200, resource("catalog-two-entries.json"));
        site.answer("POST", "/api/train", 200, resource("train-llama3-70b-dgx-h100.json"));
        open("train.html");
        waitForOption("model");

        driver().findElement(By.id("train-submit")).click();

        waitForSeries("chart-breakdown");
        assertThat(site.lastBody("POST", "/api/train")).isEqualTo("{\"model\":\"llama3-70b\",\"server\":\"dgx-h100\","
                + "\"gpus\":64,\"tp\":8,\"pp\":2,\"global_batch\":512,\"seq_len\":8192,\"engine\":\"analytic\"}");
    }

    @Test
    void trainFormDrawsTheBreakdownAndMemoryOfTheAnswer() throws IOException {
        site.answer("GET", "/api/catalog", 200, resource("catalog-two-entries.json"));
        site.answer("POST", "/api/train", 200, resource("train-llama3-70b-dgx-h100.json"));
        open("train.html");
        waitForOption("model");

        driver().findElement(By.id("train-submit")).click();

        assertThat(waitForSeries("chart-breakdown")).contains("compute", "tp_comm", "pp_bubble", "dp_comm");
        assertThat(waitForSeries("chart-memory")).contains("weights", "gradients", "optimizer", "activations");
        assertThat(waitForSeries("chart-mfu")).isEqualTo("mfu,band");
        browser.screenshot(SHOTS, "static-train-answered");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void planSearchFollowsTheJobsEventsAndDrawsTheParetoFrontAndTopPlans() throws IOException {
        site.answer("GET", "/api/catalog", 200, resource("catalog-two-entries.json"));
        site.answer("POST", "/api/plan/train/jobs", 202, "{\"id\": \"job-1\"}");
        site.answer("GET", "/api/plan/train/jobs/job-1/events", 200, "text/event-stream",
                "event: progress\ndata: {\"searched\": 1000, \"total\": null, \"elapsed_s\": 0.5}\n\n"
                        + "event: result\ndata: " + resource("plan-llama3-70b-2T-30-days.json").strip() + "\n\n");
        open("plan.html");
        waitForOption("model");

        driver().findElement(By.id("plan-submit")).click();

        assertThat(waitForSeries("chart-pareto")).isEqualTo("dgx-h100");
        assertThat(driver().findElements(By.cssSelector("#table-topk tbody tr"))).hasSize(10);
        assertThat(driver().findElement(By.id("table-rejections")).getText())
                .contains("the layout does not fit in accelerator memory");
        browser.screenshot(SHOTS, "static-plan-answered");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void planErrorEventShowsTheErrorText() {
        site.answer("GET", "/api/catalog", 200, resource("catalog-two-entries.json"));
        site.answer("POST", "/api/plan/train/jobs", 202, "{\"id\": \"job-2\"}");
        site.answer("GET", "/api/plan/train/jobs/job-2/events", 200, "text/event-stream",
                "event: error\ndata: {\"error\": \"no layout trains 2T tokens within 0.1 days\", "
                        + "\"where\": \"days\", \"expected\": \"more days or a larger max_servers\"}\n\n");
        open("plan.html");
        waitForOption("model");

        driver().findElement(By.id("plan-submit")).click();

        assertThat(waitForError().getText())
                .contains("no layout trains 2T tokens within 0.1 days").contains("more days or a larger max_servers");
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void open(String page) {
        browser.consoleErrors();
        driver().get(site.url(page));
        new WebDriverWait(driver(), WAIT).until(d -> "complete".equals(js("return document.readyState")));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver()).executeScript(script);
    }

    private static WebElement waitForError() {
        WebElement error = driver().findElement(By.id("error"));
        new WebDriverWait(driver(), WAIT).until(d -> error.isDisplayed() && !error.getText().isBlank());
        return error;
    }

    private static void waitForOption(String selectId) {
        new WebDriverWait(driver(), WAIT)
                .until(d -> !d.findElements(By.cssSelector("#" + selectId + " option")).isEmpty());
    }

    private static String waitForSeries(String chartId) {
        WebElement chart = driver().findElement(By.id(chartId));
        new WebDriverWait(driver(), WAIT).until(d -> chart.getAttribute("data-series") != null);
        return chart.getAttribute("data-series");
    }

    private static String resource(String name) {
        try (InputStream in = PagesLoadTest.class.getResourceAsStream("/browser/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
