package io.switchboard.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.store.Document;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.config.TunnelConfig;
import io.switchboard.server.testing.TestNode;
import io.switchboard.tunnel.testing.TestController;
import io.switchboard.tunnel.testing.TunnelNode;
import io.switchboard.tunnel.token.ProjectTokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Project tokens on both stores (SPEC C4; issue 10 point 3): issued through the server API, kept
 * only as a SHA-256 hash (the store never holds the token), checked on connect by a node started
 * later on the same store, and refused once revoked.
 */
class ProjectTokensIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void tokensAreStoredHashedOutliveTheNodeAndDieWhenRevoked(String store) {
    String p = "p-" + UUID.randomUUID().toString().substring(0, 8);
    try (StorePorts ports = StorePorts.of(store)) {
      JsonObject issued;
      try (TunnelNode first = TunnelNode.start(ports.ports, TunnelConfig.DEFAULT)) {
        issued = first.issueToken(p);
      }
      String token = issued.getString("token");
      Document stored =
          TestNode.await(
              ports
                  .ports
                  .store()
                  .get(ProjectTokens.COLLECTION, p + "/" + issued.getString("token_id")));
      assertThat(stored).isNotNull();
      assertThat(stored.json()).doesNotContain(token.substring(token.indexOf('.') + 1));
      assertThat(new JsonObject(stored.json()).getString("sha256")).hasSize(64);
      try (TunnelNode second = TunnelNode.start(ports.ports, TunnelConfig.DEFAULT);
          TestController c = second.controller(p, "c1", token).replying(TestController::echo)) {
        assertThat(second.send(p, "x", 1).statusCode()).isEqualTo(200);
        assertThat(
                TestNode.await(
                        second.api(
                            HttpMethod.DELETE,
                            "/api/v1/server/projects/"
                                + p
                                + "/tokens/"
                                + issued.getString("token_id"),
                            null))
                    .statusCode())
            .isEqualTo(204);
        assertThatThrownBy(
                () ->
                    TestNode.await(
                        TestController.connect(second.node.vertx, second.port(), p, "c2", token)))
            .hasMessageContaining("401");
      }
    }
  }
}
