package io.switchboard.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Memory-only broker behaviour: dead-lettering on the first {@link Undeliverable}, the exact
 * redelivery backoff, the body bound, the queue bound, threading.
 */
class MemoryBrokerTest {

  @Test
  void anUndeliverableFailureIsDeadLetteredOnTheFirstDelivery() {
    MemoryBroker broker = new MemoryBroker();
    broker.bind("q", "ex", "#");
    broker.publish(List.of(message("poison")));
    AtomicInteger deliveries = new AtomicInteger();
    broker.consume(
        "q",
        m -> {
          deliveries.incrementAndGet();
          return Future.failedFuture(new IllegalStateException("wrapped", new Undeliverable("no")));
        });
    assertThat(deliveries).hasValue(1);
    assertThat(broker.depth("q")).isZero();
    assertThat(broker.depth("q" + MemoryBroker.DLQ_SUFFIX)).isEqualTo(1);
  }

  @Test
  void aTransientFailureIsRedeliveredWithADoublingBackoffUpToTheMaximum() {
    MemoryBroker broker = new MemoryBroker(10, 1024, Duration.ofMillis(20), Duration.ofMillis(80));
    broker.bind("q", "ex", "#");
    broker.publish(List.of(message("flaky"), message("next")));
    List<Long> at = new CopyOnWriteArrayList<>();
    List<String> handled = new CopyOnWriteArrayList<>();
    broker.consume(
        "q",
        m -> {
          if (m.routingKey().equals("flaky") && at.size() < 5) {
            at.add(System.nanoTime());
            return Future.failedFuture("engine down");
          }
          handled.add(m.routingKey());
          return Future.succeededFuture();
        });
    await().atMost(5, TimeUnit.SECONDS).until(() -> handled.size() == 2);
    assertThat(handled).containsExactly("flaky", "next");
    long[] minimum = {20, 40, 80, 80};
    for (int i = 0; i < minimum.length; i++) {
      assertThat(TimeUnit.NANOSECONDS.toMillis(at.get(i + 1) - at.get(i)))
          .as("gap %d", i)
          .isGreaterThanOrEqualTo(minimum[i]);
    }
    assertThat(broker.depth("q" + MemoryBroker.DLQ_SUFFIX)).isZero();
  }

  @Test
  void aThrowingHandlerIsATransientFailureUnlessItThrowsUndeliverable() {
    MemoryBroker broker = new MemoryBroker(10, 1024, Duration.ofMillis(1), Duration.ofMillis(1));
    broker.bind("q", "ex", "#");
    broker.publish(List.of(message("x"), message("poison")));
    List<String> seen = new CopyOnWriteArrayList<>();
    broker.consume(
        "q",
        m -> {
          seen.add(m.routingKey());
          if (m.routingKey().equals("poison")) {
            throw new Undeliverable("thrown");
          }
          if (seen.size() == 1) {
            throw new IllegalStateException("boom");
          }
          return Future.succeededFuture();
        });
    await().atMost(5, TimeUnit.SECONDS).until(() -> broker.depth("q.dlq") == 1);
    assertThat(seen).containsExactly("x", "x", "poison");
    assertThat(broker.depth("q")).isZero();
  }

  @Test
  void aBodyOverTheBoundIsRejectedAndTheRestPublished() {
    MemoryBroker broker = new MemoryBroker(10, 4, Duration.ofMillis(1), Duration.ofMillis(1));
    broker.bind("q", "ex", "#");
    BrokerMessage big = new BrokerMessage("ex", "big", Map.of(), new byte[5]);
    List<Rejected> rejected = broker.publish(List.of(message("a"), big, message("b"))).result();
    assertThat(rejected).containsExactly(new Rejected(big, "body is 5 bytes, over 4"));
    assertThat(broker.depth("q")).isEqualTo(2);
  }

  @Test
  void aFullQueueFailsThePublishAndEnqueuesNothing() {
    MemoryBroker broker = new MemoryBroker(3);
    broker.bind("q", "ex", "#");
    assertThat(broker.publish(List.of(message("1"), message("2"))).succeeded()).isTrue();
    assertThat(broker.publish(List.of(message("3"), message("4"))).failed()).isTrue();
    assertThat(broker.depth("q")).isEqualTo(2);
  }

  @Test
  void aLongQueueDrainsInlineWithoutGrowingTheStack() {
    MemoryBroker broker = new MemoryBroker();
    broker.bind("q", "ex", "#");
    for (int i = 0; i < 50_000; i++) {
      broker.publish(List.of(message(Integer.toString(i))));
    }
    AtomicInteger handled = new AtomicInteger();
    broker.consume(
        "q",
        m -> {
          handled.incrementAndGet();
          return Future.succeededFuture();
        });
    assertThat(handled).hasValue(50_000);
  }

  @Test
  void aLongQueueDrainsInlineUnderConcurrencyAndDepthCountsMessagesInFlight() {
    MemoryBroker broker = new MemoryBroker();
    broker.bind("q", "ex", "#");
    for (int i = 0; i < 50_000; i++) {
      broker.publish(List.of(message(Integer.toString(i))));
    }
    AtomicInteger handled = new AtomicInteger();
    List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    broker.consume(
        "q",
        16,
        m -> {
          if (handled.incrementAndGet() <= 49_990) {
            return Future.succeededFuture();
          }
          Promise<Void> p = Promise.promise();
          held.add(p);
          return p.future();
        });
    assertThat(handled).hasValue(50_000);
    assertThat(broker.depth("q")).as("ten in flight").isEqualTo(10);
    held.forEach(Promise::complete);
    assertThat(broker.depth("q")).isZero();
  }

  @Test
  void aConcurrencyOutsideOneToAThousandIsRefused() {
    MemoryBroker broker = new MemoryBroker();
    for (int bad : new int[] {0, -1, Broker.MAX_CONCURRENCY + 1}) {
      assertThatThrownBy(() -> broker.consume("q", bad, m -> Future.succeededFuture()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("concurrency: " + bad);
    }
  }

  @Test
  void aConsumerRegisteredOnAContextIsCalledOnIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MemoryBroker broker = new MemoryBroker();
      broker.bind("q", "ex", "#");
      Context context = vertx.getOrCreateContext();
      AtomicReference<Context> seen = new AtomicReference<>();
      List<String> keys = new CopyOnWriteArrayList<>();
      context.runOnContext(
          v ->
              broker.consume(
                  "q",
                  m -> {
                    seen.set(Vertx.currentContext());
                    keys.add(m.routingKey());
                    return Future.succeededFuture();
                  }));
      broker.publish(List.of(message("a"), message("b")));
      await().atMost(5, TimeUnit.SECONDS).until(() -> keys.size() == 2);
      assertThat(seen.get()).isSameAs(context);
      assertThat(keys).containsExactly("a", "b");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private static BrokerMessage message(String key) {
    return new BrokerMessage("ex", key, Map.of(), new byte[0]);
  }
}
