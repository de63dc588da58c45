package io.switchboard.server.auth;

/**
 * A token was missing, expired or invalid (SPEC C1 "Authentication"); the message is safe to show
 * and is sent in the {@code unauthorized} error before close 4001 (never the token). No stack trace
 * is recorded.
 */
public final class AuthException extends RuntimeException {
  /**
   * @param message e.g. {@code token expired}; never the token or key material
   */
  public AuthException(String message) {
    super(message, null, false, false);
  }
}
