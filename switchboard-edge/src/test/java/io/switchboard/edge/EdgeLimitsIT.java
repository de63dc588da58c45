package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.PASSWORD;
import static io.switchboard.edge.testing.EdgeNode.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Login failures limited per account and per IP on both stores (SPEC C5 rate limits; issue 11 point
 * 1): 429 with {@code Retry-After} once an account's or an IP's failures are spent, the same for a
 * registered and an unregistered email; successful logins cost nothing.
 */
class EdgeLimitsIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void anAccountsFailuresAreLimited(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast().withLoginFailures(3, 100))) {
      edge.register("limited@example.com");
      for (int i = 0; i < 10; i++) {
        expect(edge.login("limited@example.com", PASSWORD), 200); // successes are free
      }
      for (String email : new String[] {"limited@example.com", "ghost@example.com"}) {
        for (int i = 0; i < 3; i++) {
          assertThat(edge.login(email, "Wr0ng-Password").statusCode()).isEqualTo(401);
        }
        HttpResponse<Buffer> limited = edge.login(email.toUpperCase(), PASSWORD);
        assertThat(limited.statusCode()).as(email).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.bodyAsJsonObject().getJsonObject("error").getString("code"))
            .isEqualTo("too_many_attempts");
      }
      // another account from the same IP is not limited
      edge.register("other@example.com");
      expect(edge.login("other@example.com", PASSWORD), 200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void anIpsFailuresAreLimited(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode edge = EdgeNode.start(ports.ports, EdgeNode.fast().withLoginFailures(100, 4))) {
      edge.register("ip@example.com");
      for (int i = 0; i < 4; i++) {
        assertThat(edge.login("spray" + i + "@example.com", PASSWORD).statusCode()).isEqualTo(401);
      }
      HttpResponse<Buffer> limited = edge.login("ip@example.com", PASSWORD);
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.getHeader("Retry-After")).isNotNull();
    }
  }
}
