package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Roles are set only by an admin or a backend (SPEC C5; issue 11 point 1; docs/edge.md "Roles"): a
 * self-registered {@code role} is ignored, a user cannot promote themselves, the server key makes
 * the first admin, an admin's next token carries the role and sets others', a demoted admin's
 * still-valid token no longer can, and bad input changes nothing.
 */
class EdgeRolesIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void onlyAnAdminOrABackendSetsRoles(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      JsonObject alice =
          expect(
              edge.post(
                  "register",
                  EdgeNode.registration("alice@example.com", EdgeNode.PASSWORD)
                      .put("role", "admin")),
              201);
      assertThat(alice.getString("role")).as("a self-registered role is ignored").isEqualTo("user");
      String bob = edge.register("bob@example.com").getString("id");
      String aliceToken = edge.token("alice@example.com");

      assertThat(role(edge, alice.getString("id"), "admin", "Bearer " + aliceToken).statusCode())
          .as("a user cannot promote themselves")
          .isEqualTo(403);
      assertThat(role(edge, bob, "admin", null).statusCode()).isEqualTo(401);
      assertThat(role(edge, bob, "admin", "Bearer forged.token.here").statusCode()).isEqualTo(401);

      JsonObject promoted = expect(role(edge, alice.getString("id"), "admin", "key"), 200);
      assertThat(promoted.getString("role")).isEqualTo("admin");
      assertThat(promoted.containsKey("passwordHash")).isFalse();

      String adminToken = edge.token("alice@example.com");
      assertThat(claims(adminToken).getString("role")).isEqualTo("admin");
      assertThat(claims(adminToken).getJsonArray("roles")).containsExactly("admin");
      assertThat(expect(role(edge, bob, "service", "Bearer " + adminToken), 200).getString("role"))
          .isEqualTo("service");

      assertThat(role(edge, bob, "root", "Bearer " + adminToken).statusCode()).isEqualTo(400);
      assertThat(role(edge, "no-such-user", "user", "Bearer " + adminToken).statusCode())
          .isEqualTo(404);
      String bobToken = edge.token("bob@example.com");
      assertThat(claims(bobToken).getString("role"))
          .as("nothing stored by the 400")
          .isEqualTo("service");

      expect(role(edge, alice.getString("id"), "user", "key"), 200);
      assertThat(role(edge, bob, "admin", "Bearer " + adminToken).statusCode())
          .as("a demoted admin's token, still valid, no longer sets roles")
          .isEqualTo(403);
    }
  }

  /** PUT the role of {@code id}; {@code auth} is an Authorization value, "key" for the API key. */
  private static HttpResponse<Buffer> role(EdgeNode edge, String id, String role, String auth) {
    HttpRequest<Buffer> r =
        edge.http.put(edge.node.port(), "127.0.0.1", "/api/v1/auth/users/" + id + "/role");
    if ("key".equals(auth)) {
      r.putHeader("X-API-Key", TestNode.API_KEY);
    } else if (auth != null) {
      r.putHeader("Authorization", auth);
    }
    return TestNode.await(r.sendJsonObject(new JsonObject().put("role", role)));
  }

  private static JsonObject claims(String token) {
    return new JsonObject(
        new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])));
  }
}
