package io.switchboard.server.gateway;

/**
 * WebSocket close codes Switchboard sends (SPEC C1; 4000–4999 are for applications, RFC 6455
 * §7.4.2). {@code docs/protocol.md} tells clients which ones to reconnect after.
 */
public enum CloseCode {
  /** The token is missing, expired or invalid. Do not reconnect with the same token. */
  UNAUTHORIZED(4001, "unauthorized"),
  /** No pong or frame for two heartbeat intervals (detected within three). Reconnect. */
  HEARTBEAT_TIMEOUT(4002, "heartbeat timeout"),
  /** A backend disconnected this user through the server API. Do not reconnect at once. */
  DISCONNECTED(4004, "disconnected by server"),
  /**
   * The outbound queue overflowed ({@code client.outboundQueueFrames} or {@code
   * outboundQueueBytes}), or a joining member's buffer did: the client did not read fast enough.
   * Reconnect and recover with {@code since}.
   */
  SLOW_CONSUMER(4008, "slow consumer"),
  /** The user already holds {@code client.maxConnectionsPerUser} connections on this node. */
  TOO_MANY_CONNECTIONS(4009, "too many connections for this user"),
  /**
   * The client kept sending over the rate limit, or sent too much before {@code welcome}. Reconnect
   * after a pause.
   */
  RATE_LIMITED(4029, "rate limit exceeded"),
  /**
   * A watch socket ({@link WatchMode}) was refused: unknown, not the user's, or not allowed; the
   * frame before the close says why (RFC 6455 1008).
   */
  POLICY_VIOLATION(1008, "watch refused"),
  /** An engine needed to serve the connection is unreachable (RFC 6455 1013). Reconnect later. */
  UNAVAILABLE(1013, "engine unavailable, try again later"),
  /** A frame over 4 × {@code client.maxFrameBytes} (RFC 6455 1009). */
  MESSAGE_TOO_BIG(1009, "message too big"),
  /** The node is shutting down: reconnect (to another node) and recover with since (1012). */
  SHUTDOWN(1012, "server restart, reconnect");

  private final short code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = (short) code;
    this.reason = reason;
  }

  /**
   * The numeric close code.
   *
   * @return e.g. 4008
   */
  public short code() {
    return code;
  }

  /**
   * The close reason sent with it, fixed per code (at most 123 bytes, RFC 6455 §5.5).
   *
   * @return e.g. {@code slow consumer}
   */
  public String reason() {
    return reason;
  }
}
