package io.switchboard.server.auth;

/** A token was missing, expired or invalid; the message is safe to show (never the token). */
public final class AuthException extends RuntimeException {
  public AuthException(String message) {
    super(message, null, false, false);
  }
}
