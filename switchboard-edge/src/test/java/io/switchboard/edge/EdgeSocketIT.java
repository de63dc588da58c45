package io.switchboard.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole sign-in path ends on a socket (SPEC C5; issue 11 point 5): a user registers, logs in,
 * and the access token the node issued opens {@code /ws}, whose {@code welcome} names the user; the
 * node's own HS256 client tokens keep working beside it.
 */
class EdgeSocketIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void theIssuedTokenOpensAWebSocket(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode node = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      JsonObject user = node.register("socket-" + store + "@example.com");
      String token = node.token("socket-" + store + "@example.com");
      try (TestClient ws =
          TestClient.connect(node.node.vertx, node.node.port(), "/ws?token=" + token)) {
        JsonObject welcome = ws.expect("welcome");
        assertThat(welcome.getJsonObject("data").getString("user")).isEqualTo(user.getString("id"));
      }
      try (TestClient other = node.node.connect("hs256-user")) {
        other.send(new JsonObject().put("type", "ping").put("id", 1));
        assertThat(other.expect("pong").getInteger("id")).isEqualTo(1);
      }
    }
  }
}
