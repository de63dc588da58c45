package io.switchboard.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.commands.CommandsCapability;
import io.switchboard.engine.postgres.testing.StorePorts;
import io.switchboard.hooks.testing.HooksNode;
import io.switchboard.hooks.testing.Receiver;
import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks end to end on the real PostgreSQL store (issue 11 points 3 and 5): a receiver
 * that verifies signature and timestamp gets command, workflow and agent signals; a command through
 * the commands capability arrives as {@code command.applied}; a receiver that fails then recovers
 * is retried and its state shows it; one that always fails ends in a dead letter visible through
 * the server API; bad registrations are 400 and store nothing.
 */
class WebhookIT {
  static StorePorts store;
  static HooksNode hooks;

  @BeforeAll
  static void start() {
    store = StorePorts.of("postgres");
    HooksConfig fast =
        HooksConfig.DEFAULT.withRetries(3, Duration.ofMillis(20), Duration.ofMillis(100));
    hooks = HooksNode.start(store.ports, c -> c.withHooks(fast), CommandsCapability.withBoard());
  }

  @AfterAll
  static void stop() {
    hooks.close();
    store.close();
  }

  private static JsonObject registered(Receiver r, String... events) {
    HttpResponse<Buffer> res =
        hooks.register(
            new JsonObject()
                .put("url", r.url())
                .put("events", new JsonArray(java.util.List.of((Object[]) events))));
    assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(201);
    JsonObject body = res.bodyAsJsonObject();
    r.secret(body.getString("secret"));
    return body;
  }

