package io.switchboard.edge;

import static io.switchboard.edge.testing.EdgeNode.PASSWORD;
import static io.switchboard.edge.testing.EdgeNode.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.edge.testing.EdgeNode;
import io.switchboard.edge.users.Users;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes on one store racing registrations of one email in different cases (SPEC C5; issue 11
 * point 1 "unique case-insensitively"): exactly one 201, every other 409, one user stored; and a
 * token of one node is valid on the other.
 */
class EdgeRaceIT {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "postgres"})
  void oneOfManyRegistrationsOfOneEmailWins(String store) {
    try (StorePorts ports = StorePorts.of(store);
        EdgeNode a = EdgeNode.start(ports.ports, EdgeNode.fast());
        EdgeNode b = EdgeNode.start(ports.ports, EdgeNode.fast())) {
      String[] spellings = {"race@example.com", "RACE@example.com", "Race@Example.com"};
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        EdgeNode n = i % 2 == 0 ? a : b;
        sent.add(
            n.http
                .request(HttpMethod.POST, n.node.port(), "127.0.0.1", "/api/v1/auth/register")
                .sendBuffer(Buffer.buffer(registration(spellings[i % 3], PASSWORD).encode())));
      }
      TestNode.await(Future.join(sent));
      long created = sent.stream().filter(f -> f.result().statusCode() == 201).count();
      long taken = sent.stream().filter(f -> f.result().statusCode() == 409).count();
      assertThat(created).isEqualTo(1);
      assertThat(taken).isEqualTo(11);
      assertThat(TestNode.await(ports.ports.store().list(Users.USERS, null, 100)).documents())
          .hasSize(1);
      // both nodes share the store's key: a token of one is valid on the other
      String token = a.token("race@example.com");
      assertThat(b.call(HttpMethod.GET, "/api/v1/auth/profile", null, token).statusCode())
          .isEqualTo(200);
    }
  }
}
