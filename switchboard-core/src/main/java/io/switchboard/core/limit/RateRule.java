package io.switchboard.core.limit;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond} tokens a second; each
 * request takes one (SPEC C5; seed 004's proxy: 1 request/s with a burst of 10).
 *
 * @param perSecond refill rate in tokens per second, at least 1
 * @param burst bucket size in tokens, at least 1: how many requests pass at once after a pause
 */
public record RateRule(int perSecond, int burst) {
  /**
   * @throws IllegalArgumentException if a value is below 1
   */
  public RateRule {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "perSecond and burst must be at least 1: " + perSecond + ", " + burst);
    }
  }

  /**
   * Milliseconds for an empty bucket to fill up again: how long an idle bucket is worth keeping.
   */
  public long refillMillis() {
    return (long) Math.ceil(burst * 1000.0 / perSecond);
  }
}
