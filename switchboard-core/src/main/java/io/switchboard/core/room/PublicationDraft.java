package io.switchboard.core.room;

import java.util.Objects;

/**
 * A publication before the engine has given it an offset.
 *
 * @param event the event name
 * @param data the payload as raw JSON text
 * @param from the publisher's user id, or {@code null} for the server
 */
public record PublicationDraft(String event, String data, String from) {
  public PublicationDraft {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
  }

  /** The publication this draft becomes at {@code offset}, stamped {@code ts} (epoch ms). */
  public Publication at(String room, long offset, long ts) {
    return new Publication(room, offset, event, data, from, ts);
  }
}
