package io.switchboard.commands.events;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.projection.ProjectionApplier;
import io.switchboard.commands.projection.TxDocs;
import io.switchboard.commands.wire.EventMessage;
import io.switchboard.commands.wire.Topology;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes events the way both the command handler and the streams API do (issue 8 point 3: "append
 * the events, the outbox rows and the projection updates in one transaction"): within the caller's
 * transaction, appends with the expected version, applies the projections (live path of {@link
 * ProjectionApplier}) and writes one outbox message per event ({@link EventMessage}, ordered by
 * stream).
 */
public final class EventWriter {
  private final ProjectionApplier applier;
  private final Topology topology;

  /**
   * @param applier the projections
   * @param topology where the events are published (its events exchange)
   */
  public EventWriter(ProjectionApplier applier, Topology topology) {
    this.applier = applier;
    this.topology = topology;
  }

  /**
   * Writes {@code events} to {@code stream} within {@code tx}.
   *
   * @param expectedVersion the stream's version the events were decided on (0: new stream)
   * @param events one or more events, in order, with ids new to the store
   * @return the events as appended (versions {@code expectedVersion + 1 …}), once every write is
   *     given to the transaction; the commit fails with {@code AppendConflictException} if the
   *     stream moved on, or {@code DocumentConflictException} if a projection document did
   */
  public Future<List<EventEnvelope>> write(
      StoreTransaction tx, String stream, long expectedVersion, List<NewEvent> events) {
    tx.append(stream, expectedVersion, events);
    long now = System.currentTimeMillis();
    List<EventEnvelope> appended = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      NewEvent e = events.get(i);
      appended.add(
          new EventEnvelope(
              stream,
              expectedVersion + i + 1,
              e.id(),
              e.type(),
              new JsonObject(e.data()),
              e.metadata(),
              now));
    }
    TxDocs docs = new TxDocs(tx);
    return applier
        .live(tx, docs, appended)
        .map(
            v -> {
              docs.flush();
              appended.forEach(e -> tx.outbox(EventMessage.of(e, topology), stream));
              return appended;
            });
  }
}
