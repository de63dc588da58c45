package io.switchboard.server.room;

/**
 * A client request that cannot be carried out; answered with an {@code error} frame carrying
 * {@link #code()} and the message. The connection stays open.
 */
public final class RequestException extends RuntimeException {
  private final ErrorCode code;

  public RequestException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The error code sent to the client. */
  public ErrorCode code() {
    return code;
  }
}
