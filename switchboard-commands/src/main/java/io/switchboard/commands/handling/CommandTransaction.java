package io.switchboard.commands.handling;

import io.switchboard.commands.domain.Decision;
import io.switchboard.commands.domain.EventDraft;
import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.events.EventWriter;
import io.switchboard.commands.wire.CommandMessage;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * The one transaction of a handled command (issue 8 point 3): the events with the expected version,
 * the projections and the outbox ({@link EventWriter}), the command record (applied with the new
 * version, or rejected with the reason) and the inbox marker {@code commands.inbox/<id>}, put only
 * if absent, so a command is handled once however often it is delivered. Event metadata: the
 * command id, its user, its correlation id and the command as causation; nothing else (no token).
 */
public final class CommandTransaction {
  private final Store store;
  private final EventWriter writer;

  /**
   * What a committed transaction wrote.
   *
   * @param record the command record with its outcome
   * @param events the events appended (empty for a rejection or a decision without events)
   */
  public record Done(JsonObject record, List<EventEnvelope> events) {}

  /**
   * @param store the store
   * @param writer writes events with projections and outbox
   */
  public CommandTransaction(Store store, EventWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  /**
   * Writes a decision taken on the stream at {@code version}.
   *
   * @return what was committed; failed with a {@code StoreConflictException} (a version or document
   *     conflict, or the inbox marker present: handled elsewhere) or the store's error
   */
  public Future<Done> write(CommandMessage c, JsonObject record, Decision decision, long version) {
    return store.transaction(
        tx -> {
          Future<List<EventEnvelope>> events;
          JsonObject outcome;
          if (decision instanceof Decision.Accepted a && !a.events().isEmpty()) {
            EventMetadata meta = new EventMetadata(c.id(), c.user(), c.correlationId(), c.id());
            List<NewEvent> news = a.events().stream().map(d -> newEvent(d, meta)).toList();
            events = writer.write(tx, c.stream(), version, news);
            outcome = CommandRecords.applied(record, version + news.size());
          } else if (decision instanceof Decision.Rejected r) {
            events = Future.succeededFuture(List.of());
            outcome = CommandRecords.rejected(record, r.reason());
          } else {
            events = Future.succeededFuture(List.of());
            outcome = CommandRecords.applied(record, version);
          }
          return events.map(
              appended -> {
                tx.put(CommandRecords.COMMANDS, c.id(), outcome.encode());
                tx.put(CommandRecords.INBOX, c.id(), "{}", 0);
                return new Done(outcome, appended);
              });
        });
  }

  private static NewEvent newEvent(EventDraft d, EventMetadata meta) {
    return new NewEvent(UUID.randomUUID().toString(), d.type(), d.data().encode(), meta);
  }
}
