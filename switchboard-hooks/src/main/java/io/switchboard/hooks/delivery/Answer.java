package io.switchboard.hooks.delivery;

/**
 * What one delivery attempt got.
 *
 * @param status the HTTP status, or 0 when no answer came (connection refused, timeout, …)
 * @param error what went wrong, or {@code null} on a 2xx; never a secret (targets scrub them)
 * @param retryAfterMillis how long the receiver asked to be left alone (a 429's or 503's {@code
 *     Retry-After}, Telegram's {@code parameters.retry_after}), milliseconds; 0 when it did not say
 */
public record Answer(int status, String error, long retryAfterMillis) {

  /** An answer without a retry hint. */
  public Answer(int status, String error) {
    this(status, error, 0);
  }

  /** Most a receiver may push the next attempt back, milliseconds (1 hour). */
  public static final long MAX_RETRY_AFTER_MILLIS = 3_600_000;

  /**
   * The retry hint of a {@code Retry-After} header in seconds (an HTTP date is not read), capped at
   * {@link #MAX_RETRY_AFTER_MILLIS}; 0 when absent or unreadable.
   */
  public static long retryAfter(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.min(MAX_RETRY_AFTER_MILLIS, Math.max(0, Long.parseLong(header.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A 2xx. */
  public boolean delivered() {
    return status >= 200 && status < 300;
  }

  /**
   * Whether another attempt may succeed: no answer, a 5xx, 408 or 429. Any other status (a 3xx, a
   * 4xx) is permanent: the delivery is dead-lettered at once.
   */
  public boolean retryable() {
    return status == 0 || status >= 500 || status == 408 || status == 429;
  }

  /** No answer at all. */
  public static Answer failed(String error) {
    return new Answer(0, error);
  }
}
