package io.switchboard.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Memory-only broker behaviour: the exact redelivery limit, queue bound, threading. */
class MemoryBrokerTest {

  @Test
  void deadLettersAfterTheFirstDeliveryPlusMaxRedeliveries() {
    MemoryBroker broker = new MemoryBroker();
    broker.bind("q", "ex", "#");
    broker.publish(List.of(message("poison")));
    AtomicInteger deliveries = new AtomicInteger();
    broker.consume("q", m -> {
      deliveries.incrementAndGet();
      return Future.failedFuture("no");
    });
    assertThat(deliveries).hasValue(1 + MemoryBroker.MAX_REDELIVERIES);
    assertThat(broker.depth("q")).isZero();
    assertThat(broker.depth("q" + MemoryBroker.DLQ_SUFFIX)).isEqualTo(1);
  }

  @Test
  void aThrowingHandlerCountsAsAFailure() {
    MemoryBroker broker = new MemoryBroker();
    broker.bind("q", "ex", "#");
    broker.publish(List.of(message("x")));
    broker.consume("q", m -> {
      throw new IllegalStateException("boom");
    });
    assertThat(broker.depth("q.dlq")).isEqualTo(1);
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
    broker.consume("q", m -> {
      handled.incrementAndGet();
      return Future.succeededFuture();
    });
    assertThat(handled).hasValue(50_000);
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
      context.runOnContext(v -> broker.consume("q", m -> {
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
