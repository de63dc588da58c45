package io.switchboard.tck;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of every engine contract suite (SPEC "Engines": one abstract suite per port, run against
 * every engine). Each suite asks its subclass for the one port it tests, fresh per test; a subclass
 * that connects an engine for it registers the engine's close with {@link #closeAfterTest}. The
 * suites use random room, channel, queue and exchange names, so a shared real server (Redis,
 * RabbitMQ) can serve many tests and runs.
 */
public abstract class PortContract {
  /** How long {@link #await} waits for a port's future: 5 s. */
  protected static final Duration AWAIT = Duration.ofSeconds(5);

  /** Generous bound for Awaitility conditions (expiry, delivery): 10 s. */
  protected static final Duration PATIENCE = Duration.ofSeconds(10);

  private final List<Supplier<Future<?>>> cleanups = new ArrayList<>();

  /**
   * Runs {@code close} after the current test, after the subclass's own {@code @AfterEach} methods,
   * newest registration first. Call it on the test thread.
   *
   * @param close starts closing and returns its future, which is awaited as {@link #await} does: a
   *     failure or a close slower than {@link #AWAIT} fails the test
   */
  public void closeAfterTest(Supplier<Future<?>> close) {
    cleanups.add(0, close);
  }

  @AfterEach
  void runCleanups() {
    List<Supplier<Future<?>>> todo = new ArrayList<>(cleanups);
    cleanups.clear();
    for (Supplier<Future<?>> close : todo) {
      await(close.get());
    }
  }

  /**
   * Waits for a future of the port under test, blocking the calling (test) thread.
   *
   * @param <T> the value's type
   * @param future the future
   * @return its value, {@code null} included
   * @throws AssertionError if it failed or did not complete within {@link #AWAIT}
   */
  protected static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
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

  /**
   * A name unique to this run: {@code prefix} followed by 12 random hex digits.
   *
   * @param prefix e.g. {@code chat:} for a room, {@code sb.test.} for an exchange
   * @return the name
   */
  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
