package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.PASSWORD;
import static io.switchboard.edge.testing.EdgeNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.store.Document;
import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.edge.tokens.RefreshTokens;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Refresh tokens on both stores (SPEC C5; issue 11 point 1): stored only as SHA-256, used once
 * (rotation), revoked by logout, valid on a node restarted on the same store.
 */
class EdgeRefreshIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void aRefreshTokenIsStoredHashedUsedOnceAndRevokedByLogout(String store) {
    try (StorePorts ports = StorePorts.of(store)) {
      String refresh;
      try (EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
        edge.register("fresh@example.com");
        JsonObject login = expect(edge.login("fresh@example.com", PASSWORD), 200);
        refresh = login.getString("refreshToken");
        assertThat(refresh).startsWith("sbr_").hasSizeGreaterThan(40);
        List<Document> stored =
            TestNode.await(ports.ports.store().list(RefreshTokens.REFRESH, null, 10)).documents();
        assertThat(stored)
            .singleElement()
            .extracting(Document::key)
            .isEqualTo(RefreshTokens.hash(refresh));
        assertThat(stored.get(0).json()).doesNotContain(refresh.substring(4));
      }
      try (EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
        JsonObject next =
            expect(edge.post("refresh", new JsonObject().put("refreshToken", refresh)), 200);
        assertThat(next.getJsonObject("user").getString("email")).isEqualTo("fresh@example.com");
        assertThat(next.getLong("expiresIn")).isEqualTo(900);
        String access = next.getString("token");
        expect(edge.call(HttpMethod.GET, "/api/v1/auth/profile", null, access), 200);
        String rotated = next.getString("refreshToken");
        assertThat(rotated).isNotEqualTo(refresh);
        // used once: the old one is refused
        expect(edge.post("refresh", new JsonObject().put("refreshToken", refresh)), 401);
        // logout revokes; logging out again or with an unknown token is still 204
        for (String t : new String[] {rotated, rotated, "sbr_unknown"}) {
          assertThat(edge.post("logout", new JsonObject().put("refreshToken", t)).statusCode())
              .isEqualTo(204);
        }
        expect(edge.post("refresh", new JsonObject().put("refreshToken", rotated)), 401);
        expect(edge.post("refresh", new JsonObject().put("refreshToken", "nope")), 401);
        expect(edge.post("refresh", new JsonObject()), 400);
        expect(edge.post("logout", "{"), 400);
      }
    }
  }
}
