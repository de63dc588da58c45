package io.switchboard.server.room;

import io.vertx.core.json.JsonObject;

/**
 * Field checks shared by every way a request reaches the gateway: WebSocket frames (SPEC C1 "Client
 * → server"), server API bodies and broker deliveries. Each failure is a {@link RequestException}
 * with {@link ErrorCode#BAD_REQUEST} that names the field.
 */
public final class Requests {
  /** Longest accepted event name, in characters. */
  public static final int MAX_EVENT_LENGTH = 128;

  private Requests() {}

  /**
   * A required non-empty string field of a JSON object.
   *
   * @param body the request body
   * @param field the field name
   * @return the value
   * @throws RequestException {@code bad_request} naming the field
   */
  public static String requireString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST, "field '" + field + "' must be a non-empty string");
    }
    return s;
  }

  /**
   * Checks a publication's event name: at most {@value #MAX_EVENT_LENGTH} characters (callers have
   * already refused an empty one).
   *
   * @param event the event name, not null
   * @return {@code event}
   * @throws RequestException {@code bad_request} when it is longer
   */
  public static String eventName(String event) {
    if (event.length() > MAX_EVENT_LENGTH) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST, "event name longer than " + MAX_EVENT_LENGTH);
    }
    return event;
  }
}
