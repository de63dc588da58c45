package io.switchboard.core.room;

import java.util.Objects;

/**
 * One publication in a room's stream (SPEC C1, "event" frame).
 *
 * @param room the room name, {@code namespace:rest}
 * @param offset the position in the room's stream, assigned by {@link RoomHistory#publish}: 1 for
 *     the first publication of an epoch, then strictly increasing by one
 * @param event the event name chosen by the publisher (e.g. {@code board.update})
 * @param data the payload as raw JSON text (any JSON value; the text {@code null} when the
 *     publisher sent none); spliced into frames as it is, never re-parsed on fan-out
 * @param from the publisher's user id, {@code null} for the server API or an anonymous publisher
 * @param ts the time the offset was assigned, in epoch milliseconds
 */
public record Publication(
    String room, long offset, String event, String data, String from, long ts) {
  /**
   * @throws NullPointerException if {@code room}, {@code event} or {@code data} is null
   * @throws IllegalArgumentException if {@code offset} is below 1
   */
  public Publication {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
    if (offset < 1) {
      throw new IllegalArgumentException("offset must be >= 1, got " + offset);
    }
  }
}
