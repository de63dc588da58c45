package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-site WebSocket hijacking (issue 7 part 2, point 4): a browser page from another site cannot
 * open {@code /ws} with a visitor's {@code token} cookie. With {@code server.allowedOrigins}
 * listing origins, other origins get 403; whatever the list, a cookie token is used only from no
 * {@code Origin}, the request's own origin, or an origin listed explicitly ({@code *} does not
 * count): otherwise the cookie is ignored and the handshake needs a query or bearer token.
 */
class OriginIT {
  private static final String EVIL = "https://evil.example";
  static TestNode listed;
  static TestNode open;
  static TestNode star;

  @BeforeAll
  static void start() {
    listed = withOrigins(List.of("https://app.example.com"));
    open = TestNode.start();
    star = withOrigins(List.of("*"));
  }

  private static TestNode withOrigins(List<String> origins) {
    return TestNode.start(
        c -> {
          ServerConfig s = c.server();
          return c.withServer(
              new ServerConfig(
                  s.host(),
                  s.port(),
                  s.eventLoops(),
                  s.shutdownGrace(),
                  s.maxBodyBytes(),
                  s.nativeTransport(),
                  s.transport(),
                  origins,
                  s.idleTimeout(),
                  s.handshakeTimeout(),
                  s.maxConnections()));
        });
  }

  @AfterAll
  static void stop() {
    listed.close();
    open.close();
    star.close();
  }

  private static WebSocketConnectOptions withCookie(TestNode node, String origin) {
    WebSocketConnectOptions o =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(node.port())
            .setURI("/ws")
            .addHeader("Cookie", "token=" + node.token("victim"));
    // the Vert.x client sends its own Origin unless told not to; non-browser clients often send
    // none
    return origin == null ? o.setAllowOriginHeader(false) : o.addHeader("Origin", origin);
  }

  private static void assertWelcomes(TestNode node, WebSocketConnectOptions options, String user) {
    try (TestClient c = TestClient.connect(node.vertx, options)) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user")).isEqualTo(user);
    }
  }

  /**
   * The upgrade succeeds, then one {@code unauthorized} error with {@code message} and close 4001.
   */
  private static void assertUnauthorized(
      TestNode node, String path, String message, String... headers) {
    try (RawWebSocket raw = RawWebSocket.connect(node, path, headers)) {
      await().atMost(Duration.ofSeconds(5)).until(() -> raw.closeCode != null);
      assertThat(raw.statusLine).contains("101");
      assertThat(raw.texts).hasSize(1);
      JsonObject e = new JsonObject(raw.texts.get(0));
      assertThat(e.getString("code")).isEqualTo("unauthorized");
      assertThat(e.getString("message")).isEqualTo(message);
      assertThat(raw.closeCode).isEqualTo(4001);
    }
  }

  @Test
  void anotherSitesOriginIsRefusedWith403() {
    assertThatThrownBy(() -> TestClient.connect(listed.vertx, withCookie(listed, EVIL)))
        .hasMessageContaining("403");
  }

  @Test
  void anAllowedOriginConnects() {
    assertWelcomes(listed, withCookie(listed, "https://app.example.com"), "victim");
  }

  @Test
  void aClientWithoutOriginConnects() {
    assertWelcomes(listed, withCookie(listed, null), "victim");
    assertWelcomes(open, withCookie(open, null), "victim");
  }

  @Test
  void aCookieFromAnotherOriginIsIgnoredByDefault() {
    String forbidden = "switchboard_errors_total{code=\"forbidden\"}";
    double before = open.metric(forbidden);
    assertUnauthorized(
        open, "/ws", "token required", "Origin: " + EVIL, "Cookie: token=" + open.token("victim"));
    assertThat(open.metric(forbidden)).isEqualTo(before + 1);
  }

  @Test
  void aWildcardAdmitsTheHandshakeButNotTheCookie() {
    assertUnauthorized(
        star, "/ws", "token required", "Origin: " + EVIL, "Cookie: token=" + star.token("victim"));
    assertWelcomes(
        star,
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(star.port())
            .setURI("/ws?token=" + star.token("query-user"))
            .addHeader("Origin", EVIL),
        "query-user");
  }

  @Test
  void aSameOriginCookieConnects() {
    assertWelcomes(open, withCookie(open, "http://127.0.0.1:" + open.port()), "victim");
    assertWelcomes(star, withCookie(star, "http://127.0.0.1:" + star.port()), "victim");
    // another port of the same host is another origin
    assertUnauthorized(
        open,
        "/ws",
        "token required",
        "Origin: http://127.0.0.1:" + (open.port() + 1),
        "Cookie: token=" + open.token("victim"));
  }

  @Test
  void aQueryOrBearerTokenFromAnotherOriginConnects() {
    assertWelcomes(
        open,
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(open.port())
            .setURI("/ws?token=" + open.token("query-user"))
            .addHeader("Origin", EVIL),
        "query-user");
    assertWelcomes(
        open,
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(open.port())
            .setURI("/ws")
            .addHeader("Origin", EVIL)
            .addHeader("Authorization", "Bearer " + open.token("bearer-user")),
        "bearer-user");
    // with a cross-site cookie as well, the query token is the one used
    assertWelcomes(
        open,
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(open.port())
            .setURI("/ws?token=" + open.token("query-user"))
            .addHeader("Origin", EVIL)
            .addHeader("Cookie", "token=" + open.token("victim")),
        "query-user");
  }
}
