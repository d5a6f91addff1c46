package org.suanli.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.suanli.web.SuanliServer;
import org.suanli.web.WebConfig;

/**
 * Every page in headless Chromium against the real server (built-in catalog, ephemeral loopback port), as a user
 * would use it: it loads with no console error, its form (or main action) runs and its chart is drawn with the
 * expected series, and a bad input shows the API's own {error, where, expected} text in #error. Requests are kept
 * small (7-8B models, up to 8 servers of two types, a four-rate sweep of 200 requests each) so the suite stays quick. After its chart renders
 * each page is photographed: to target/browser-screenshots, or with {@code -Dsuanli.screenshots.update=true} to
 * docs/screenshots/PAGE.png, the README's pictures.
 */
@Timeout(120)
class PagesWithServerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** ECharts draws its series in with a one-second animation; a screenshot waits it out. */
    private static final Duration ANIMATION = Duration.ofMillis(1100);
    private static final boolean UPDATE = Boolean.getBoolean("suanli.screenshots.update");
    private static final Path SHOTS = Path.of(UPDATE ? System.getProperty("suanli.screenshots.docs", "../docs/screenshots")
            : System.getProperty("suanli.screenshots", "target/browser-screenshots"));

    @TempDir
    static Path scratch;
    private static SuanliServer server;
    private static BrowserSupport browser;

    @BeforeAll
    static void startServer() {
        server = SuanliServer.start(WebConfig.defaults(0));
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
        if (server != null) {
            server.close();
        }
    }

    @Test
    void indexLinksTheSevenPages() throws IOException {
        open("index.html");

        assertThat(driver().findElements(By.cssSelector("header nav a"))).hasSize(7);
        assertThat(driver().findElements(By.cssSelector("main a[href$='.html']")).stream().map(a -> a.getAttribute("href"))
                .map(h -> h.substring(h.lastIndexOf('/') + 1)).distinct())
                .contains("catalog.html", "train.html", "plan.html", "serve.html", "cost.html", "export.html", "market.html");
        screenshot("index", null);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void catalogComparesTwoChosenAcceleratorsOnTheRoofline() throws IOException {
        open("catalog.html");
        waitForRows("table-catalog");
        int all = rows("table-catalog").size();
        type("search", "h100");
        assertThat(rows("table-catalog")).hasSizeBetween(1, all - 1)
                .anySatisfy(r -> assertThat(r.getText()).startsWith("h100-sxm "));
        type("search", "");

        choose("h100-sxm");
        choose("mi300x");
        driver().findElement(By.id("compare")).click();

        assertThat(waitForSeries("chart-roofline")).isEqualTo("h100-sxm,mi300x");
        assertThat(driver().findElement(By.id("table-compare")).getText()).contains("peak_bf16_tflops");
        screenshot("catalog", "chart-roofline");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void catalogCompareOfOneEntryShowsTheApisError() {
        open("catalog.html");
        waitForRows("table-catalog");
        choose("h100-sxm");

        driver().findElement(By.id("compare")).click();

        assertThat(waitForError().getText()).contains("one id").contains("ids")
                .contains("expected two or more comma-separated ids of one kind");
    }

    @Test
    void trainFormDrawsTheBreakdownMemoryAndMfuOfTheDefaultLayout() throws IOException {
        open("train.html");
        waitForOption("model");

        driver().findElement(By.id("train-submit")).click();

        assertThat(waitForSeries("chart-breakdown")).contains("compute", "tp_comm", "pp_bubble", "dp_comm");
        assertThat(waitForSeries("chart-memory")).contains("weights", "gradients", "optimizer", "activations");
        assertThat(waitForSeries("chart-mfu")).isEqualTo("mfu,band");
        assertThat(driver().findElement(By.id("train-summary")).getText()).contains("tp 8 · pp 2 · dp 4");
        screenshot("train", "train-result");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void trainWithTheEventEngineDrawsOneStepsTimelineAndOffersTheTrace() throws IOException {
        open("train.html");
        waitForOption("model");
        set("input[name=gpus]", "16");
        set("input[name=global_batch]", "4");
        select("engine", "event");

        driver().findElement(By.id("train-submit")).click();

        assertThat(waitForSeries("chart-timeline")).isEqualTo("compute,communication,bubble");
        assertThat(driver().findElement(By.id("timeline-status")).getText()).contains("2 stages");
        assertThat(driver().findElement(By.id("trace-download")).getAttribute("href")).startsWith("blob:");
        screenshot("train-timeline", "timeline-section");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void trainWithALayoutThatDoesNotDivideTheGpusShowsTheApisError() {
        open("train.html");
        waitForOption("model");
        set("input[name=tp]", "3");

        driver().findElement(By.id("train-submit")).click();

        assertThat(waitForError().getText()).contains("does not divide 64 GPUs").contains("layout")
                .contains("expected a data-parallel size that is a whole number");
    }

    @Test
    void planSearchFollowsItsProgressAndDrawsTheParetoFrontByServerType() throws IOException {
        open("plan.html");
        waitForOption("server");
        smallPlan();

        driver().findElement(By.id("plan-submit")).click();

        assertThat(waitForSeries("chart-pareto")).contains("dgx-h100");
        // dgx-h100 on 1, 2, 4 and 8 servers (each slower and cheaper), and since the price book (issue 16) mi300x-8 on 8
        // servers, rented at its published $1.50 per GPU-hour (no purchase price published): 2.80 days for $6,454, the
        // fastest and dearest (plan train --model llama3-8b --tokens 200B --days 30 --max-servers 8 gives the same five)
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-pareto')).getOption().series"
                + ".reduce((n, s) => n + s.data.length, 0)")).as("points on the front").isEqualTo(5L);
        assertThat(driver().findElement(By.id("progress")).getText()).isEqualTo("done");
        assertThat(rows("table-topk")).hasSize(5);
        assertThat(rows("table-rejections")).isNotEmpty();
        screenshot("plan", "plan-result");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void planOverTheCandidateBoundShowsTheApisErrorNamingIt() {
        open("plan.html");
        waitForOption("server");
        smallPlan();
        set("input[name=max_servers]", "");
        set("input[name=max_candidates]", "20000");

        driver().findElement(By.id("plan-submit")).click();

        assertThat(waitForError().getText()).contains("over the limit of 20,000").contains("max_candidates");
    }

    @Test
    void serveSweepDrawsThroughputPercentilesAndKvUseAndPlansAFleet() throws IOException {
        open("serve.html");
        waitForOption("fleet-server");
        smallInfer("200");

        driver().findElement(By.id("infer-submit")).click();

        waitForText("sweep-progress", "4 rates simulated");
        assertThat(waitForSeries("chart-throughput")).isEqualTo("e2e p50,e2e p99");
        assertThat(waitForSeries("chart-ttft")).isEqualTo("p50,p90,p99");
        assertThat(waitForSeries("chart-tpot")).isEqualTo("p50,p90,p99");
        assertThat(waitForSeries("chart-kv")).isEqualTo("8 req/s,32 req/s,64 req/s,128 req/s");
        screenshot("serve", "infer-result");

        select("fleet-model", "llama2-7b");
        selectMany("fleet-server", "dgx-h100");
        set("#fleet-form input[name=rate]", "5");
        set("#fleet-form input[name=input_len]", "512");
        set("#fleet-form input[name=output_len]", "64");
        set("#fleet-form input[name=requests]", "100");
        driver().findElement(By.id("fleet-submit")).click();

        waitForRows("table-fleets");
        assertThat(rows("table-fleets").get(0).getText()).contains("dgx-h100");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void serveSweepOverTheRequestBoundShowsTheApisErrorNamingIt() {
        open("serve.html");
        waitForOption("fleet-server");
        smallInfer("200000");

        driver().findElement(By.id("infer-submit")).click();

        assertThat(waitForError().getText()).contains("200,000 requests exceed the server's limit of 100,000").contains("max_requests");
    }

    @Test
    void costOfHgxH20ShowsTheYuanStreetPriceItUsedAtTheFedsRateWithItsSourceLinked() throws IOException {
        open("cost.html");
        select("server", "hgx-h20");

        driver().findElement(By.id("cost-submit")).click();

        // prices.yaml hgx-h20: street, 2024-07, "about 1.2 million yuan" (Huxiu); 1,200,000 / 7.2609 = $165,269
        assertThat(waitForText("price-used", "1,200,000")).contains("street, 2024-07 · buy, $165,269 per server")
                .contains("CNY 1,200,000 at 7.2609 CNY/USD (2024-07)").contains("reprint of Huxiu");
        assertThat(driver().findElement(By.cssSelector("#price-used a")).getAttribute("href"))
                .isEqualTo("https://soramidjourney.com/?p=5618");
        assertThat(driver().findElement(By.id("table-cost")).getText()).contains("server price $165,269");
        screenshot("cost", "cost-result");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void costOfAServerPricedAsARangeShowsBothEndsInDollarsAndYuan() {
        open("cost.html");
        select("server", "x660-g45-lp");

        driver().findElement(By.id("cost-submit")).click();

        // prices.yaml x660-g45-lp: "from 2.3 million to 3.3 million" yuan (2023) at 7.0809: $324,817-$466,042
        assertThat(waitForText("price-used", "CNY")).contains("$324,817–$466,042 per server")
                .contains("CNY 2,300,000–3,300,000 at 7.0809 CNY/USD (2023)");
    }

    @Test
    void costPostsThePriceDateBasisAndCurrencyAndShowsThePerInstanceArithmetic() {
        open("cost.html");
        select("server", "dgx-h100");
        set("#price-date", "2025-01");
        select("price-basis", "rent");
        select("price-currency", "CNY");

        driver().findElement(By.id("cost-submit")).click();

        // the AWS capacity-block rate nearest 2025-01 is of 2024-12: $39.33 an 8-GPU instance-hour / 8 = $4.916
        assertThat(waitForText("price-used", "cloud-reserved")).contains("cloud-reserved, 2024-12 · rent, $4.916 per accelerator-hour")
                .contains("an instance of 8 accelerators / 8").contains("chosen: basis rent, date 2025-01, currency CNY");
    }

    @Test
    void costOfAServerWithNoPublishedPriceSaysWhatWasSearched() {
        open("cost.html");
        select("server", "dgx-b300");

        driver().findElement(By.id("cost-submit")).click();

        assertThat(waitForText("price-used", "no public price")).contains("no public price: searched pages: \"DGX B300 price\"");
        assertThat(driver().findElement(By.id("table-cost")).getText()).contains("total needs a price");
    }

    @Test
    void servePlansOneFleetPerServerTypeWithEachFleetsPriceAndTokenCostRange() {
        open("serve.html");
        waitForOption("fleet-server");
        select("fleet-model", "llama2-7b");
        selectMany("fleet-server", "dgx-h100", "hgx-h20");
        set("#fleet-form input[name=rate]", "5");
        set("#fleet-form input[name=input_len]", "512");
        set("#fleet-form input[name=output_len]", "64");
        set("#fleet-form input[name=requests]", "100");
        driver().findElement(By.id("per-server")).click();

        driver().findElement(By.id("fleet-submit")).click();

        waitForRows("table-fleets");
        assertThat(rows("table-fleets")).hasSize(2);
        assertThat(rows("table-fleets")).anySatisfy(r -> assertThat(r.getText()).contains("dgx-h100")
                .contains("estimate, 2023 · buy, $268,495 per server"));
        assertThat(rows("table-fleets")).anySatisfy(r -> assertThat(r.getText()).contains("hgx-h20")
                .contains("CNY 1,200,000 at 7.2609 CNY/USD (2024-07)"));
        assertThat(driver().findElement(By.cssSelector("#table-fleets thead")).getText()).contains("USD per M tokens, price range");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void exportPlacesEveryChipAgainstTheRulesThresholdsAndShowsAChipsArithmetic() throws IOException {
        open("export.html");

        assertThat(waitForSeries("chart-export")).contains("3A090.a", "not 3A090", "thresholds");
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-export')).getOption().series"
                + ".find(s => s.name === 'thresholds').markLine.data.map(d => d.yAxis ?? ('pd ' + d.xAxis)).join(',')"))
                .isEqualTo("1600,2400,4800,pd 1.6,pd 3.2,pd 5.92");
        rows("table-export").stream().filter(r -> r.getText().startsWith("h20 ")).findFirst().orElseThrow().click();
        assertThat(driver().findElement(By.id("arithmetic")).getText()).contains("TPP = 2,368").contains("2023-10");
        screenshot("export", "chart-export");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void exportLinkToAnUnknownRuleShowsTheApisError() {
        open("export.html?rule=1999");

        assertThat(waitForError().getText()).contains("unknown rule").contains("expected all or one of 2022-10");
    }

    @Test
    void marketDrawsTheSeriesWithProjectionsAndTheCagrChecks() throws IOException {
        open("market.html");

        assertThat(waitForSeries("chart-market")).contains("Global AI server market", "Global AI server market (projection)");
        waitForRows("table-projections");
        assertThat(rows("table-cagr")).isNotEmpty();
        assertThat(driver().findElement(By.id("check-summary")).getText()).contains("consistent");
        screenshot("market", "chart-market");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void marketDrawsTheReportedPathBesideTheSeedsAndTabulatesTheForecastCheck() throws IOException {
        open("market.html");

        assertThat(waitForSeries("chart-market")).contains("Mainland China AI server sales (projection)");
        waitForRows("table-forecast");
        assertThat(driver().findElement(By.id("chart-market")).getAttribute("data-series"))
                .contains("Mainland China AI server sales (reported path)");
        // IDC 2023 $9.4B and 2024 $22.1B actuals; the path (2024, 2030) through them: +135.11 % a year
        assertThat(js("return echarts.getInstanceByDom(document.getElementById('chart-market')).getOption().series"
                + ".find(s => s.name === 'Mainland China AI server sales (reported path)').data.map(d => d[0] + ':' + d[1]).join(',')"))
                .asString().startsWith("2023:9.4,2024:22.1,2030:");
        assertThat(rows("table-forecast")).anySatisfy(r -> assertThat(r.getText())
                .startsWith("china-ai-server-sales-usd 2024 $10.05B $22.1B actual IDC 2025-03 -54.51 below same provider yes"));
        assertThat(driver().findElement(By.id("forecast-notes")).getText())
                .contains("china-ai-server-shipments-units: no comparable actual; searched: IDC China AI-server shipments");
        screenshot("market-forecast", "table-forecast");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void marketProjectionBeforeTheFirstPointShowsTheApisError() {
        open("market.html");
        waitForRows("table-projections");
        set("#project-year", "1990");

        driver().findElement(By.id("project")).click();

        assertThat(waitForError().getText()).contains("outside the projection range").contains("year 1990");
    }

    private static void smallPlan() {
        select("model", "llama3-8b");
        set("input[name=tokens]", "200B");
        select("goal", "days");
        set("#goal-value", "30");
        selectMany("server", "dgx-h100", "mi300x-8");
        set("input[name=max_servers]", "8");
        set("input[name=top]", "5");
    }

    private static void smallInfer(String requests) {
        select("model", "llama2-7b");
        set("#infer-form input[name=gpus]", "1");
        set("#infer-form input[name=tp]", "1");
        set("#infer-form input[name=input_len]", "512");
        set("#infer-form input[name=output_len]", "64");
        set("#infer-form input[name=requests]", requests);
        set("#ttft-slo", "0.5");
        set("#tpot-slo", "0.05");
        set("#rates", "8,32,64,128");
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void open(String page) {
        browser.consoleErrors();
        driver().get("http://127.0.0.1:" + server.port() + "/" + page);
        new WebDriverWait(driver(), WAIT).until(d -> "complete".equals(js("return document.readyState")));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** Sets an input's value (CSS selector, or an id) as typing would, firing input and change. */
    private static void set(String selector, String value) {
        WebElement e = driver().findElement(By.cssSelector(selector));
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", e, value);
    }

    private static void type(String id, String value) {
        set("#" + id, value);
    }

    private static void select(String id, String value) {
        waitForOption(id);
        set("#" + id, value);
        assertThat(driver().findElement(By.id(id)).getAttribute("value")).as("option " + value + " of #" + id).isEqualTo(value);
    }

    private static void selectMany(String id, String... values) {
        js("for (const o of arguments[0].options) o.selected = arguments[1].includes(o.value);",
                driver().findElement(By.id(id)), List.of(values));
    }

    private static void choose(String id) {
        driver().findElement(By.cssSelector("#table-catalog input[data-id='" + id + "']")).click();
    }

    private static List<WebElement> rows(String tableId) {
        return driver().findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private static void waitForRows(String tableId) {
        new WebDriverWait(driver(), WAIT).until(d -> !rows(tableId).isEmpty());
    }

    private static void waitForOption(String selectId) {
        new WebDriverWait(driver(), WAIT)
                .until(d -> !d.findElements(By.cssSelector("#" + selectId + " option")).isEmpty());
    }

    /** Waits until the element's text contains the given text and returns its whole text; fails early on a shown error. */
    private static String waitForText(String id, String text) {
        new WebDriverWait(driver(), WAIT).until(d -> {
            if (d.findElement(By.id("error")).isDisplayed()) {
                throw new AssertionError("the page shows an error: " + d.findElement(By.id("error")).getText());
            }
            return d.findElement(By.id(id)).getText().contains(text);
        });
        return driver().findElement(By.id(id)).getText();
    }

    private static WebElement waitForError() {
        WebElement error = driver().findElement(By.id("error"));
        new WebDriverWait(driver(), WAIT).until(d -> error.isDisplayed() && !error.getText().isBlank());
        return error;
    }

    /** Waits until the chart's series are drawn (data-series set) and returns them; fails early on a shown error. */
    private static String waitForSeries(String chartId) {
        WebElement chart = driver().findElement(By.id(chartId));
        new WebDriverWait(driver(), WAIT).until(d -> {
            WebElement error = d.findElement(By.id("error"));
            if (error.isDisplayed()) {
                throw new AssertionError("the page shows an error: " + error.getText());
            }
            return chart.getAttribute("data-series") != null;
        });
        return chart.getAttribute("data-series");
    }

    /** Photographs the window with the element (when given) scrolled to just below the page header. */
    private static void screenshot(String name, String elementId) throws IOException {
        if (elementId != null) {
            js("const top = document.getElementById(arguments[0]).getBoundingClientRect().top + window.scrollY;"
                    + "window.scrollTo(0, Math.max(0, top - 90));", elementId);
        }
        pause(ANIMATION);
        browser.screenshot(SHOTS, name);
    }
}
