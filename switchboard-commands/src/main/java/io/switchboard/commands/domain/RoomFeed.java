package io.switchboard.commands.domain;

import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes a projection document to a room after the events that changed it (SPEC C2 with C1; seed
 * 003's board snapshot): after a command is applied, for each of its events of the projection's
 * types, the document {@code key(event)} of the active version is published to {@code room(event)}
 * as {@code event}, once per room and command, through the room publish path (so a namespace whose
 * {@code snapshotEvents} name {@code event} keeps it as the room snapshot).
 *
 * @param projection the projection name
 * @param event the publication's event name, e.g. {@code board.update}
 * @param room the room of an event, e.g. {@code board:<id>}
 * @param key the document key of an event, e.g. the board id
 */
public record RoomFeed(
    String projection,
    String event,
    Function<EventEnvelope, String> room,
    Function<EventEnvelope, String> key) {
  /**
   * @throws NullPointerException for a null component
   */
  public RoomFeed {
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(key, "key");
  }
}
