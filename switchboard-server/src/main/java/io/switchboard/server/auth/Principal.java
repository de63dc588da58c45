package io.switchboard.server.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is on a connection: the token's {@code sub} and its verified claims.
 *
 * @param user the user id ({@code sub}, non-empty; a number {@code sub} as its text), or {@code
 *     null} for an anonymous connection
 * @param claims the verified JWT payload (empty for anonymous); {@code claim} access reads it
 */
public record Principal(String user, JsonObject claims) {
  /** The anonymous principal, used only when {@code auth.anonymous} is on. */
  public static final Principal ANONYMOUS = new Principal(null, new JsonObject());

  /**
   * Whether a token was verified for this connection.
   *
   * @return {@code true} when {@link #user()} is set
   */
  public boolean authenticated() {
    return user != null;
  }
}