  private static void delete(JsonObject endpoint) {
    assertThat(
            hooks
                .api(HttpMethod.DELETE, "/api/v1/server/webhooks/" + endpoint.getString("id"), null)
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void aVerifyingReceiverGetsCommandWorkflowAndAgentSignalsItSubscribedTo() {
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> 200)) {
      JsonObject e = registered(r, "command.*", "workflow.completed", "agent.*");
      assertThat(e.getString("secret")).startsWith("whsec_");
      Signal command =
          Signal.of(
              "command.applied",
              "cmd-1",
              "",
              "ann",
              new JsonObject().put("commandId", "cmd-1").put("type", "board.create"));
      Signal failed = Signal.of("workflow.failed", "wf-0", "", "ann", new JsonObject());
      Signal workflow =
          Signal.of(
              "workflow.completed",
              "wf-1",
              "",
              "ann",
              new JsonObject().put("id", "wf-1").put("definition", "order"));
      Signal agent =
          Signal.of("agent.connected", "p1", "c1", null, new JsonObject().put("connection", "c1"));
      hooks.emit(command);
      hooks.emit(failed); // not subscribed: never sent
      hooks.emit(workflow);
      hooks.emit(agent);
      java.util.Map<String, Receiver.Delivery> byType = new java.util.HashMap<>();
      for (int i = 0; i < 3; i++) {
        Receiver.Delivery d = r.next();
        assertThat(d.verified()).as("signature and timestamp verify").isTrue();
        assertThat(d.id()).isEqualTo(d.body().getString("id"));
        byType.put(d.body().getString("type"), d);
      }
      assertThat(byType)
          .containsOnlyKeys("command.applied", "workflow.completed", "agent.connected");
      JsonObject c = byType.get("command.applied").body();
      assertThat(c.getString("id")).isEqualTo(command.id().toString());
      assertThat(c.getString("subject")).isEqualTo("cmd-1");
      assertThat(c.getString("user")).isEqualTo("ann");
      assertThat(c.getJsonObject("data").getString("type")).isEqualTo("board.create");
      assertThat(c.getString("at")).isEqualTo(command.at().toString());
      assertThat(
              byType.get("workflow.completed").body().getJsonObject("data").getString("definition"))
          .isEqualTo("order");
      assertThat(byType.get("agent.connected").body().getValue("user")).isNull();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  hooks.endpoint(e.getString("id")).getJsonObject("state").getLong("delivered")
                      == 3);
      assertThat(r.count()).isEqualTo(3);
      delete(e);
    }
  }

  @Test
  void aCommandThroughTheCommandsCapabilityArrivesAsCommandApplied() {
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> 200)) {
      JsonObject e = registered(r, "command.applied");
      HttpResponse<Buffer> res =
          TestNode.await(
              hooks
                  .http
                  .post(hooks.node.port(), "127.0.0.1", "/api/v1/commands/board.create")
                  .putHeader("Authorization", "Bearer " + hooks.node.token("bob"))
                  .sendJsonObject(new JsonObject().put("title", "Plan")));
      assertThat(res.statusCode()).as(res.bodyAsString()).isEqualTo(202);
      String commandId = res.getHeader("Command-Id");
      Receiver.Delivery d = r.next();
      assertThat(d.verified()).isTrue();
      assertThat(d.body().getString("type")).isEqualTo("command.applied");
      assertThat(d.body().getString("subject")).isEqualTo(commandId);
      assertThat(d.body().getString("user")).isEqualTo("bob");
      assertThat(d.body().getJsonObject("data").getString("type")).isEqualTo("board.create");
      delete(e);
    }
  }

  @Test
  void aReceiverThatFailsThenRecoversIsRetriedAndItsStateShowsIt() {
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> n <= 2 ? 500 : 200)) {
      JsonObject e = registered(r, "workflow.*");
      double retried = hooks.node.metric("switchboard_hooks_retried_total{target=\"webhook\"}");
      hooks.emit(Signal.of("workflow.cancelled", "wf-2", "", "ann", new JsonObject()));
      assertThat(r.next().answered()).isEqualTo(500);
      assertThat(r.next().answered()).isEqualTo(500);
      Receiver.Delivery ok = r.next();
      assertThat(ok.answered()).isEqualTo(200);
      assertThat(ok.verified()).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  hooks.endpoint(e.getString("id")).getJsonObject("state").getLong("delivered")
                      == 1);
      JsonObject state = hooks.endpoint(e.getString("id")).getJsonObject("state");
      assertThat(state.getLong("failed_attempts")).isEqualTo(2);
      assertThat(state.getLong("consecutive_failures")).isZero();
      assertThat(state.getLong("dead_lettered")).isZero();
      assertThat(state.getInteger("last_status")).isEqualTo(200);
      assertThat(state.getString("last_success_at")).isNotNull();
      assertThat(hooks.node.metric("switchboard_hooks_retried_total{target=\"webhook\"}"))
          .isEqualTo(retried + 2);
      assertThat(r.count()).isEqualTo(3);
      delete(e);
    }
  }

  @Test
  void aReceiverThatAlwaysFailsEndsInADeadLetterVisibleThroughTheApiAndCanBeRedelivered() {
    boolean[] healthy = {false};
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> healthy[0] ? 200 : 503)) {
      JsonObject e = registered(r, "*");
      String id = e.getString("id");
      Signal s = Signal.of("workflow.failed", "wf-3", "", "ann", new JsonObject());
      hooks.emit(s);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hooks.endpoint(id).getJsonObject("state").getLong("dead_lettered") == 1);
      assertThat(r.count()).as("hooks.maxAttempts attempts").isEqualTo(3);
      JsonObject state = hooks.endpoint(id).getJsonObject("state");
      assertThat(state.getLong("failed_attempts")).isEqualTo(3);
      assertThat(state.getLong("consecutive_failures")).isEqualTo(3);
      assertThat(state.getInteger("last_status")).isEqualTo(503);
      assertThat(state.getString("last_error")).isEqualTo("HTTP 503");
      JsonArray letters = deadLetters(id);
      assertThat(letters).hasSize(1);
      JsonObject letter = letters.getJsonObject(0);
      assertThat(letter.getJsonObject("signal").getString("id")).isEqualTo(s.id().toString());
      assertThat(letter.getInteger("attempts")).isEqualTo(3);
      assertThat(letter.getString("last_error")).isEqualTo("HTTP 503");
      // the receiver is fixed: redelivery empties the dead letters and delivers the same signal
      healthy[0] = true;
      HttpResponse<Buffer> again =
          hooks.api(
              HttpMethod.POST, "/api/v1/server/webhooks/" + id + "/dead-letters/redeliver", null);
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(again.bodyAsJsonObject().getInteger("redelivered")).isEqualTo(1);
      Receiver.Delivery d;
      do {
        d = r.next();
      } while (d.answered() != 200);
      assertThat(d.id()).isEqualTo(s.id().toString());
      assertThat(d.verified()).isTrue();
      assertThat(deadLetters(id)).isEmpty();
      delete(e);
    }
  }

  @Test
  void a429IsRetriedNoSoonerThanItsRetryAfter() {
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> n == 1 ? 429 : 200)) {
      JsonObject e = registered(r, "command.rejected");
      hooks.emit(Signal.of("command.rejected", "cmd-429", "", "ann", new JsonObject()));
      Receiver.Delivery first = r.next();
      Receiver.Delivery second = r.next();
      assertThat(first.answered()).isEqualTo(429);
      assertThat(second.answered()).isEqualTo(200);
      assertThat(second.id()).isEqualTo(first.id());
      // hooks.retryInitial is 20 ms here: only the receiver's Retry-After: 1 explains the pause
      assertThat(Duration.ofNanos(second.at() - first.at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(990));
      delete(e);
    }
  }

  @Test
  void aPermanentRefusalIsDeadLetteredAtOnce() {
    try (Receiver r = Receiver.start(hooks.node.vertx, n -> 410)) {
      JsonObject e = registered(r, "agent.disconnected");
      hooks.emit(Signal.of("agent.disconnected", "p9", "x", null, new JsonObject()));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> deadLetters(e.getString("id")).size() == 1);
      assertThat(r.count()).isEqualTo(1);
      delete(e);
    }
  }

  @Test
  void badRegistrationsAre400WithAMessageAndStoreNothing() {
    int before = list().size();
    Object[] bodies = {
      new JsonObject().put("url", "ftp://example.com/x").put("events", new JsonArray().add("*")),
      new JsonObject().put("url", "javascript:alert(1)").put("events", new JsonArray().add("*")),
      new JsonObject().put("url", "http:///nohost").put("events", new JsonArray().add("*")),
      new JsonObject().put("events", new JsonArray().add("*")),
      new JsonObject().put("url", "https://example.com/x"),
      new JsonObject().put("url", "https://example.com/x").put("events", new JsonArray()),
      new JsonObject()
          .put("url", "https://example.com/x")
          .put("events", new JsonArray().add("Bad Type")),
      new JsonObject().put("url", "https://example.com/x").put("events", new JsonArray().add(7)),
      new JsonObject()
          .put("url", "https://example.com/x")
          .put("events", new JsonArray().add("*"))
          .put("secret", "short"),
      "not json",
      "[1,2]"
    };
    for (Object body : bodies) {
      HttpResponse<Buffer> r = hooks.api(HttpMethod.POST, "/api/v1/server/webhooks", body);
      assertThat(r.statusCode()).as(String.valueOf(body)).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).isNotBlank();
    }
    assertThat(list()).hasSize(before);
  }

  @Test
  void theSecretIsShownOnceAndAnEndpointCanBeListedReadAndDeleted() {
    HttpResponse<Buffer> res =
        hooks.register(
            new JsonObject()
                .put("url", "https://example.com/hook")
                .put("events", new JsonArray().add("workflow.*"))
                .put("secret", "my-own-secret-0123456789"));
    assertThat(res.statusCode()).isEqualTo(201);
    String id = res.bodyAsJsonObject().getString("id");
    assertThat(res.bodyAsJsonObject().getString("secret")).isEqualTo("my-own-secret-0123456789");
    JsonObject one = hooks.endpoint(id);
    assertThat(one.containsKey("secret")).isFalse();
    assertThat(one.getString("url")).isEqualTo("https://example.com/hook");
    assertThat(one.getJsonObject("state").getLong("delivered")).isZero();
    assertThat(list().stream().map(o -> ((JsonObject) o).getString("id"))).contains(id);
    assertThat(list().encode()).doesNotContain("my-own-secret");
    assertThat(hooks.api(HttpMethod.DELETE, "/api/v1/server/webhooks/" + id, null).statusCode())
        .isEqualTo(204);
    assertThat(hooks.api(HttpMethod.GET, "/api/v1/server/webhooks/" + id, null).statusCode())
        .isEqualTo(404);
    assertThat(hooks.api(HttpMethod.DELETE, "/api/v1/server/webhooks/" + id, null).statusCode())
        .isEqualTo(404);
  }

  private static JsonArray list() {
    HttpResponse<Buffer> r = hooks.api(HttpMethod.GET, "/api/v1/server/webhooks", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("webhooks");
  }

  private static JsonArray deadLetters(String id) {
    HttpResponse<Buffer> r =
        hooks.api(HttpMethod.GET, "/api/v1/server/webhooks/" + id + "/dead-letters", null);
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("dead_letters");
  }
}
