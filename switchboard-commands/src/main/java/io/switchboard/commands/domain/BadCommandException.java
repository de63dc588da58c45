package io.switchboard.commands.domain;

/**
 * A command body that does not fit its type (SPEC C2: validated): answered 400 {@code bad_request}
 * with the message, which names the field; nothing is recorded or queued. No stack trace.
 */
public final class BadCommandException extends RuntimeException {
  private final String field;

  /**
   * @param field the offending field (a dotted path for nested ones), or {@code null} for the body
   * @param message the problem, naming the field; sent to the client
   */
  public BadCommandException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The offending field, or {@code null} for the whole body. */
  public String field() {
    return field;
  }
}
