package io.switchboard.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request ids, security headers and CORS on every HTTP answer (SPEC C5; issue 11 point 2): an
 * {@code X-Request-Id} is echoed when valid and generated otherwise; the security headers are on
 * answers of every kind (health, a refused server API call, an unknown path); CORS answers only the
 * configured origins.
 */
class HttpEdgeIT {

  private static HttpResponse<Buffer> call(
      TestNode node, HttpMethod method, String path, MultiMap headers) {
    WebClient client = WebClient.create(node.vertx);
    try {
      return TestNode.await(
          client.request(method, node.port(), "127.0.0.1", path).putHeaders(headers).send());
    } finally {
      client.close();
    }
  }

  @Test
  void everyAnswerCarriesARequestIdAndTheSecurityHeaders() {
    try (TestNode node = TestNode.start()) {
      for (String path : List.of("/health", "/api/v1/server/rooms/chat:1/presence", "/nowhere")) {
        HttpResponse<Buffer> r =
            call(node, HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap());
        assertThat(r.getHeader("X-Request-Id")).as(path).matches("[0-9a-f-]{36}");
        assertThat(r.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(r.getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
        assertThat(r.getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        assertThat(r.getHeader("Content-Security-Policy")).as(path).contains("default-src 'none'");
        assertThat(r.getHeader("Cache-Control")).as(path).isEqualTo("no-store");
      }
      HttpResponse<Buffer> given =
          call(
              node,
              HttpMethod.GET,
              "/health",
              MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "trace-42.a_b"));
      assertThat(given.getHeader("X-Request-Id")).isEqualTo("trace-42.a_b");
      HttpResponse<Buffer> forged =
          call(
              node,
              HttpMethod.GET,
              "/health",
              MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "bad id\twith spaces"));
      assertThat(forged.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void corsAnswersOnlyTheConfiguredOrigins() {
    try (TestNode node =
        TestNode.start(c -> c.withServer(origins(c.server(), List.of("https://app.example"))))) {
      MultiMap preflight =
          MultiMap.caseInsensitiveMultiMap()
              .add("Origin", "https://app.example")
              .add("Access-Control-Request-Method", "POST")
              .add("Access-Control-Request-Headers", "Content-Type, X-API-Key");
      HttpResponse<Buffer> allowed =
          call(node, HttpMethod.OPTIONS, "/api/v1/server/rooms/chat:1/publications", preflight);
      assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
      HttpResponse<Buffer> other =
          call(
              node,
              HttpMethod.GET,
              "/health",
              MultiMap.caseInsensitiveMultiMap().add("Origin", "https://evil.example"));
      assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
    }
    try (TestNode node = TestNode.start()) {
      HttpResponse<Buffer> none =
          call(
              node,
              HttpMethod.GET,
              "/health",
              MultiMap.caseInsensitiveMultiMap().add("Origin", "https://app.example"));
      assertThat(none.getHeader("Access-Control-Allow-Origin"))
          .as("no CORS without configured origins")
          .isNull();
    }
  }

  private static ServerConfig origins(ServerConfig s, List<String> origins) {
    return new ServerConfig(
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
        s.maxConnections());
  }
}
