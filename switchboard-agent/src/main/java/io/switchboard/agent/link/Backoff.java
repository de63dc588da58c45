package io.switchboard.agent.link;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter for the agent's reconnects (SPEC C4: "connects with
 * backoff"): the n-th delay (n from 0) is uniform in {@code [0, min(max, initial * 2^n)]}
 * milliseconds. {@link #reset} starts over; the agent resets once a connection got its welcome or
 * stayed up long enough. Not thread-safe: the agent calls it on its own context.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final LongUnaryOperator random;
  private int attempt;

  /**
   * @param initial the ceiling of the first delay, over zero
   * @param max the largest ceiling, at least {@code initial}
   * @param random given a bound {@code b >= 0}, a value in {@code [0, b]} (tests fix it)
   * @throws IllegalArgumentException when {@code initial <= 0} or {@code max < initial}
   */
  public Backoff(Duration initial, Duration max, LongUnaryOperator random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff " + initial + ".." + max + " (allowed: 0 < initial <= max)");
    }
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.random = random;
  }

  /**
   * A backoff drawing from {@link java.util.concurrent.ThreadLocalRandom}.
   *
   * @param initial the ceiling of the first delay
   * @param max the largest ceiling
   * @return the backoff
   */
  public static Backoff jittered(Duration initial, Duration max) {
    return new Backoff(
        initial,
        max,
        bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
  }

  /**
   * @return the ceiling of the next delay in milliseconds: {@code min(max, initial * 2^attempt)}
   */
  public long ceilingMillis() {
    int shift = Math.min(attempt, 30);
    long ceiling = initialMillis << shift;
    return ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
  }

  /**
   * @return the next delay in milliseconds, in {@code [0, ceilingMillis()]}; the ceiling then
   *     doubles
   */
  public long nextMillis() {
    long ceiling = ceilingMillis();
    attempt = Math.min(attempt + 1, 62);
    long delay = random.applyAsLong(ceiling);
    return Math.max(0, Math.min(ceiling, delay));
  }

  /** Starts over at the initial ceiling. */
  public void reset() {
    attempt = 0;
  }
}
