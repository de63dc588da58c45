package io.switchboard.server.config;

/** Who may join or publish in a namespace's rooms (SPEC C1 "Rooms"). */
public enum Access {
  /** Any connection, anonymous ones included (when anonymous connections are enabled). */
  ANYONE,
  /** Any connection with a verified token. */
  AUTHENTICATED,
  /**
   * A connection whose token claim (the namespace's {@code claim}, default {@code rooms}) is an
   * array containing the room name or {@code namespace:*}.
   */
  CLAIM,
  /** Nobody over WebSocket: only the server API. */
  SERVER
}
