package io.switchboard.hooks.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before retry {@code n} (1 for the first): {@code initial × 2^(n-1)}, capped at {@code
 * max}, times a random factor in [0.5, 1.5) (jitter, so receivers that failed together are not hit
 * together again), never below 1 ms.
 */
public final class Backoff {
  private Backoff() {}

  /** The pause in milliseconds. */
  public static long millis(int retry, Duration initial, Duration max) {
    double base = initial.toMillis() * Math.pow(2, Math.max(0, Math.min(retry - 1, 30)));
    double capped = Math.min(base, max.toMillis());
    double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
    return Math.max(1, (long) (capped * jitter));
  }
}
