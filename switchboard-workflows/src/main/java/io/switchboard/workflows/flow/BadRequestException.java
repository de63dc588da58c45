package io.switchboard.workflows.flow;

/**
 * A request whose body or parameter is not valid (400 {@code bad_request}); the message names the
 * field. No stack trace.
 */
public final class BadRequestException extends RuntimeException {
  /**
   * @param message the reason, naming the field; sent to the client
   */
  public BadRequestException(String message) {
    super(message, null, false, false);
  }
}
