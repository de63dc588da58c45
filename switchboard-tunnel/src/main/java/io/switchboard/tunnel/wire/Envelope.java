package io.switchboard.tunnel.wire;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The seed-000 envelope (SPEC C4): {@code {id, project_id, type, data}}, plus {@code error {code,
 * message}} on a reply that reports a failure. A request to a controller carries the first four; a
 * controller's reply repeats {@code id}, {@code project_id} and {@code type}.
 *
 * @param id the request id the node assigned (a UUID)
 * @param projectId the project
 * @param type the request type, any non-empty text the controller understands
 * @param data any JSON value, as JSON text ({@code null} for none)
 * @param errorCode the reported error's code, or {@code null}
 * @param errorMessage the reported error's message, or {@code null}
 */
public record Envelope(
    String id, String projectId, String type, Object data, String errorCode, String errorMessage) {

  /** Project ids: 1 to 200 of letters, digits and {@code _ . : @ -} (no {@code /}, no spaces). */
  public static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,200}");

  /** A request: no error. */
  public static Envelope request(String id, String projectId, String type, Object data) {
    return new Envelope(
        Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(projectId, "projectId"),
        type,
        data,
        null,
        null);
  }

  /** A failure the node reports itself (no controller, controller gone, …). */
  public static Envelope failure(Envelope request, String code, String message) {
    return new Envelope(request.id, request.projectId, request.type, null, code, message);
  }

  /**
   * Reads a controller's frame.
   *
   * @param text one JSON object
   * @return the envelope; {@code type} and {@code data} may be null
   * @throws IllegalArgumentException if the text is not a JSON object, or {@code id} or {@code
   *     project_id} is missing or not a string
   */
  public static Envelope parse(String text) {
    JsonObject j;
    try {
      j = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return from(j);
  }

  /**
   * Reads an envelope from its JSON object.
   *
   * @throws IllegalArgumentException if {@code id} or {@code project_id} is missing or not a string
   */
  public static Envelope from(JsonObject j) {
    if (j == null) {
      throw new IllegalArgumentException("no envelope");
    }
    Object id = j.getValue("id");
    Object project = j.getValue("project_id");
    if (!(id instanceof String) || !(project instanceof String)) {
      throw new IllegalArgumentException("id and project_id must be strings");
    }
    Object type = j.getValue("type");
    JsonObject error = j.getValue("error") instanceof JsonObject e ? e : null;
    return new Envelope(
        (String) id,
        (String) project,
        type instanceof String t ? t : null,
        j.getValue("data"),
        error == null ? null : String.valueOf(error.getValue("code")),
        error == null ? null : error.getString("message", ""));
  }

  /** The envelope as a JSON object: {@code id, project_id, type, data} and {@code error} if any. */
  public JsonObject toJson() {
    JsonObject j =
        new JsonObject()
            .put("id", id)
            .put("project_id", projectId)
            .put("type", type)
            .put("data", data);
    if (errorCode != null) {
      j.put("error", new JsonObject().put("code", errorCode).put("message", errorMessage));
    }
    return j;
  }
}
