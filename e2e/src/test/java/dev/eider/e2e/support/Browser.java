package dev.eider.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}; bin/test
 * installs them through e2e/bin/browser.sh), driven by Selenium without downloading anything. A
 * missing browser fails the test, unless {@code EIDER_BROWSER=off} says to skip browser tests.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of(System.getProperty("eider.screenshots.dir", "target/screenshots"));

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Fails when Chromium or its driver is missing (and EIDER_BROWSER is not off), naming what to install. */
  public static void require() {
    Assumptions.assumeFalse("off".equals(System.getenv("EIDER_BROWSER")), "EIDER_BROWSER=off: browser tests skipped");
    for (Path binary : new Path[] {chromium(), chromedriver()}) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver (bash e2e/bin/browser.sh),"
            + " or set EIDER_BROWSER=off to skip the browser tests");
      }
    }
  }

  public static Browser start() {
    require();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium().toFile());
    // --no-sandbox: the tests may run as root, where Chromium refuses its sandbox.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100",
        "--no-first-run", "--disable-extensions", "--disable-background-networking");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile())
        .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new Browser(driver);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves what the browser shows as {@code <name>.png} (the full page's width) under target/screenshots. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path chromium() {
    return Path.of(System.getenv().getOrDefault("EIDER_CHROMIUM", "/usr/bin/chromium"));
  }

  private static Path chromedriver() {
    return Path.of(System.getenv().getOrDefault("EIDER_CHROMEDRIVER", "/usr/bin/chromedriver"));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
