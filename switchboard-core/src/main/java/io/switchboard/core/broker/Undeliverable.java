package io.switchboard.core.broker;

/**
 * A consumer handler's verdict that a message can never be delivered, whatever is retried (issue 7
 * part 2, point 2): a malformed body, no target, a bad event name, an unknown namespace. A handler
 * future failing with it (itself or anywhere in its cause chain) makes the engine dead-letter the
 * message at once; every other failure is transient and the message is redelivered after a backoff
 * (see {@link Broker#consume}).
 *
 * <p>No stack trace is recorded: the reason is the whole story.
 */
public final class Undeliverable extends RuntimeException {

  /**
   * @param reason why the message can never be delivered, for the log; no message body
   */
  public Undeliverable(String reason) {
    super(reason, null, false, false);
  }

  /**
   * @param reason why the message can never be delivered, for the log; no message body
   * @param cause the refusal behind it, e.g. a {@code bad_request} of the publish path
   */
  public Undeliverable(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }

  /**
   * Whether {@code failure} or one of its causes is an {@link Undeliverable}.
   *
   * @param failure a handler's failure; {@code null} is not permanent
   * @return {@code true} when the message must be dead-lettered
   */
  public static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Undeliverable) {
        return true;
      }
    }
    return false;
  }
}
