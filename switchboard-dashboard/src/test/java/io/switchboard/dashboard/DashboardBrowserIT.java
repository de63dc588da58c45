package io.switchboard.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.dashboard.testing.Browser;
import io.switchboard.dashboard.testing.DashboardNode;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (issue 12 point 3): an admin signs in on the page (registered,
 * made admin with the API key, logged in through the form), or a backend pastes the API key; the
 * page goes live on {@code sys:metrics}, shows the connection count and a room as a test client
 * joins, shows a publication of that client arriving in the room view, and publishes as the server.
 * A screenshot is kept under {@code target/} (its path is printed).
 */
class DashboardBrowserIT {
  private DashboardNode node;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    node = DashboardNode.start();
    browser = Browser.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anAdminSeesConnectionsRoomsAndPublicationsLive() throws Exception {
    String id = node.register("ada@example.com");
    node.makeAdmin(id);
    open();
    browser.findElement(By.id("email")).sendKeys("ada@example.com");
    browser.findElement(By.id("password")).sendKeys(DashboardNode.PASSWORD);
    browser.findElement(By.id("login")).click();
    awaitLive();
    // the page's own socket is the one connection
    wait.until(ExpectedConditions.textToBe(By.id("total-connections"), "1"));

    try (TestClient client = node.node.connect("bob")) {
      client.join("chat:lobby");
      wait.until(ExpectedConditions.textToBe(By.id("total-connections"), "2"));
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("sb-rooms tr[data-room='chat:lobby']")));
      assertThat(
              browser
                  .findElement(
                      By.cssSelector("sb-rooms tr[data-room='chat:lobby'] td[data-field=members]"))
                  .getText())
          .isEqualTo("1");

      browser.findElement(By.id("room-name")).sendKeys("chat:lobby");
      browser.findElement(By.id("room-open")).click();
      // bob and the page itself, which follows the room over its socket
      wait.until(ExpectedConditions.textToBe(By.id("room-presence-count"), "2"));
      client.publish("chat:lobby", "message", new JsonObject().put("text", "hi from bob"));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("room-events"), "hi from bob"));

      browser.findElement(By.id("pub-send")).click(); // {"text":"hello"} as the server
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("room-history"), "hello"));
      JsonObject seen = client.skipTo("event");
      assertThat(seen.getString("event")).isEqualTo("message");
      screenshot("dashboard-admin.png");
    }
  }

  @Test
  void theServerKeyOpensTheDashboardAndAWrongOneIsRefused() throws Exception {
    open();
    browser.findElement(By.id("apikey")).sendKeys("wrong-key-0123456789");
    browser.findElement(By.id("use-key")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-error"), "token"));
    assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();

    browser.findElement(By.id("apikey")).clear();
    browser.findElement(By.id("apikey")).sendKeys(TestNode.API_KEY);
    browser.findElement(By.id("use-key")).click();
    awaitLive();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("sb-nodes tr[data-node='" + node.node.server.node() + "']")));
    wait.until(
        ExpectedConditions.textToBe(By.cssSelector("sb-nodes td[data-field=engines]"), "ready"));
    screenshot("dashboard-key.png");
  }

  private void open() {
    browser.get("http://127.0.0.1:" + node.node.port() + "/dashboard");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
  }

  private void awaitLive() {
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
  }

  private void screenshot(String name) throws Exception {
    browser.executeScript("window.scrollTo(0, 0)");
    Path target = Path.of("target", name).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.copy(
        ((org.openqa.selenium.TakesScreenshot) (WebDriver) browser)
            .getScreenshotAs(OutputType.FILE)
            .toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("dashboard screenshot: " + target);
  }
}
