package dev.vigil.its.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium, driven through the system's chromedriver (Debian packages {@code chromium} and
 * {@code chromium-driver}); Selenium is given both paths, so it never looks for or downloads a browser or driver.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final List<String> severe = new ArrayList<>();

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** Skips the test when Chromium or its driver is missing; fails instead under VIGIL_REQUIRE_SERVICES=1 (CI). */
  public static void require() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message = CHROMIUM + " or " + CHROMEDRIVER + " is missing (Debian packages chromium, chromium-driver)";
    if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
      throw new AssertionError(message + " and VIGIL_REQUIRE_SERVICES=1");
    }
    Assumptions.abort(message + ": skipped (set VIGIL_REQUIRE_SERVICES=1 to fail instead)");
  }

  public static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("vigil-chromium-");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withTimeout(Duration.ofMinutes(2)).build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(AgentJvm.PATIENCE).scriptTimeout(AgentJvm.PATIENCE);
    driver.manage().window().setSize(new Dimension(1400, 900));
    return new Browser(driver, service, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  @SuppressWarnings("unchecked")
  public <T> T js(String script, Object... args) {
    return (T) ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The browser's console errors so far (failed loads, policy violations, uncaught exceptions). */
  public List<String> consoleErrors() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(e.getMessage());
      }
    }
    return new ArrayList<>(severe);
  }

  /** Polls {@code probe} until it returns a non-null value other than FALSE; fails with {@code what} at the deadline. */
  public <T> T await(String what, Duration timeout, Supplier<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (WebDriverException e) { // an element replaced by a refresh between finding and reading it
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    Path shot = screenshot("timed-out");
    throw new AssertionError("in the browser, " + what + " did not happen within " + timeout + " (the page then: "
        + shot + ")", last);
  }

  /** A PNG of the viewport, under the module's target/ui-screenshots/. */
  public Path screenshot(String name) {
    try {
      Path dir = Paths.get(System.getProperty("its.test.classes", "target/test-classes")).getParent()
          .resolve("ui-screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory left behind
      }
    }
  }
}
