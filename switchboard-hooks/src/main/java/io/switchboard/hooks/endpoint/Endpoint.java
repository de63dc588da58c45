package io.switchboard.hooks.endpoint;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A registered webhook endpoint (issue 11 point 3).
 *
 * @param id {@code wh_} and 32 hex digits
 * @param url where signals are POSTed, http or https
 * @param events the signal types it wants: exact ({@code workflow.completed}), a prefix with a
 *     trailing {@code *} ({@code workflow.*}), or {@code *} for all
 * @param secret the HMAC-SHA256 key of its signatures (its UTF-8 bytes); stored as given because it
 *     is needed to sign, shown once at registration, never logged
 * @param createdAt epoch milliseconds
 */
public record Endpoint(String id, String url, List<String> events, String secret, long createdAt) {

  /** Copies {@code events}. */
  public Endpoint {
    events = List.copyOf(events);
  }

  /** Whether a signal of {@code type} goes to this endpoint. */
  public boolean wants(String type) {
    return matches(events, type);
  }

  /**
   * Whether {@code type} matches one of {@code patterns}: equal, or starting with a pattern's text
   * before its trailing {@code *}.
   */
  public static boolean matches(List<String> patterns, String type) {
    for (String p : patterns) {
      if (p.endsWith("*") ? type.startsWith(p.substring(0, p.length() - 1)) : p.equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** The stored document, secret included. */
  JsonObject toStored() {
    return publicJson().put("secret", secret);
  }

  /** The API view: {@code {id, url, events, created_at}}, without the secret. */
  public JsonObject publicJson() {
    return new JsonObject()
        .put("id", id)
        .put("url", url)
        .put("events", new JsonArray(events))
        .put("created_at", createdAt);
  }

  /** An endpoint from its stored document. */
  static Endpoint fromStored(JsonObject j) {
    return new Endpoint(
        j.getString("id"),
        j.getString("url"),
        j.getJsonArray("events", new JsonArray()).stream().map(String::valueOf).toList(),
        j.getString("secret"),
        j.getLong("created_at", 0L));
  }

  /** The secret is never printed. */
  @Override
  public String toString() {
    return "Endpoint[" + id + " " + events + "]";
  }
}
