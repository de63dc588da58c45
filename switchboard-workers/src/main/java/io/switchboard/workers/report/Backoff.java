package io.switchboard.workers.report;

import java.time.Duration;

/**
 * How a reporter retries a transient failure: {@code initial}, doubling up to {@code max}, for at
 * most {@code attempts} tries in all; after that the failure goes to the broker, which redelivers
 * the message later (so a gateway outage delays completions, it never loses them).
 *
 * @param initial the delay after the first failed try; positive
 * @param max the longest delay; at least {@code initial}
 * @param attempts tries in all, at least 1
 */
public record Backoff(Duration initial, Duration max, int attempts) {
  /** 100 ms doubling to 5 s, 8 tries (about 11 s of retrying). */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 8);

  /**
   * @throws IllegalArgumentException if a bound is out of range
   */
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || attempts < 1) {
      throw new IllegalArgumentException(
          "backoff: initial must be positive, max at least initial, attempts at least 1 (got "
              + initial
              + ", "
              + max
              + ", "
              + attempts
              + ")");
    }
  }

  /**
   * The delay before try {@code attempt + 1}.
   *
   * @param attempt the try that just failed, 1 for the first
   * @return {@code initial × 2^(attempt-1)}, at most {@code max}, in milliseconds (at least 1)
   */
  public long delayMs(int attempt) {
    long ms = initial.toMillis();
    for (int i = 1; i < attempt && ms < max.toMillis(); i++) {
      ms *= 2;
    }
    return Math.max(1, Math.min(ms, max.toMillis()));
  }
}
