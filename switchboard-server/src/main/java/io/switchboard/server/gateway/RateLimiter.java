package io.switchboard.server.gateway;

/**
 * A token bucket for one connection's incoming frames (SPEC C1 "Order and pressure"): {@code
 * ratePerSecond} sustained, {@code burst} at once. Not thread-safe: used only on the connection's
 * event loop.
 */
final class RateLimiter {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long last;
  private int strikes;

  RateLimiter(int ratePerSecond, int burst) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  /**
   * Takes one token.
   *
   * @return {@link Verdict#OK}, {@link Verdict#REJECT} (answer {@code rate_limited}), or {@link
   *     Verdict#CLOSE} once the client has been rejected {@code burst} times in a row
   */
  Verdict take() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      strikes = 0;
      return Verdict.OK;
    }
    return ++strikes >= burst ? Verdict.CLOSE : Verdict.REJECT;
  }

  enum Verdict {
    OK,
    REJECT,
    CLOSE
  }
}
