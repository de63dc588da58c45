package io.switchboard.server.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.server.config.ConsumerConfig;
import io.switchboard.server.testing.TestClient;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backend-to-client traffic through the broker (SPEC C1 "Server API", last paragraph; issue 3
 * point 2), end to end with the memory engine: messages published to the consumer's exchange
 * reach rooms and users; poison messages end in {@code <queue>.dlq}.
 */
class BackendConsumerIT {
  static final String QUEUE = "test.deliveries";
  static final String EXCHANGE = "test.backend";
  static TestNode node;
  static final List<String> deadLettered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    node = TestNode.start(c -> c.withConsumer(new ConsumerConfig(true, QUEUE, EXCHANGE, "deliver.#")));
    TestNode.await(node.ports.broker().consume(QUEUE + MemoryBroker.DLQ_SUFFIX, m -> {
      deadLettered.add(new String(m.body(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static void send(Map<String, String> headers, String body) {
    TestNode.await(node.ports.broker().publish(List.of(new BrokerMessage(EXCHANGE, "deliver.test", headers,
        body.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void headerAddressedMessageReachesTheRoomAsAServerPublication() {
    try (TestClient member = node.connect("alice")) {
      member.join("chat:x");
      send(Map.of("room", "chat:x", "event", "msg"), "{\"data\":{\"text\":\"hi\"}}");
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("room")).isEqualTo("chat:x");
      assertThat(e.getString("event")).isEqualTo("msg");
      assertThat(e.getLong("offset")).isEqualTo(1L);
      assertThat(e.containsKey("from")).isTrue();
      assertThat(e.getValue("from")).isNull();
      assertThat(e.getJsonObject("data").getString("text")).isEqualTo("hi");
      // a second one: the NestJS {pattern, data} shape, offset 2
      send(Map.of("room", "chat:x"), "{\"pattern\":\"typing\",\"data\":[1,2]}");
      JsonObject second = member.skipTo("event");
      assertThat(second.getString("event")).isEqualTo("typing");
      assertThat(second.getLong("offset")).isEqualTo(2L);
      assertThat(second.getJsonArray("data").getList()).containsExactly(1, 2);
    }
  }

  @Test
  void bodyAddressedMessageReachesTheRoomAndServerOnlyNamespacesAreAllowed() {
    try (TestClient member = node.connect("bob")) {
      member.join("chat:body");
      send(Map.of(), "{\"room\":\"chat:body\",\"event\":\"update\",\"data\":{\"n\":7}}");
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("room")).isEqualTo("chat:body");
      assertThat(e.getString("event")).isEqualTo("update");
      assertThat(e.getJsonObject("data").getInteger("n")).isEqualTo(7);
      assertThat(e.getValue("from")).isNull();

      member.join("news:front");
      // headers win; without a data field the whole body is the data
      send(Map.of("room", "news:front", "event", "headline"), "{\"room\":\"chat:body\",\"title\":\"t\"}");
      JsonObject news = member.skipTo("event");
      assertThat(news.getString("room")).isEqualTo("news:front");
      assertThat(news.getJsonObject("data").getString("title")).isEqualTo("t");
      assertThat(TestNode.await(node.ports.history().read("chat:body", 0)).position().offset()).isEqualTo(1L);
    }
  }

  @Test
  void userAddressedMessageReachesEveryTabOfTheUser() {
    try (TestClient tab1 = node.connect("carol"); TestClient tab2 = node.connect("carol");
        TestClient other = node.connect("dave")) {
      send(Map.of("user", "carol", "event", "command.applied"), "{\"data\":{\"id\":7}}");
      send(Map.of(), "{\"user\":\"carol\",\"event\":\"second\",\"data\":\"two\"}");
      for (TestClient tab : List.of(tab1, tab2)) {
        JsonObject n = tab.expect("notification");
        assertThat(n.getString("event")).isEqualTo("command.applied");
        assertThat(n.getJsonObject("data").getInteger("id")).isEqualTo(7);
        JsonObject n2 = tab.expect("notification");
        assertThat(n2.getString("event")).isEqualTo("second");
        assertThat(n2.getString("data")).isEqualTo("two");
      }
      other.assertAlive();
      assertThat(other.pending()).isZero();
    }
  }

  @Test
  void poisonMessagesAreDeadLetteredAndLaterMessagesStillDelivered() {
    try (TestClient member = node.connect("erin")) {
      member.join("chat:poison");
      List<String> poison = List.of(
          "{\"event\":\"e\",\"data\":1,\"marker\":\"no-target\"}",
          "{not json marker:bad-json",
          "{\"room\":\"nowhere:x\",\"event\":\"e\",\"marker\":\"unknown-namespace\"}",
          "{\"room\":\"chat:poison\",\"data\":1,\"marker\":\"no-event\"}",
          "{\"room\":\"user:erin\",\"event\":\"e\",\"marker\":\"reserved-room\"}");
      poison.forEach(body -> send(Map.of(), body));
      send(Map.of("room", "chat:poison", "event", "after"), "{\"data\":\"ok\"}");
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("event")).isEqualTo("after");
      assertThat(e.getString("data")).isEqualTo("ok");
      assertThat(e.getLong("offset")).isEqualTo(1L);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(deadLettered).containsAll(poison));
      assertThat(deadLettered).noneMatch(b -> b.contains("\"after\"") || b.contains("\"ok\""));
      assertThat(((MemoryBroker) node.ports.broker()).depth(QUEUE)).isZero();
    }
  }
}
