package io.switchboard.server.room;

/**
 * A client request that cannot be carried out; answered with an {@code error} frame carrying {@link
 * #code()} and the message (the server API maps it to a status, the backend consumer to a dead
 * letter or a redelivery). The connection stays open. No stack trace is recorded.
 */
public final class RequestException extends RuntimeException {
  private final ErrorCode code;

  /**
   * @param code the error code sent to the client
   * @param message a human-readable reason; sent to the client, so it never carries a secret
   */
  public RequestException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /**
   * The error code sent to the client.
   *
   * @return the code, never null
   */
  public ErrorCode code() {
    return code;
  }
}
