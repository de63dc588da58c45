package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code server.allowedOrigins}: a browser page from another site cannot open {@code /ws} with a
 * visitor's {@code token} cookie (cross-site WebSocket hijacking); listed origins and clients
 * that send no {@code Origin} connect as usual.
 */
class OriginIT {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(c -> {
      ServerConfig s = c.server();
      return c.withServer(new ServerConfig(s.host(), s.port(), s.eventLoops(), s.shutdownGrace(), s.maxBodyBytes(),
          s.nativeTransport(), List.of("https://app.example.com"), s.idleTimeout(), s.handshakeTimeout(), s.maxConnections()));
    });
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static WebSocketConnectOptions withCookie(String origin) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/ws").addHeader("Cookie", "token=" + node.token("victim"));
    // the Vert.x client sends its own Origin unless told not to; non-browser clients often send none
    return origin == null ? o.setAllowOriginHeader(false) : o.addHeader("Origin", origin);
  }

  @Test
  void anotherSitesOriginIsRefusedWith403() {
    assertThatThrownBy(() -> TestClient.connect(node.vertx, withCookie("https://evil.example")))
        .hasMessageContaining("403");
  }

  @Test
  void anAllowedOriginConnects() {
    try (TestClient c = TestClient.connect(node.vertx, withCookie("https://app.example.com"))) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user")).isEqualTo("victim");
    }
  }

  @Test
  void aClientWithoutOriginConnects() {
    try (TestClient c = TestClient.connect(node.vertx, withCookie(null))) {
      assertThat(c.expect("welcome").getJsonObject("data").getString("user")).isEqualTo("victim");
    }
  }
}
