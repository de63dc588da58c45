package io.switchboard.agent.link;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A tunnel frame (SPEC C4, seed 000's {@code Event}): {@code {"id": "<string>", "project_id": "p",
 * "type": "<type>", "data": <any JSON>}}, the reply carrying the same {@code id}, {@code
 * project_id} and {@code type} plus its own {@code data} and, on failure, {@code "error": {"code",
 * "message"}}.
 *
 * @param id the request id: a non-empty string (a number is kept as sent)
 * @param projectId the project, or {@code null} when the node left it out
 * @param type the request type, or {@code null} when missing
 * @param data the request data as decoded by Vert.x ({@link JsonObject}, {@link
 *     io.vertx.core.json.JsonArray}, {@link String}, {@link Number}, {@link Boolean} or {@code
 *     null})
 */
public record Envelope(Object id, String projectId, String type, Object data) {

  /**
   * Reads one text frame.
   *
   * @param text the frame
   * @return the envelope, or empty when the frame is not a JSON object or has no usable {@code id}
   *     (the {@code welcome} frame, garbage): the agent ignores those
   */
  public static Optional<Envelope> parse(String text) {
    return decode(text).flatMap(Envelope::of);
  }

  /**
   * @param text a text frame
   * @return the frame as a JSON object, or empty when it is not valid JSON or not an object
   */
  public static Optional<JsonObject> decode(String text) {
    try {
      return Json.decodeValue(text) instanceof JsonObject json
          ? Optional.of(json)
          : Optional.empty();
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  /**
   * @param json a decoded frame
   * @return the envelope, or empty when {@code id} is missing, empty or not a string or integer
   */
  public static Optional<Envelope> of(JsonObject json) {
    Object id = json.getValue("id");
    boolean usable =
        (id instanceof String s && !s.isEmpty()) || id instanceof Integer || id instanceof Long;
    if (!usable) {
      return Optional.empty();
    }
    Object project = json.getValue("project_id");
    Object type = json.getValue("type");
    return Optional.of(
        new Envelope(
            id,
            project instanceof String p ? p : null,
            type instanceof String t ? t : null,
            json.getValue("data")));
  }

  /**
   * @param replyData the reply's {@code data} (any JSON value, {@code null} allowed)
   * @return the reply frame {@code {id, project_id, type, data}}
   */
  public JsonObject reply(Object replyData) {
    JsonObject out = new JsonObject().put("id", id);
    if (projectId != null) {
      out.put("project_id", projectId);
    }
    if (type != null) {
      out.put("type", type);
    }
    return out.put("data", replyData);
  }

  /**
   * @param code the error code, e.g. {@code unknown_type} (docs/agent.md lists them)
   * @param message a human-readable reason, never a secret
   * @return the reply frame with {@code data: null} and {@code error: {code, message}}
   */
  public JsonObject failure(String code, String message) {
    return reply(null).put("error", new JsonObject().put("code", code).put("message", message));
  }
}
