package io.switchboard.server.room;

/**
 * The {@code code} of an {@code error} frame (SPEC C1, protocol {@code switchboard.v1}), also the
 * {@code error.code} of the server API's 4xx/503 bodies and the {@code code} label of {@code
 * switchboard_errors_total}. The connection stays open after every one of them but {@code
 * unauthorized}; abuse is answered by a close instead (see {@code gateway.CloseCode}). {@code
 * docs/protocol.md} documents each one.
 */
public enum ErrorCode {
  /**
   * The frame is not a JSON object, {@code id} is not a string or number, a field is missing or of
   * the wrong type (the message names it), {@code since} is malformed, or the event name is over
   * 128 characters or cannot go into a forwarding namespace's routing key.
   */
  BAD_REQUEST("bad_request"),
  /** {@code type} is missing or not one of join, leave, publish, presence, ping. */
  UNKNOWN_TYPE("unknown_type"),
  /**
   * A text or binary frame is larger than {@code client.maxFrameBytes} (up to 4 times; beyond,
   * close 1009).
   */
  FRAME_TOO_LARGE("frame_too_large"),
  /** A binary frame (within the size and rate limits): not part of {@code switchboard.v1}. */
  BINARY_NOT_SUPPORTED("binary_not_supported"),
  /** The room name is not {@code namespace:rest}, or names the reserved {@code user:} namespace. */
  INVALID_ROOM("invalid_room"),
  /** The room's namespace is not configured. */
  UNKNOWN_NAMESPACE("unknown_namespace"),
  /**
   * The namespace's {@code join} or {@code publish} access refuses this connection, or {@code
   * presence} is asked where the namespace does not track it.
   */
  FORBIDDEN("forbidden"),
  /**
   * What a capability's watch socket or room names does not exist, or is not the user's (SPEC C3:
   * an unknown {@code workflow_id}).
   */
  NOT_FOUND("not_found"),
  /** The connection is in {@code client.maxRooms} rooms already. */
  TOO_MANY_ROOMS("too_many_rooms"),
  /**
   * The connection sends faster than {@code client.ratePerSecond} (burst {@code rateBurst}): the
   * frame was not processed (no {@code id}); or a {@code publish} while {@code
   * client.maxPendingPublishes} wait for their {@code ack}: not published (with its {@code id}).
   */
  RATE_LIMITED("rate_limited"),
  /**
   * The room forwards and the event buffer toward the broker is full; the publication was not made
   * (server API: 503).
   */
  BUFFER_FULL("buffer_full"),
  /**
   * A {@code join} overtaken by a {@code leave} of the same room before its {@code joined} was
   * sent: the join was undone, the connection is not in the room.
   */
  CANCELLED("cancelled"),
  /**
   * An engine (store, pub/sub) failed or is unreachable; the request had no effect (server API:
   * 503).
   */
  UNAVAILABLE("unavailable"),
  /**
   * The token is missing, expired, forged or not acceptable; sent once, without an {@code id},
   * before close 4001.
   */
  UNAUTHORIZED("unauthorized");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  /**
   * The snake_case name sent in the {@code code} field, e.g. {@code bad_request}.
   *
   * @return the wire name
   */
  public String wire() {
    return wire;
  }
}
