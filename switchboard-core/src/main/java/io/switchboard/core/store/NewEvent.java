package io.switchboard.core.store;

import java.util.Objects;

/**
 * An event to append (issue 8).
 *
 * @param id a unique id chosen by the writer (a UUID), used as the broker {@code message-id} when
 *     the event is published, so consumers can drop duplicates; a store refuses to append an id it
 *     holds already ({@link AppendConflictException})
 * @param type the event type, e.g. {@code card.added}
 * @param data the event's JSON text (an object)
 * @param metadata where it comes from
 */
public record NewEvent(String id, String type, String data, EventMetadata metadata) {
  /**
   * @throws NullPointerException if a component is null
   */
  public NewEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metadata, "metadata");
  }
}
