package io.switchboard.server.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.room.HistoryOptions;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomHistory;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backend-to-client traffic through the broker (SPEC C1 "Server API", last paragraph; issue 3 point
 * 2), end to end with the memory engine: messages published to the consumer's exchange reach rooms
 * and users; poison messages end in {@code <queue>.dlq} at once (issue 7 part 2, point 2), while an
 * engine outage only delays deliveries, in order, with backoff.
 */
class BackendConsumerIT {
  static final String QUEUE = "test.deliveries";
  static final String EXCHANGE = "test.backend";
  static TestNode node;
  static FlakyHistory history;
  static final List<String> deadLettered = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    Ports memory = MemoryEngine.ports();
    history = new FlakyHistory(memory.history());
    Ports ports =
        new Ports(
            memory.pubSub(),
            history,
            memory.presence(),
            memory.snapshots(),
            memory.locks(),
            memory.registry(),
            memory.rateLimits(),
            memory.broker(),
            memory.store(),
            List.of());
    node =
        TestNode.start(
            ports, c -> c.withConsumer(new ConsumerConfig(true, QUEUE, EXCHANGE, "deliver.#")));
    TestNode.await(
        node.ports
            .broker()
            .consume(
                QUEUE + MemoryBroker.DLQ_SUFFIX,
                m -> {
                  deadLettered.add(new String(m.body(), StandardCharsets.UTF_8));
                  return Future.succeededFuture();
                }));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static void send(Map<String, String> headers, String body) {
    TestNode.await(
        node.ports
            .broker()
            .publish(
                List.of(
                    new BrokerMessage(
                        EXCHANGE,
                        "deliver.test",
                        headers,
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
      send(
          Map.of("room", "news:front", "event", "headline"),
          "{\"room\":\"chat:body\",\"title\":\"t\"}");
      JsonObject news = member.skipTo("event");
      assertThat(news.getString("room")).isEqualTo("news:front");
      assertThat(news.getJsonObject("data").getString("title")).isEqualTo("t");
      assertThat(TestNode.await(node.ports.history().read("chat:body", 0)).position().offset())
          .isEqualTo(1L);
    }
  }

  @Test
  void userAddressedMessageReachesEveryTabOfTheUser() {
    try (TestClient tab1 = node.connect("carol");
        TestClient tab2 = node.connect("carol");
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
      List<String> poison =
          List.of(
              "{\"event\":\"e\",\"data\":1,\"marker\":\"no-target\"}",
              "{not json marker:bad-json",
              "{\"room\":\"nowhere:x\",\"event\":\"e\",\"marker\":\"unknown-namespace\"}",
              "{\"room\":\"chat:poison\",\"data\":1,\"marker\":\"no-event\"}",
              "{\"room\":\"user:erin\",\"event\":\"e\",\"marker\":\"reserved-room\"}",
              "{\"room\":\"board:poison\",\"event\":\"card add\",\"marker\":\"unsafe-event-for-forward\"}",
              "{\"room\":\"chat:poison\",\"event\":\""
                  + "e".repeat(129)
                  + "\",\"marker\":\"long-event\"}");
      poison.forEach(body -> send(Map.of(), body));
      send(Map.of("room", "chat:poison", "event", "after"), "{\"data\":\"ok\"}");
      JsonObject e = member.skipTo("event");
      assertThat(e.getString("event")).isEqualTo("after");
      assertThat(e.getString("data")).isEqualTo("ok");
      assertThat(e.getLong("offset")).isEqualTo(1L);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(deadLettered).containsAll(poison));
      assertThat(deadLettered).noneMatch(b -> b.contains("\"after\"") || b.contains("\"ok\""));
      assertThat(((MemoryBroker) node.ports.broker()).depth(QUEUE)).isZero();
      assertThat(TestNode.await(node.ports.history().read("board:poison", 0)).position().offset())
          .isZero();
    }
  }

  @Test
  void anEngineOutageDelaysDeliveriesInOrderWithBackoffAndDeadLettersNothing() {
    try (TestClient member = node.connect("frank")) {
      member.join("chat:outage");
      history.failing = true;
      send(Map.of("room", "chat:outage", "event", "first"), "{\"data\":\"outage-1\"}");
      send(Map.of("room", "chat:outage", "event", "second"), "{\"data\":\"outage-2\"}");
      await().atMost(Duration.ofSeconds(10)).until(() -> history.failures.get() >= 3);
      history.failing = false;
      JsonObject first = member.skipTo("event");
      assertThat(first.getString("event")).isEqualTo("first");
      assertThat(first.getLong("offset")).isEqualTo(1L);
      JsonObject second = member.skipTo("event");
      assertThat(second.getString("event")).isEqualTo("second");
      assertThat(second.getLong("offset")).isEqualTo(2L);
      // a message dead-lettered after them shows that nothing of theirs reached the DLQ before it
      send(Map.of(), "{\"event\":\"e\",\"marker\":\"after-outage\"}");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> deadLettered.stream().anyMatch(b -> b.contains("after-outage")));
      assertThat(deadLettered).noneMatch(b -> b.contains("outage-"));
      assertThat(history.firstRetryGapMillis())
          .as("redelivered after a backoff, not at once")
          .isGreaterThanOrEqualTo(50);
      assertThat(metric("switchboard_consumer_redeliveries_total")).isGreaterThanOrEqualTo(3.0);
      assertThat(metric("switchboard_consumer_dead_letters_total")).isGreaterThanOrEqualTo(1.0);
    }
  }

  static double metric(String series) {
    String text = node.metrics();
    for (String line : text.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + series + " in /metrics");
  }

  /** Room history that fails every publish while {@link #failing}, recording when it was asked. */
  static final class FlakyHistory implements RoomHistory {
    private final RoomHistory delegate;
    final AtomicInteger failures = new AtomicInteger();
    final List<Long> failedAt = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    FlakyHistory(RoomHistory delegate) {
      this.delegate = delegate;
    }

    long firstRetryGapMillis() {
      return failedAt.get(1) - failedAt.get(0);
    }

    @Override
    public Future<Publication> publish(
        String room, PublicationDraft draft, HistoryOptions options) {
      if (failing) {
        failedAt.add(System.nanoTime() / 1_000_000);
        failures.incrementAndGet();
        return Future.failedFuture("engine unavailable (test outage)");
      }
      return delegate.publish(room, draft, options);
    }

    @Override
    public Future<HistoryPage> read(String room, long afterOffset) {
      return delegate.read(room, afterOffset);
    }
  }
}
