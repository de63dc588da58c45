package io.switchboard.commands.http;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.events.EventWriter;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The transaction of an external append (issue 8 point 4): the events with projections and outbox
 * ({@link EventWriter}) and, when a command id names an accepted command of the stream, its record
 * marked applied and its inbox marker; retried a few times when a projection document conflicts
 * (the expected version still decides).
 */
final class StreamAppend {
  private static final int RETRIES = 5;

  private final Store store;
  private final EventWriter writer;

  /**
   * What was committed.
   *
   * @param version the stream's new version
   * @param events the events appended
   * @param command the command record marked applied, or {@code null}
   */
  record Done(long version, List<EventEnvelope> events, JsonObject command) {}

  StreamAppend(Store store, EventWriter writer) {
    this.store = store;
    this.writer = writer;
  }

  Future<Done> append(String stream, long expected, List<NewEvent> events, String commandId) {
    return attempt(stream, expected, events, commandId, 0);
  }

  private Future<Done> attempt(
      String stream, long expected, List<NewEvent> events, String commandId, int attempt) {
    return store
        .transaction(
            tx ->
                writer
                    .write(tx, stream, expected, events)
                    .compose(
                        appended -> {
                          long version = expected + events.size();
                          if (commandId == null) {
                            return Future.succeededFuture(new Done(version, appended, null));
                          }
                          return tx.get(CommandRecords.COMMANDS, commandId)
                              .map(
                                  doc -> {
                                    JsonObject r = doc == null ? null : new JsonObject(doc.json());
                                    if (r == null
                                        || CommandRecords.handled(r)
                                        || !stream.equals(r.getString("stream"))) {
                                      return new Done(version, appended, null);
                                    }
                                    JsonObject applied = CommandRecords.applied(r, version);
                                    tx.put(
                                        CommandRecords.COMMANDS,
                                        commandId,
                                        applied.encode(),
                                        doc.revision());
                                    tx.put(CommandRecords.INBOX, commandId, "{}", 0);
                                    return new Done(version, appended, applied);
                                  });
                        }))
        .recover(
            e ->
                e instanceof DocumentConflictException && attempt < RETRIES
                    ? attempt(stream, expected, events, commandId, attempt + 1)
                    : Future.failedFuture(e));
  }
}
