package io.switchboard.tck;

import io.switchboard.core.Engine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every engine contract suite (SPEC "Engines": one abstract suite per port, run against
 * every engine). A subclass supplies a fresh {@link Engine} per test with {@link #newEngine()};
 * the suites use random room, channel, queue and exchange names, so a shared real server
 * (Redis, RabbitMQ) can serve many tests and runs.
 */
public abstract class EngineContractSupport {
  /** How long {@link #await} waits for a port's future. */
  protected static final Duration AWAIT = Duration.ofSeconds(5);

  /** Generous bound for Awaitility conditions (expiry, delivery). */
  protected static final Duration PATIENCE = Duration.ofSeconds(10);

  /** The engine under test, created before each test and closed after it. */
  protected Engine engine;

  /** A new engine, connected and ready; it is closed after the test. */
  protected abstract Engine newEngine();

  @BeforeEach
  void createEngine() {
    engine = newEngine();
    await(engine.ready().get());
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      await(engine.close().get());
    }
  }

  /**
   * Waits for a future of the port under test.
   *
   * @return its value
   * @throws AssertionError if it failed or did not complete within {@link #AWAIT}
   */
  protected static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + AWAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A name unique to this run: {@code prefix} followed by a random suffix. */
  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
