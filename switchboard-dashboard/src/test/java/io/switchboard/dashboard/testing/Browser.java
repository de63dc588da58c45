package io.switchboard.dashboard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian {@code chromium} driven through Debian's {@code chromium-driver} (both installed
 * by {@code .ci/run}). Fails loudly, never skips, when either is missing.
 */
public final class Browser {
  /** Debian's browser binary. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Debian's driver binary. */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** A new headless browser, 1400×1000. */
  public static ChromeDriver start() {
    for (Path p : new Path[] {CHROMIUM, DRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError(
            p + " is missing: apt-get install -y chromium chromium-driver (.ci/run does it)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
