package io.switchboard.server.gateway;

import io.switchboard.core.JsonStrings;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.switchboard.server.room.Requests;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * One parsed client frame (SPEC C1 "Client → server"): its {@code type}, its {@code id} kept as
 * JSON text so the reply echoes it exactly (string or number), and typed field access that fails
 * with {@link ErrorCode#BAD_REQUEST} naming the field.
 */
public final class ClientRequest {
  private final JsonObject body;
  private final String type;
  private final String rawId;

  private ClientRequest(JsonObject body, String type, String rawId) {
    this.body = body;
    this.type = type;
    this.rawId = rawId;
  }

  /**
   * Parses a text frame.
   *
   * @param text the frame's text, at most {@code client.maxFrameBytes} bytes
   * @return the request
   * @throws RequestException {@code bad_request} for invalid JSON, a non-object or an id that is
   *     neither string nor number (or a number beyond a double's range); a missing or non-string
   *     {@code type} parses to a {@code null} {@link #type()}, which the dispatcher answers with
   *     {@code unknown_type}
   */
  public static ClientRequest parse(String text) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (RuntimeException e) {
      throw new RequestException(ErrorCode.BAD_REQUEST, "frame is not valid JSON");
    }
    if (!(value instanceof JsonObject body)) {
      throw new RequestException(ErrorCode.BAD_REQUEST, "frame must be a JSON object");
    }
    Object id = body.getValue("id");
    String rawId = null;
    if (id instanceof String || id instanceof Number) {
      rawId = json(finite(id, "id"));
    } else if (id != null) {
      throw new RequestException(ErrorCode.BAD_REQUEST, "id must be a string or a number");
    }
    Object type = body.getValue("type");
    if (type != null && !(type instanceof String)) {
      return new ClientRequest(body, null, rawId);
    }
    return new ClientRequest(body, (String) type, rawId);
  }

  /**
   * The command type.
   *
   * @return {@code type}, e.g. {@code join}; {@code null} when missing or not a string
   */
  public String type() {
    return type;
  }

  /**
   * The request id, to echo in the reply.
   *
   * @return {@code id} as JSON text (a quoted string or a number, as the client wrote it once
   *     re-encoded), or {@code null} without one
   */
  public String rawId() {
    return rawId;
  }

  /**
   * A required non-empty string field.
   *
   * @param field the field name
   * @return the value
   * @throws RequestException {@code bad_request} naming the field
   */
  public String requireString(String field) {
    return Requests.requireString(body, field);
  }

  /**
   * An optional non-empty string field.
   *
   * @param field the field name
   * @return the value, or {@code null} when absent or JSON {@code null}
   * @throws RequestException {@code bad_request} naming the field when it is not a non-empty string
   */
  public String optionalString(String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST, "field '" + field + "' must be a non-empty string");
    }
    return s;
  }

  /**
   * An optional whole-number field within {@code [min, max]} ({@code 5.0} is not whole).
   *
   * @param field the field name
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @param fallback the value when absent or JSON {@code null}
   * @return the value
   * @throws RequestException {@code bad_request} naming the field and the range otherwise
   */
  public int optionalInt(String field, int min, int max, int fallback) {
    Object v = body.getValue(field);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Integer || v instanceof Long)
        || ((Number) v).longValue() < min
        || ((Number) v).longValue() > max) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST,
          "field '" + field + "' must be a whole number from " + min + " to " + max);
    }
    return ((Number) v).intValue();
  }

  /**
   * An optional object field.
   *
   * @param field the field name
   * @return the object, or {@code null} when absent or JSON {@code null}
   * @throws RequestException {@code bad_request} naming the field when it is not an object
   */
  public JsonObject optionalObject(String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      throw new RequestException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be an object");
    }
    return o;
  }

  /**
   * Any JSON value of a field re-encoded as JSON text.
   *
   * @param field the field name
   * @return the JSON text; the text {@code null} (not a Java null) when absent
   * @throws RequestException {@code bad_request} naming the field when it is a number beyond a
   *     double's range ({@code 1e400}), which JSON text cannot carry on
   */
  public String rawJson(String field) {
    return json(finite(body.getValue(field), field));
  }

  /**
   * {@code value}, unless it is a number the parser made infinite ({@code 1e400}): written back it
   * would be {@code Infinity}, which is not JSON (found by FuzzIT, issue 7).
   */
  private static Object finite(Object value, String field) {
    if (value instanceof Double d && d.isInfinite() || value instanceof Float f && f.isInfinite()) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST, "field '" + field + "' is a number beyond a double's range");
    }
    return value;
  }

  /** A parsed JSON value as JSON text; strings, numbers and booleans without an ObjectMapper. */
  static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return JsonStrings.quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return Json.encode(value);
  }
}
