package io.switchboard.workers.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.workers.step.StepWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private final StepWork ok = payload -> Future.succeededFuture(new JsonObject().put("ok", true));

  @Test
  void offByDefaultReturnsTheWorkItself() {
    assertThat(Faults.wrap(ok, null, Duration.ZERO, 0)).isSameAs(ok);
  }

  @Test
  void everyNthRunFailsAfterTheDelay() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      StepWork faulty = Faults.wrap(ok, vertx, Duration.ofMillis(30), 3);
      List<Boolean> outcomes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        Future<JsonObject> f = faulty.run(new JsonObject());
        f.toCompletionStage().toCompletableFuture().handle((r, e) -> r).get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
            .isGreaterThanOrEqualTo(25);
        outcomes.add(f.succeeded());
        if (f.failed()) {
          assertThat(f.cause()).hasMessage("injected failure (fail-every 3)");
        }
      }
      assertThat(outcomes).containsExactly(true, true, false, true, true, false);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
