package io.switchboard.edge.tokens;

/**
 * A token that is not a valid access token of this edge: malformed, signed by an unknown key or
 * another one, expired, of another issuer, or of a user that no longer exists (401). The message
 * never contains the token.
 */
public final class InvalidTokenException extends RuntimeException {
  /**
   * @param reason why, for logs and tests (no token material)
   */
  public InvalidTokenException(String reason) {
    super(reason, null, false, false);
  }
}
