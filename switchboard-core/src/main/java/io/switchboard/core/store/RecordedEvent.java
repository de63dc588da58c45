package io.switchboard.core.store;

import java.util.Objects;

/**
 * An event as stored (issue 8).
 *
 * @param stream the stream (one aggregate), e.g. {@code board-8f1c…}
 * @param version its number in the stream: 1 for the first event, each next one plus one
 * @param position its place in the global order
 * @param id the writer's unique id
 * @param type the event type
 * @param data the JSON text the writer gave
 * @param metadata where it comes from
 * @param time when it was appended, epoch milliseconds (the store's clock)
 */
public record RecordedEvent(
    String stream,
    long version,
    Position position,
    String id,
    String type,
    String data,
    EventMetadata metadata,
    long time) {
  /**
   * @throws NullPointerException if a component is null
   */
  public RecordedEvent {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metadata, "metadata");
  }
}
