package io.switchboard.core.store;

import io.switchboard.core.broker.BrokerMessage;
import java.util.Objects;

/**
 * A message written to the outbox, waiting to be published ({@link Store#pendingOutbox}).
 *
 * @param id the entry's id, for {@link Store#markPublished}
 * @param message what to publish; its {@code messageId} is the writer's (an event or command id)
 */
public record OutboxEntry(long id, BrokerMessage message) {
  /**
   * @throws NullPointerException if {@code message} is null
   */
  public OutboxEntry {
    Objects.requireNonNull(message, "message");
  }
}
