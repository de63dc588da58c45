package io.switchboard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example page {@code examples/chat.html} (issue 12 point 4), served by a node process at
 * {@code /examples/chat.html} on the Redis engine, in headless Debian Chromium: it joins a room,
 * shows what the server API publishes, keeps every message in order and none twice across a crash
 * and restart of the node on the same port (the client re-joins with {@code since}; the history is
 * in Redis), and what it publishes is in the room's history; without a token it registers and signs
 * in through /api/v1/auth/* first. The screenshot is kept at {@code target/chat-page.png}.
 */
class ChatPageIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static Cluster cluster;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() {
    for (Path p : new Path[] {CHROMIUM, DRIVER}) {
      assertThat(Files.isExecutable(p))
          .as(p + " (apt-get install -y chromium chromium-driver; .ci/run does it)")
          .isTrue();
    }
    cluster = Cluster.start(1);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thePageKeepsEveryMessageOnceInOrderAcrossANodeRestartAndPublishes() throws Exception {
    String room = "chat:page-" + UUID.randomUUID().toString().substring(0, 8);
    browser.get(
        "http://127.0.0.1:"
            + cluster.node(0).port
            + "/examples/chat.html?room="
            + room
            + "&token="
            + cluster.token("alice"));
    wait.until(ExpectedConditions.attributeToBe(By.id("joined"), "data-room", room));
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "connected"));
    wait.until(ExpectedConditions.textToBe(By.id("members"), "alice"));

    List<String> sent = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      sent.add(publish(room, "before " + i));
    }
    wait.until(b -> texts().equals(sent));

    cluster.restart(0);
    // nothing was published while the node was down; the page may still be reconnecting now
    for (int i = 1; i <= 3; i++) {
      sent.add(publish(room, "after " + i));
    }
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "connected"));
    wait.until(b -> texts().size() >= sent.size());
    // one more after the recovered ones: a duplicate would have been rendered before it
    sent.add(publish(room, "last"));
    wait.until(b -> texts().size() >= sent.size());
    assertThat(texts()).as("every message, in order, none twice").isEqualTo(sent);
    List<Integer> offsets =
        browser.findElements(By.cssSelector("#messages li")).stream()
            .map(li -> Integer.parseInt(li.getDomAttribute("data-offset")))
            .toList();
    assertThat(offsets).isEqualTo(IntStream.rangeClosed(1, sent.size()).boxed().toList());

    browser.findElement(By.id("text")).sendKeys("hello from the page");
    browser.findElement(By.id("send")).click();
    wait.until(b -> texts().size() == sent.size() + 1);
    assertThat(texts().get(sent.size())).isEqualTo("hello from the page");
    assertThat(browser.findElement(By.id("text")).getDomProperty("value")).isEmpty();
    JsonObject history =
        cluster.api(0, HttpMethod.GET, "/rooms/" + room + "/history", null).getJsonObject("body");
    JsonObject last = history.getJsonArray("publications").getJsonObject(sent.size());
    assertThat(last.getString("from")).isEqualTo("alice");
    assertThat(last.getJsonObject("data").getString("text")).isEqualTo("hello from the page");
    assertThat(last.getInteger("offset")).isEqualTo(sent.size() + 1);

    Path shot = Path.of("target", "chat-page.png").toAbsolutePath();
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + shot);
  }

  @Test
  void withoutATokenThePageRegistersSignsInAndJoins() {
    String room = "chat:signin-" + UUID.randomUUID().toString().substring(0, 8);
    String email = "page-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    browser.get("http://127.0.0.1:" + cluster.node(0).port + "/examples/chat.html?room=" + room);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    assertThat(browser.findElement(By.id("chat")).isDisplayed()).isFalse();
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys("Page-passw0rd!");
    browser.findElement(By.id("register")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "connected"));
    wait.until(ExpectedConditions.attributeToBe(By.id("joined"), "data-room", room));
    assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse();

    browser.findElement(By.id("text")).sendKeys("signed in");
    browser.findElement(By.id("send")).click();
    wait.until(b -> texts().equals(List.of("signed in")));
    JsonObject only =
        cluster
            .api(0, HttpMethod.GET, "/rooms/" + room + "/history", null)
            .getJsonObject("body")
            .getJsonArray("publications")
            .getJsonObject(0);
    assertThat(only.getJsonObject("data").getString("text")).isEqualTo("signed in");
    assertThat(browser.findElement(By.cssSelector("#messages li .from")).getText())
        .as("the edge user's id, as the server API's history has it")
        .isEqualTo(only.getString("from"));
  }

  private static String publish(String room, String text) {
    JsonObject r =
        cluster.api(
            0,
            HttpMethod.POST,
            "/rooms/" + room + "/publications",
            new JsonObject()
                .put("event", "message")
                .put("data", new JsonObject().put("text", text)));
    assertThat(r.getInteger("status")).as("publish " + text + ": " + r).isEqualTo(200);
    return text;
  }

  /** The texts of the page's message list, top to bottom. */
  private static List<String> texts() {
    return browser.findElements(By.cssSelector("#messages li .text")).stream()
        .map(WebElement::getText)
        .toList();
  }
}
