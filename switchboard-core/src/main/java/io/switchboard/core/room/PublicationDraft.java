package io.switchboard.core.room;

import java.util.Objects;

/**
 * A publication before the engine has given it an offset (the input of {@link
 * RoomHistory#publish}).
 *
 * @param event the event name; its length (1 to 128 characters) and, in a forwarding namespace, its
 *     form are checked by the server's publish path, not here
 * @param data the payload as raw JSON text (the text {@code null} for none), never parsed here
 * @param from the publisher's user id, or {@code null} for the server API, the backend consumer or
 *     an anonymous connection
 */
public record PublicationDraft(String event, String data, String from) {
  /**
   * @throws NullPointerException if {@code event} or {@code data} is null
   */
  public PublicationDraft {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
  }

  /**
   * The publication this draft becomes once the engine assigned its place.
   *
   * @param room the room name
   * @param offset the assigned offset, 1 or more
   * @param ts the time the offset was assigned, epoch milliseconds
   * @return the publication
   * @throws IllegalArgumentException if {@code offset} is below 1
   */
  public Publication at(String room, long offset, long ts) {
    return new Publication(room, offset, event, data, from, ts);
  }
}
