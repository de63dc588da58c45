package io.switchboard.workers.examples;

import io.switchboard.workers.step.StepWork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injected slowness and failures for tests and the benchmark (CLI {@code --delay}, {@code
 * --fail-every}); both off by default. The delay is a Vert.x timer, never a sleep.
 */
public final class Faults {
  private Faults() {}

  /**
   * Wraps a work.
   *
   * @param work the real work
   * @param vertx for the delay timer
   * @param delay how long each run waits before the work; zero for none
   * @param failEvery every {@code failEvery}-th run of this wrapper (counted from 1) fails with
   *     {@code injected failure (fail-every N)} after the delay instead of running the work; 0 for
   *     never
   * @return {@code work} itself when both are off
   * @throws IllegalArgumentException if {@code delay} or {@code failEvery} is negative
   */
  public static StepWork wrap(StepWork work, Vertx vertx, Duration delay, int failEvery) {
    Objects.requireNonNull(work, "work");
    if (delay.isNegative() || failEvery < 0) {
      throw new IllegalArgumentException(
          "delay and failEvery must not be negative (got " + delay + ", " + failEvery + ")");
    }
    if (delay.isZero() && failEvery == 0) {
      return work;
    }
    Objects.requireNonNull(vertx, "vertx");
    long delayMs = delay.toMillis();
    AtomicLong runs = new AtomicLong();
    return payload -> {
      boolean fail = failEvery > 0 && runs.incrementAndGet() % failEvery == 0;
      Future<Void> wait = delayMs > 0 ? vertx.timer(delayMs) : Future.succeededFuture();
      return wait.compose(
          v ->
              fail
                  ? Future.failedFuture("injected failure (fail-every " + failEvery + ")")
                  : work.run(payload));
    };
  }
}
