package io.switchboard.hooks.delivery;

/**
 * What one delivery attempt got.
 *
 * @param status the HTTP status, or 0 when no answer came (connection refused, timeout, …)
 * @param error what went wrong, or {@code null} on a 2xx; never a secret (targets scrub them)
 */
public record Answer(int status, String error) {

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
