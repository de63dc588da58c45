package io.switchboard.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.commands.board.BoardDomain;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.domain.ExternalCommand;
import io.switchboard.commands.testing.CommandsNode;
import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External handlers (SPEC C2; issue 8 point 4): a command type without a Java handler is queued on
 * {@code switchboard.commands} for a service that consumes it and appends over {@code POST
 * /api/v1/streams/{id}/events} with the server API key.
 */
class ExternalEventsIT {
  static Ports ports;
  static CommandsNode node;
  static BlockingQueue<BrokerMessage> invoices = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    ports = MemoryEngine.ports();
    Domain domain =
        BoardDomain.register(new Domain())
            .external(new ExternalCommand("invoice.pay", "invoice", "invoiceId"));
    node = CommandsNode.start(ports, domain, c -> c);
    // the external service: its own queue bound to its type on every shard
    TestNode.await(ports.broker().bind("billing", "switchboard.commands", "invoice.pay.*"));
    TestNode.await(
        ports
            .broker()
            .consume(
                "billing",
                m -> {
                  invoices.add(m);
                  return Future.succeededFuture();
                }));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static HttpResponse<Buffer> append(String stream, JsonObject body) {
    return node.backend(
        HttpMethod.POST, "/api/v1/streams/" + stream + "/events", body, TestNode.API_KEY);
  }

  static JsonObject events(long expected, JsonObject... events) {
    return new JsonObject()
        .put("expectedVersion", expected)
        .put("events", new JsonArray(java.util.List.of((Object[]) events)));
  }

  static JsonObject event(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data);
  }

  @Test
  void appendsAre201ThenVersionConflictsAre409WithTheCurrentVersion() {
    String stream = "board-ext1";
    JsonObject created =
        event(
            "board.created",
            new JsonObject().put("boardId", "ext1").put("title", "From a backend"));
    HttpResponse<Buffer> r = append(stream, events(0, created));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("stream", stream).put("version", 1));
    assertThat(node.board("ann", "ext1").getString("title")).isEqualTo("From a backend");

    HttpResponse<Buffer> stale = append(stream, events(0, created));
    assertThat(stale.statusCode()).isEqualTo(409);
    JsonObject error = stale.bodyAsJsonObject().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("version_conflict");
    assertThat(error.getLong("version")).isEqualTo(1);

    JsonObject card =
        event(
                "card.added",
                new JsonObject().put("cardId", "c1").put("title", "t").put("column", "x"))
            .put("id", "evt-1");
    assertThat(append(stream, events(1, card)).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> dup = append(stream, events(2, card));
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(dup.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("duplicate_event");
    assertThat(node.board("ann", "ext1").getJsonArray("cards")).hasSize(1);
  }

  @Test
  void backendAppendsNeedTheApiKeyAndAValidBody() {
    JsonObject ok = events(0, event("x.happened", new JsonObject()));
    assertThat(
            node.backend(HttpMethod.POST, "/api/v1/streams/thing-1/events", ok, null).statusCode())
        .isEqualTo(401);
    assertThat(
            node.backend(
                    HttpMethod.POST, "/api/v1/streams/thing-1/events", ok, "wrong-key-0123456789")
                .statusCode())
        .isEqualTo(401);
    assertBad("thing-1", new JsonObject().put("events", new JsonArray()), "'expectedVersion'");
    assertBad("thing-1", new JsonObject().put("expectedVersion", 0), "'events'");
    assertBad(
        "thing-1",
        events(0, new JsonObject().put("type", "a b").put("data", new JsonObject())),
        "'events[0].type'");
    assertBad(
        "thing-1", events(0, new JsonObject().put("type", "a").put("data", 3)), "'events[0].data'");
    assertBad("thing-1", events(0, event("a", new JsonObject()).put("id", "has space")), "'id'");
    assertBad("thing 1", ok, "stream");
    assertThat(TestNode.await(ports.store().readStream("thing-1", 0, 10))).isEmpty();
  }

  private static void assertBad(String stream, JsonObject body, String message) {
    HttpResponse<Buffer> r =
        node.backend(
            HttpMethod.POST,
            "/api/v1/streams/" + stream.replace(" ", "%20") + "/events",
            body,
            TestNode.API_KEY);
    assertThat(r.statusCode()).as(body.encode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("message")).contains(message);
  }

  @Test
  void anExternalCommandIsQueuedForItsServiceWhichAppendsAndCompletesIt() throws Exception {
    try (TestClient tab = node.connect("zoe")) {
      String id =
          node.accepted(
              "zoe", "invoice.pay", new JsonObject().put("invoiceId", "inv-7").put("amount", 12));
      BrokerMessage m = invoices.poll(10, TimeUnit.SECONDS);
      assertThat(m).isNotNull();
      assertThat(m.messageId()).isEqualTo(id);
      assertThat(m.routingKey()).startsWith("invoice.pay.");
      JsonObject command = new JsonObject(new String(m.body(), StandardCharsets.UTF_8));
      assertThat(command.getString("stream")).isEqualTo("invoice-inv-7");
      assertThat(command.getString("user")).isEqualTo("zoe");
      assertThat(command.getJsonObject("body").getInteger("amount")).isEqualTo(12);
      assertThat(node.get("zoe", "/api/v1/commands/" + id).bodyAsJsonObject().getString("status"))
          .isEqualTo("accepted");

      JsonObject body =
          events(0, event("invoice.paid", new JsonObject().put("amount", 12))).put("commandId", id);
      assertThat(append("invoice-inv-7", body).statusCode()).isEqualTo(201);
      JsonObject n = tab.skipTo("notification");
      assertThat(n.getString("event")).isEqualTo("command.applied");
      assertThat(n.getJsonObject("data").getString("commandId")).isEqualTo(id);
      JsonObject record = node.handled("zoe", id);
      assertThat(record.getString("status")).isEqualTo("applied");
      assertThat(record.getLong("version")).isEqualTo(1);
      var stored = TestNode.await(ports.store().readStream("invoice-inv-7", 0, 10));
      assertThat(stored.get(0).metadata().commandId()).isEqualTo(id);
    }
    assertThat(
            node.command("zoe", "invoice.pay", new JsonObject().put("invoiceId", "a b"), Map.of())
                .statusCode())
        .isEqualTo(400);
  }
}
