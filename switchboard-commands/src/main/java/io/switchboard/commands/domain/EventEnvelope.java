package io.switchboard.commands.domain;

import io.switchboard.core.store.EventMetadata;
import io.vertx.core.json.JsonObject;

/**
 * An appended event as projections and room feeds see it (SPEC C2).
 *
 * @param stream its stream, {@code <aggregate>-<id>}
 * @param version its number in the stream, from 1
 * @param id its unique id (the broker message id when published)
 * @param type its type
 * @param data its data
 * @param metadata command id, user, correlation and causation ids
 * @param time when it was written, epoch milliseconds
 */
public record EventEnvelope(
    String stream,
    long version,
    String id,
    String type,
    JsonObject data,
    EventMetadata metadata,
    long time) {

  /** The aggregate id: the stream after its first {@code -} (the whole stream without one). */
  public String aggregateId() {
    int dash = stream.indexOf('-');
    return dash < 0 ? stream : stream.substring(dash + 1);
  }
}
