package org.suanli.web.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium driven through its chromedriver, for browser tests of the web pages.
 * When either program is missing the calling test is skipped (a JUnit assumption) with a message
 * naming the path and the script that installs them; the browser gets a fresh profile folder,
 * no network beyond what the page asks for, and its console is collected so tests can assert on it.
 */
public final class BrowserSupport implements AutoCloseable {

    /** The Chromium binary (Debian package chromium); override with -Dsuanli.chromium=PATH. */
    public static final Path CHROMIUM = Path.of(System.getProperty("suanli.chromium", "/usr/bin/chromium"));
    /** The driver (Debian package chromium-driver); override with -Dsuanli.chromedriver=PATH. */
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("suanli.chromedriver", "/usr/bin/chromedriver"));

    /** Headless Chromium keeps 143 pixels of the window for its (invisible) toolbars: this gives a 1280x800 page. */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1280,943");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private BrowserSupport(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser with a fresh profile under the given folder, or skips the test. */
    public static BrowserSupport start(Path scratch) throws IOException {
        assumeInstalled(CHROMIUM, "chromium");
        assumeInstalled(CHROMEDRIVER, "chromium-driver");
        Path profile = Files.createTempDirectory(scratch, "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new BrowserSupport(service, driver, profile);
    }

    private static void assumeInstalled(Path program, String debianPackage) {
        assumeTrue(Files.isExecutable(program), "browser test skipped: " + program + " is missing (Debian package "
                + debianPackage + "; .ci/install-browser installs it)");
    }

    /** The driver, to load pages and find elements. */
    public WebDriver driver() {
        return driver;
    }

    /** Console messages at error level (SEVERE) since the last call; reading them clears them. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves a PNG of the window as folder/name.png and returns its path. */
    public Path screenshot(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser profile " + profile, e);
        }
    }
}
