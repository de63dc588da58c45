package io.switchboard.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.hooks.testing.HooksNode;
import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The node's delivery queue (issue 11 point 3): it is bounded (with {@code hooks.queueSize: 1} and
 * the one delivery held by a receiver that has not answered, the next is dead-lettered without an
 * attempt and counted as overflow); a deleted endpoint's pending retries are dropped; a node that
 * stops turns its pending retries into dead letters.
 */
class DeliveryQueueIT {

  @Test
  void aFullQueueDeadLettersTheNextDeliveryAndCountsIt() {
    HooksConfig one = HooksConfig.DEFAULT.withQueueSize(1);
    try (HooksNode hooks = HooksNode.start(MemoryEngine.ports(), c -> c.withHooks(one))) {
      List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
      HttpServer slow =
          TestNode.await(
              hooks.node.vertx.createHttpServer().requestHandler(held::add).listen(0, "127.0.0.1"));
      try {
        HttpResponse<Buffer> res =
            hooks.register(
                new JsonObject()
                    .put("url", "http://127.0.0.1:" + slow.actualPort() + "/h")
                    .put("events", new JsonArray().add("*")));
        String id = res.bodyAsJsonObject().getString("id");
        hooks.emit(Signal.of("workflow.completed", "wf-1", "", "ann", new JsonObject()));
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
        assertThat(hooks.node.metric("switchboard_hooks_queue_depth")).isEqualTo(1.0);
        Signal second = Signal.of("workflow.completed", "wf-2", "", "ann", new JsonObject());
        hooks.emit(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(hooks, id).size() == 1);
        JsonObject letter = deadLetters(hooks, id).getJsonObject(0);
        assertThat(letter.getJsonObject("signal").getString("id"))
            .isEqualTo(second.id().toString());
        assertThat(letter.getInteger("attempts")).isZero();
        assertThat(letter.getString("last_error")).contains("hooks.queueSize");
        assertThat(hooks.node.metric("switchboard_hooks_overflow_total{target=\"webhook\"}"))
            .isEqualTo(1.0);
        held.get(0).response().setStatusCode(204).end();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> hooks.node.metric("switchboard_hooks_queue_depth") == 0.0);
        assertThat(hooks.node.metric("switchboard_hooks_delivered_total{target=\"webhook\"}"))
            .isEqualTo(1.0);
        assertThat(held).hasSize(1);
      } finally {
        TestNode.await(slow.close());
      }
    }
  }

  @Test
  void theRetriesOfADeletedEndpointAreDropped() {
    try (HooksNode hooks = HooksNode.start(MemoryEngine.ports(), c -> c);
        io.switchboard.hooks.testing.Receiver r =
            io.switchboard.hooks.testing.Receiver.start(hooks.node.vertx, n -> 503)) {
      HttpResponse<Buffer> res =
          hooks.register(
              new JsonObject().put("url", r.url()).put("events", new JsonArray().add("*")));
      String id = res.bodyAsJsonObject().getString("id");
      hooks.emit(Signal.of("workflow.failed", "wf-del", "", "ann", new JsonObject()));
      assertThat(r.next().answered()).isEqualTo(503);
      // the first retry waits hooks.retryInitial (1 s, +-50 %): delete the endpoint meanwhile
      assertThat(hooks.api(HttpMethod.DELETE, "/api/v1/server/webhooks/" + id, null).statusCode())
          .isEqualTo(204);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hooks.node.metric("switchboard_hooks_queue_depth") == 0.0);
      assertThat(r.count()).as("no attempt after the delete").isEqualTo(1);
      assertThat(hooks.node.metric("switchboard_hooks_dead_lettered_total{target=\"webhook\"}"))
          .isZero();
    }
  }

  @Test
  void aNodeThatStopsTurnsItsPendingRetriesIntoDeadLetters() {
    io.vertx.core.Vertx outside = io.vertx.core.Vertx.vertx();
    try (io.switchboard.engine.postgres.testing.StorePorts store =
            io.switchboard.engine.postgres.testing.StorePorts.of("postgres");
        io.switchboard.hooks.testing.Receiver r =
            io.switchboard.hooks.testing.Receiver.start(outside, n -> 503)) {
      HooksConfig slow =
          HooksConfig.DEFAULT.withRetries(6, Duration.ofMinutes(1), Duration.ofMinutes(5));
      HooksNode hooks = HooksNode.start(store.ports, c -> c.withHooks(slow));
      String id;
      try {
        HttpResponse<Buffer> res =
            hooks.register(
                new JsonObject().put("url", r.url()).put("events", new JsonArray().add("*")));
        id = res.bodyAsJsonObject().getString("id");
        hooks.emit(Signal.of("workflow.failed", "wf-stop", "", "ann", new JsonObject()));
        assertThat(r.next().answered()).isEqualTo(503);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    hooks.node.metric("switchboard_hooks_retried_total{target=\"webhook\"}")
                        == 1.0);
      } finally {
        hooks.close();
      }
      JsonArray letters =
          TestNode.await(
              new io.switchboard.hooks.delivery.DeadLetters(store.ports.store()).list(id));
      assertThat(letters).hasSize(1);
      assertThat(letters.getJsonObject(0).getString("last_error"))
          .isEqualTo("HTTP 503; the node stopped before the retry");
      assertThat(letters.getJsonObject(0).getInteger("attempts")).isEqualTo(1);
      assertThat(r.count()).isEqualTo(1);
    } finally {
      TestNode.await(outside.close());
    }
  }

  private static JsonArray deadLetters(HooksNode hooks, String id) {
    return hooks
        .api(HttpMethod.GET, "/api/v1/server/webhooks/" + id + "/dead-letters", null)
        .bodyAsJsonObject()
        .getJsonArray("dead_letters");
  }
}
