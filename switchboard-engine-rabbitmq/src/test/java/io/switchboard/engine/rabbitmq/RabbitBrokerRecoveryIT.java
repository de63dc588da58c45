package io.switchboard.engine.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.EventBuffer;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 point 6 on the broker alone: RabbitMQ closes the engine's connection (rabbitmqctl
 * close_connection) while the EventBuffer (SPEC C1 "Event buffer") publishes; readiness goes red
 * then green, the consumer comes back, and every message arrives exactly as published, in order.
 * Delivery is at-least-once: duplicates (a retried batch, an unacked redelivery) are counted and
 * reported, never a loss or a reordering of first arrivals.
 */
class RabbitBrokerRecoveryIT extends RabbitTestBase {
  @Override
  protected RabbitEngineOptions options() {
    return super.options().withReconnect(Duration.ofMillis(500), Duration.ofSeconds(2));
  }

  private static final int COUNT = 5000;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void everyBufferedMessageArrivesInOrderAcrossABrokerSideConnectionClose() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String exchange = "sb.test.recovery." + suffix;
    String queue = "q.recovery." + suffix;
    get(broker.bind(queue, exchange, "events.#"));
    List<Integer> received = Collections.synchronizedList(new ArrayList<>());
    Set<Integer> distinct = ConcurrentHashMap.newKeySet();
    List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    get(
        broker.consume(
            queue,
            m -> {
              int n = Integer.parseInt(m.headers().get("seq"));
              if (!m.routingKey().equals("events." + n)
                  || !m.exchange().equals(exchange)
                  || !m.headers().equals(message(exchange, n).headers())
                  || !new String(m.body(), StandardCharsets.UTF_8).equals(body(n))) {
                mismatches.add(m.toString());
              }
              received.add(n);
              distinct.add(n);
              return Future.succeededFuture();
            }));
    EventBuffer buffer =
        new EventBuffer(
            vertx,
            broker,
            Duration.ofMillis(20),
            50,
            10_000,
            Duration.ofMillis(50),
            Duration.ofMillis(500));
    AtomicInteger offered = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    vertx.setPeriodic(
        5,
        id -> { // 1000 messages/s; the second half only once the connection was closed
          for (int i = 0;
              i < 5 && offered.get() < COUNT && (closed.get() || offered.get() < COUNT / 2);
              i++) {
            assertThat(buffer.offer(message(exchange, offered.get()))).isTrue();
            offered.incrementAndGet();
          }
          if (offered.get() == COUNT) {
            vertx.cancelTimer(id);
          }
        });

    Awaitility.await().atMost(PATIENCE).until(() -> received.size() >= 300);
    assertThat(RabbitCtl.closeConnections(name)).isEqualTo(1);
    Awaitility.await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> engine.ready().failed());
    assertThat(offered.get()).as("still publishing when the connection closed").isLessThan(COUNT);
    closed.set(
        true); // under load the first half may all be offered by now: the rest follows the close
    Awaitility.await().atMost(PATIENCE).until(() -> engine.ready().succeeded());
    Awaitility.await().atMost(PATIENCE).until(() -> distinct.size() == COUNT);
    get(buffer.drain(Duration.ofSeconds(5)));
    buffer.close();

    List<Integer> snapshot;
    synchronized (received) {
      snapshot = List.copyOf(received);
    }
    List<Integer> firstArrivals = snapshot.stream().distinct().toList();
    int duplicates = snapshot.size() - COUNT;
    System.out.printf(
        "recovery: %d messages, %d duplicates, %d failed publishes retried%n",
        COUNT, duplicates, buffer.failures());
    assertThat(mismatches).isEmpty();
    assertThat(firstArrivals).hasSize(COUNT);
    for (int i = 0; i < COUNT; i++) {
      assertThat(firstArrivals.get(i)).as("first arrival #%d", i).isEqualTo(i);
    }
    assertThat(buffer.failures()).as("publishes failed while disconnected").isPositive();
  }

  private static BrokerMessage message(String exchange, int n) {
    return new BrokerMessage(
        exchange,
        "events." + n,
        Map.of("seq", "" + n, "room", "board:1"),
        body(n).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(int n) {
    return "{\"pattern\":\"events." + n + "\",\"data\":" + n + "}";
  }
}
