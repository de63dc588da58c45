package io.switchboard.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.server.config.ForwardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input that would reach a broker routing key (issue 7 part 2, point 1): in a namespace with
 * {@code forward}, an event name that is not dot-separated words of {@code A-Z a-z 0-9 _ -}, or a
 * filled routing key over 255 UTF-8 bytes, is refused with {@code bad_request} before anything is
 * appended, fanned out or forwarded — over WebSocket and through the server API. Namespaces without
 * {@code forward} keep accepting any event name.
 */
class BadInputForwardIT {
  static TestNode node;
  static WebClient http;
  static final List<BrokerMessage> forwarded = new CopyOnWriteArrayList<>();

  /** The default namespaces ({@code board} forwards {@code board.{event}}) plus {@code wide}. */
  @BeforeAll
  static void start() {
    node =
        TestNode.start(
            c -> {
              Map<String, NamespaceConfig> ns = new HashMap<>(c.namespaces());
              NamespaceConfig d = NamespaceConfig.DEFAULT;
              ns.put(
                  "wide", d.withForward(new ForwardConfig("wide", "{namespace}.{room}.{event}")));
              return c.withNamespaces(ns);
            });
    http = WebClient.create(node.vertx);
    for (String exchange : List.of("board", "wide")) {
      String queue = "forwarded." + exchange;
      TestNode.await(node.ports.broker().bind(queue, exchange, "#"));
      TestNode.await(
          node.ports
              .broker()
              .consume(
                  queue,
                  m -> {
                    forwarded.add(m);
                    return Future.succeededFuture();
                  }));
    }
  }

  @AfterAll
  static void stop() {
    http.close();
    node.close();
  }

  static long offset(String room) {
    return TestNode.await(node.ports.history().read(room, 0)).position().offset();
  }

  static List<String> forwardedKeysOf(String room) {
    return forwarded.stream()
        .filter(m -> room.equals(m.headers().get("room")))
        .map(BrokerMessage::routingKey)
        .toList();
  }

  @Test
  void unsafeEventNamesAreRefusedInAForwardingNamespaceAndNothingIsAppendedOrForwarded() {
    List<String> unsafe =
        List.of(
            "card*add",
            "#",
            "card add",
            "tab\there",
            "bell\u0007",
            "new\nline",
            "a..b",
            ".lead",
            "trail.",
            "caf\u00e9",
            "a+b",
            "x/y");
    try (TestClient c = node.connect("alice");
        TestClient member = node.connect("dave")) {
      member.join("board:unsafe");
      for (String event : unsafe) {
        c.send(
            new JsonObject()
                .put("type", "publish")
                .put("id", event)
                .put("room", "board:unsafe")
                .put("event", event)
                .put("data", 1));
        JsonObject e = c.expect("error");
        assertThat(e.getString("code")).as(event).isEqualTo("bad_request");
        assertThat(e.getString("id")).isEqualTo(event);
        assertThat(e.getString("message")).contains("event");
      }
      assertThat(offset("board:unsafe")).isZero();
      JsonObject ack = c.publish("board:unsafe", "card.add-2_x", 1);
      assertThat(ack.getLong("offset")).isEqualTo(1L);
      JsonObject event = member.skipTo("event");
      assertThat(event.getString("event"))
          .as("no refused event was fanned out")
          .isEqualTo("card.add-2_x");
      await().atMost(Duration.ofSeconds(5)).until(() -> !forwardedKeysOf("board:unsafe").isEmpty());
      assertThat(forwardedKeysOf("board:unsafe")).containsExactly("board.card.add-2_x");
      c.assertAlive();
    }
  }

  @Test
  void namespacesWithoutForwardStillAcceptAnyEventName() {
    try (TestClient c = node.connect("bob")) {
      assertThat(c.publish("chat:free", "card add*#", 1).getLong("offset")).isEqualTo(1L);
    }
  }

  @Test
  void aRoutingKeyOverTheBrokerLimitIsRefusedBeforeAppending() {
    String room = "wide:" + "r".repeat(135); // the longest room of the namespace
    String event = "e".repeat(120); // wide.<room>.<event>: 5 + 140 + 1 + 120 = 266 bytes > 255
    try (TestClient c = node.connect("carol")) {
      c.send(
          new JsonObject()
              .put("type", "publish")
              .put("id", 1)
              .put("room", room)
              .put("event", event));
      JsonObject e = c.expect("error");
      assertThat(e.getString("code")).isEqualTo("bad_request");
      assertThat(e.getString("message")).contains("255");
      assertThat(offset(room)).isZero();
      assertThat(c.publish(room, "e".repeat(50), 1).getLong("offset")).isEqualTo(1L);
      await().atMost(Duration.ofSeconds(5)).until(() -> !forwardedKeysOf(room).isEmpty());
      assertThat(forwardedKeysOf(room)).containsExactly("wide." + room + "." + "e".repeat(50));
    }
  }

  @Test
  void theServerApiAnswers400ForAnUnsafeEventNameAndAppendsNothing() {
    HttpResponse<Buffer> r =
        TestNode.await(
            http.request(
                    HttpMethod.POST,
                    node.port(),
                    "127.0.0.1",
                    "/api/v1/server/rooms/board:api/publications")
                .putHeader("X-API-Key", TestNode.API_KEY)
                .sendJsonObject(new JsonObject().put("event", "card add").put("data", 1)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code"))
        .isEqualTo("bad_request");
    assertThat(offset("board:api")).isZero();
  }
}
