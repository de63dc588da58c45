package io.switchboard.commands.domain;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event a handler decided (SPEC C2): its type and data; the node gives it an id, a version and
 * metadata when it appends it.
 *
 * @param type dot-separated words of {@code a-z A-Z 0-9 _ -}, at most 128 characters, e.g. {@code
 *     card.added}; it becomes the end of the routing key {@code <aggregate>.<type>} on {@code
 *     switchboard.events}
 * @param data the event's data, a JSON object (copied)
 */
public record EventDraft(String type, JsonObject data) {
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  /**
   * @throws IllegalArgumentException if {@code type} is not a valid event type
   * @throws NullPointerException if {@code data} is null
   */
  public EventDraft {
    if (!validType(type)) {
      throw new IllegalArgumentException("not an event type: " + type);
    }
    data = Objects.requireNonNull(data, "data").copy();
  }

  /**
   * Whether {@code type} may name an event: dot-separated words of {@code a-z A-Z 0-9 _ -}, at most
   * 128 characters.
   */
  public static boolean validType(String type) {
    return type != null && type.length() <= 128 && TYPE.matcher(type).matches();
  }
}
