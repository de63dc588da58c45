package io.switchboard.commands.outcome;

import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.domain.Projection;
import io.switchboard.commands.domain.RoomFeed;
import io.switchboard.commands.events.CommandRecords;
import io.switchboard.commands.projection.ProjectionState;
import io.switchboard.commands.projection.Sequential;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.store.Store;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RoomPublisher;
import io.switchboard.server.signal.Signal;
import io.switchboard.server.signal.Signals;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the world a command's outcome after its transaction committed (SPEC C2; issue 8 point 6 and
 * 7): first the room feeds (each changed document published once to its room, e.g. {@code
 * board.update} to {@code board:<id>}), then a {@code notification} to every socket of the user, on
 * any node ({@link Gateway#notify}): {@code command.applied {commandId, type, stream, version}} or
 * {@code command.rejected {commandId, type, stream, reason}}. Both are sent after the commit and
 * before the command is acknowledged, so a node that dies in between leaves the command to be
 * redelivered, and the redelivery sends them again ({@link #resend}); a failure to send is logged
 * and counted, not retried (pub/sub is at most once). Each report also emits the signal of the same
 * name ({@link Signals}; issue 11 point 3) with the notification's data, subject the command id:
 * its id is derived from the command id, so a redelivery's second report carries the same id.
 */
public final class Outcomes {
  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

  private final Store store;
  private final Gateway gateway;
  private final RoomPublisher publisher;
  private final Namespaces namespaces;
  private final Domain domain;
  private final Signals signals;

  /**
   * @param store where projection documents are read
   * @param gateway notifications
   * @param publisher the room publish path
   * @param namespaces room policy
   * @param domain the registered feeds and projections
   * @param signals where {@code command.applied} and {@code command.rejected} are emitted
   */
  public Outcomes(
      Store store,
      Gateway gateway,
      RoomPublisher publisher,
      Namespaces namespaces,
      Domain domain,
      Signals signals) {
    this.store = store;
    this.gateway = gateway;
    this.publisher = publisher;
    this.namespaces = namespaces;
    this.domain = domain;
    this.signals = signals;
  }

  /**
   * Publishes the feeds of {@code events} and notifies the command's user.
   *
   * @param record the command record with its outcome
   * @param events the events appended (empty for a rejection)
   * @return completes when both were handed over; never fails
   */
  public Future<Void> report(JsonObject record, List<EventEnvelope> events) {
    return publish(events).compose(v -> notifyUser(record));
  }

  /**
   * Sends a handled command's outcome again (a redelivered command): the feeds of its last event,
   * read from its stream, and the notification.
   *
   * @return completes when done; never fails
   */
  public Future<Void> resend(JsonObject record) {
    if (!CommandRecords.APPLIED.equals(record.getString("status"))) {
      return notifyUser(record);
    }
    long version = record.getLong("version", 0L);
    return store
        .readStream(record.getString("stream"), Math.max(0, version - 1), 1)
        .map(list -> list.stream().map(io.switchboard.commands.projection.Envelopes::of).toList())
        .otherwise(List.of())
        .compose(events -> report(record, events));
  }

  private Future<Void> notifyUser(JsonObject record) {
    boolean applied = CommandRecords.APPLIED.equals(record.getString("status"));
    JsonObject data =
        new JsonObject()
            .put("commandId", record.getString("id"))
            .put("type", record.getString("type"))
            .put("stream", record.getString("stream"));
    if (applied) {
      data.put("version", record.getLong("version"));
    } else {
      data.put("reason", record.getString("reason"));
    }
    String event = applied ? "command.applied" : "command.rejected";
    signals.emit(
        Signal.of(event, record.getString("id"), "", record.getString("user"), data.copy()));
    return gateway
        .notify(record.getString("user"), event, data.encode())
        .onFailure(
            e -> LOG.warn("{} of {} not sent: {}", event, record.getString("id"), e.toString()))
        .otherwiseEmpty();
  }

  /**
   * Publishes the room feeds of {@code events}: each (room, document) they changed once, in order
   * of first change (also used for events appended over the streams API without a command).
   *
   * @return completes when handed over; never fails
   */
  public Future<Void> publish(List<EventEnvelope> events) {
    Map<String, Map.Entry<RoomFeed, EventEnvelope>> targets = new LinkedHashMap<>();
    for (RoomFeed f : domain.feeds()) {
      Projection p = domain.projection(f.projection());
      for (EventEnvelope e : events) {
        if (p.eventTypes().contains(e.type())) {
          targets.put(f.room().apply(e) + "\u0000" + f.event(), Map.entry(f, e));
        }
      }
    }
    return Sequential.each(
            targets.values(), t -> publishOne(t.getKey(), t.getValue()).otherwiseEmpty())
        .otherwiseEmpty();
  }

  private Future<Void> publishOne(RoomFeed f, EventEnvelope e) {
    String room = f.room().apply(e);
    return store
        .get(ProjectionState.COLLECTION, f.projection())
        .map(ProjectionState::of)
        .compose(
            s ->
                store.get(ProjectionState.collection(f.projection(), s.active()), f.key().apply(e)))
        .compose(
            doc -> {
              if (doc == null) {
                return Future.succeededFuture();
              }
              return publisher
                  .publish(
                      room,
                      namespaces.require(room),
                      new PublicationDraft(f.event(), doc.json(), null))
                  .mapEmpty();
            })
        .onFailure(x -> LOG.warn("{} to {} not published: {}", f.event(), room, x.toString()))
        .mapEmpty();
  }
}
