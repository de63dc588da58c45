package io.switchboard.server.room;

/**
 * The {@code code} of an {@code error} frame (SPEC C1, protocol {@code switchboard.v1}). The
 * connection stays open after every one of them; abuse is answered by a close instead (see
 * {@link CloseCode}). {@code docs/protocol.md} documents each one.
 */
public enum ErrorCode {
  /** The frame is not a JSON object, or a field has the wrong type. */
  BAD_REQUEST("bad_request"),
  /** {@code type} is missing or not one of join, leave, publish, presence, ping. */
  UNKNOWN_TYPE("unknown_type"),
  /** The text frame is larger than {@code client.maxFrameBytes}. */
  FRAME_TOO_LARGE("frame_too_large"),
  /** Binary frames are not part of {@code switchboard.v1}. */
  BINARY_NOT_SUPPORTED("binary_not_supported"),
  /** The room name is not {@code namespace:rest}, or names the reserved {@code user:} namespace. */
  INVALID_ROOM("invalid_room"),
  /** The room's namespace is not configured. */
  UNKNOWN_NAMESPACE("unknown_namespace"),
  /** The namespace policy does not let this connection do that. */
  FORBIDDEN("forbidden"),
  /** The connection is in {@code client.maxRooms} rooms already. */
  TOO_MANY_ROOMS("too_many_rooms"),
  /** The connection sends faster than {@code client.ratePerSecond}; the frame was not processed. */
  RATE_LIMITED("rate_limited"),
  /** The event buffer toward the broker is full; the publication was not made. */
  BUFFER_FULL("buffer_full"),
  /**
   * A {@code join} overtaken by a {@code leave} of the same room before its {@code joined} was
   * sent: the join was undone, the connection is not in the room.
   */
  CANCELLED("cancelled"),
  /** An engine (store, pub/sub) failed or is unreachable; the request had no effect. */
  UNAVAILABLE("unavailable"),
  /** The token is missing, expired, forged or not acceptable (sent before close 4001). */
  UNAUTHORIZED("unauthorized");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  /** The snake_case name sent in the {@code code} field. */
  public String wire() {
    return wire;
  }
}
