package io.switchboard.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The event-loop lag gauge (issue 12's dashboard "event loops busy"): near zero on an idle loop,
 * and a loop held busy shows as lag; a node exports it.
 */
class EventLoopLagIT {

  @Test
  void aBusyLoopShowsAsLagAndAnIdleOneDoesNot() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      EventLoopLag lag = new EventLoopLag(registry);
      AtomicReference<Context> loop = new AtomicReference<>();
      TestNode.await(
          vertx.deployVerticle(
              new VerticleBase() {
                @Override
                public Future<?> start() {
                  lag.probe(vertx);
                  loop.set(context);
                  return Future.succeededFuture();
                }
              }));
      await()
          .during(Duration.ofMillis(1200))
          .atMost(Duration.ofSeconds(5))
          .until(() -> lag.worst() < 0.2);
      CountDownLatch held = new CountDownLatch(1);
      loop.get()
          .runOnContext(
              v -> {
                long end = System.nanoTime() + 400_000_000L;
                while (System.nanoTime() < end) {
                  Thread.onSpinWait();
                }
                held.countDown();
              });
      held.await();
      await().atMost(Duration.ofSeconds(5)).until(() -> lag.worst() >= 0.25);
      assertThat(registry.get("switchboard_event_loop_lag_seconds").gauge().value())
          .isGreaterThanOrEqualTo(0.25);
    } finally {
      TestNode.await(vertx.close());
    }
  }

  @Test
  void aNodeExportsIt() {
    try (TestNode node = TestNode.start()) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> node.metric("switchboard_event_loop_lag_seconds") >= 0);
    }
  }
}
