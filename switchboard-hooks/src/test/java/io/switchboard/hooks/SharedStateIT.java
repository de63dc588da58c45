package io.switchboard.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.hooks.delivery.EndpointStates;
import io.switchboard.hooks.testing.HooksNode;
import io.switchboard.hooks.testing.Receiver;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL store (issue 11 point 3): an endpoint registered on one receives the
 * signals of both, and its state, counted by both nodes at once, is the same sum from either node
 * (one state document per endpoint and node, nothing lost).
 */
class SharedStateIT {

  @Test
  void bothNodesDeliverAndEitherShowsTheSummedState() {
    try (StorePorts store = StorePorts.of("postgres");
        HooksNode a = HooksNode.start(store.ports, c -> c);
        HooksNode b = HooksNode.start(store.ports, c -> c);
        Receiver r = Receiver.start(a.node.vertx, n -> 200)) {
      HttpResponse<Buffer> res =
          a.register(
              new JsonObject().put("url", r.url()).put("events", new JsonArray().add("command.*")));
      assertThat(res.statusCode()).isEqualTo(201);
      String id = res.bodyAsJsonObject().getString("id");
      r.secret(res.bodyAsJsonObject().getString("secret"));
      int perNode = 20;
      for (int i = 0; i < perNode; i++) {
        a.emit(Signal.of("command.applied", "a-" + i, "", "ann", new JsonObject()));
        b.emit(Signal.of("command.rejected", "b-" + i, "", "bob", new JsonObject()));
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> b.endpoint(id).getJsonObject("state").getLong("delivered") == 2 * perNode);
      assertThat(a.endpoint(id).getJsonObject("state").getLong("delivered"))
          .isEqualTo(2L * perNode);
      assertThat(r.count()).isEqualTo(2 * perNode);
      for (int i = 0; i < 2 * perNode; i++) {
        assertThat(r.next().verified()).isTrue();
      }
      long docs =
          TestNode.await(store.ports.store().list(EndpointStates.COLLECTION, id + "/", 100))
              .documents()
              .stream()
              .filter(d -> d.key().startsWith(id + "/"))
              .count();
      assertThat(docs).as("one state document per node").isEqualTo(2);
    }
  }
}
