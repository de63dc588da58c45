package io.switchboard.commands.projection;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.core.store.RecordedEvent;
import io.vertx.core.json.JsonObject;

/** Stored events as projections see them. */
public final class Envelopes {
  private Envelopes() {}

  /** The envelope of a stored event (its data parsed). */
  public static EventEnvelope of(RecordedEvent e) {
    return new EventEnvelope(
        e.stream(),
        e.version(),
        e.id(),
        e.type(),
        new JsonObject(e.data()),
        e.metadata(),
        e.time());
  }
}
