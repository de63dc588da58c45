package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.server.config.RateLimitConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP rate limits on one node (SPEC C5 "per-IP and per-user rate limits (the seed: 1 req/s burst
 * 10 → 429)"; issue 11 point 2): the seed's default on anonymous sign-in requests per address, a
 * bucket per signed-in user, server keys unlimited unless configured, and never a 429 where the
 * answer is a 401 or on the operations routes. Across nodes: {@code RateLimitClusterIT}.
 */
class HttpRateLimitIT {

  private static EdgeNode start(RateLimitConfig limits) {
    return EdgeNode.start(MemoryEngine.ports(), EdgeNode.fast(), c -> c.withRateLimits(limits));
  }

  @Test
  void theSeedsDefaultLetsTenAnonymousRequestsThroughThenAnswers429WithRetryAfter() {
    try (EdgeNode edge = start(RateLimitConfig.DEFAULT)) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        statuses.add(edge.post("validate", new JsonObject().put("token", "x")).statusCode());
      }
      assertThat(statuses).as("the burst of 10, answered by the route").containsOnly(401);
      HttpResponse<Buffer> limited = edge.post("validate", new JsonObject().put("token", "x"));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.getHeader("Retry-After")).isEqualTo("1");
      assertThat(limited.getHeader("X-Request-Id")).isNotBlank();
      assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("rate_limited");
      assertThat(edge.node.metric("switchboard_http_rate_limited_total{bucket=\"ip\"}"))
          .isEqualTo(1.0);
      assertThat(edge.node.metric("switchboard_rate_limit_keys")).as("one address").isEqualTo(1.0);
    }
  }

  @Test
  void aSignedInUserHasABucketOfItsOwn() {
    try (EdgeNode edge = start(RateLimitConfig.DEFAULT.withIp(1000, 1000).withUser(1, 3))) {
      edge.register("limited@example.com");
      edge.register("other@example.com");
      String limited = edge.token("limited@example.com");
      for (int i = 0; i < 3; i++) {
        expect(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, limited), 200);
      }
      HttpResponse<Buffer> refused =
          edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, limited);
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 2L);
      String other = edge.token("other@example.com");
      expect(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, other), 200);
      assertThat(edge.node.metric("switchboard_http_rate_limited_total{bucket=\"user\"}"))
          .isEqualTo(1.0);
    }
  }

  @Test
  void withoutACredentialAProtectedRouteAnswers401NotA429AndOperationsAreNeverLimited() {
    try (EdgeNode edge = start(RateLimitConfig.DEFAULT)) {
      for (int i = 0; i < 30; i++) {
        assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, null).statusCode())
            .isEqualTo(401);
        assertThat(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, "forged").statusCode())
            .isEqualTo(401);
        assertThat(edge.call(HttpMethod.GET, "/health", null, null).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void serverKeysAreUnlimitedByDefaultAndLimitedWhenConfigured() {
    JsonObject publication = new JsonObject().put("event", "note").put("data", 1);
    try (EdgeNode edge = start(RateLimitConfig.DEFAULT)) {
      for (int i = 0; i < 50; i++) {
        assertThat(publish(edge, publication).statusCode()).isEqualTo(200);
      }
    }
    RateLimitConfig keyed = new RateLimitConfig(true, 1, 10, 20, 200, 1, 5);
    try (EdgeNode edge = start(keyed)) {
      for (int i = 0; i < 5; i++) {
        assertThat(publish(edge, publication).statusCode()).isEqualTo(200);
      }
      assertThat(publish(edge, publication).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void disabledLimitsNeverAnswer429() {
    RateLimitConfig off = new RateLimitConfig(false, 1, 1, 1, 1, 1, 1);
    try (EdgeNode edge = start(off)) {
      for (int i = 0; i < 20; i++) {
        assertThat(edge.post("validate", new JsonObject().put("token", "x")).statusCode())
            .isNotEqualTo(429);
      }
    }
  }

  private static HttpResponse<Buffer> publish(EdgeNode edge, JsonObject body) {
    return TestNode.await(
        edge.http
            .post(edge.node.port(), "127.0.0.1", "/api/v1/server/rooms/chat:lobby/publications")
            .putHeader("X-API-Key", TestNode.API_KEY)
            .sendJsonObject(body));
  }
}
