package io.switchboard.core.limit;

/**
 * The answer of {@link RateLimits#take}.
 *
 * @param allowed whether a token was taken: the request may go on
 * @param remaining whole tokens left after this request (0 when refused)
 * @param retryAfterMillis when refused, how long until the next token, in milliseconds (at least
 *     1); 0 when allowed
 */
public record RateDecision(boolean allowed, int remaining, long retryAfterMillis) {

  /**
   * The {@code Retry-After} value of a refusal (RFC 9110 §10.2.3): whole seconds, rounded up, at
   * least 1.
   */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfterMillis + 999) / 1000);
  }
}
