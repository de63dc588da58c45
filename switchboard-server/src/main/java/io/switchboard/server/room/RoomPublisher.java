package io.switchboard.server.room;

import io.switchboard.core.JsonStrings;
import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.EventBuffer;
import io.switchboard.core.broker.EventBuffer.Reservation;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import io.switchboard.server.config.ForwardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one publish path, shared by the WebSocket {@code publish} command, the server API and the
 * backend consumer (SPEC C1): append and fan out through the engine, then forward through the event
 * buffer when the namespace says so, then replace the room snapshot when the event name is a
 * snapshot event. The snapshot write is not waited for, and its failure is not reported (the next
 * snapshot event writes it again). Thread-safe.
 *
 * <p>In a forwarding namespace everything the forward needs is settled before the append (issue 7
 * part 2, point 1): the routing key is filled and checked ({@link ForwardKeys}), and a slot is
 * reserved in the event buffer; the slot is filled once the publication has its offset, or given
 * back if the append fails. So a publication is either refused ({@code bad_request}, {@code
 * buffer_full}) with nothing appended, or appended and forwarded.
 */
public final class RoomPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(RoomPublisher.class);

  private final Ports ports;
  private final Namespaces namespaces;
  private final EventBuffer buffer;

  /**
   * Wires the publish path.
   *
   * @param ports the engine ports (history and snapshots are used)
   * @param namespaces the room policy (history options)
   * @param buffer the node's event buffer toward the broker
   */
  public RoomPublisher(Ports ports, Namespaces namespaces, EventBuffer buffer) {
    this.ports = ports;
    this.namespaces = namespaces;
    this.buffer = buffer;
  }

  /**
   * Publishes to a resolved room. The future completes on the thread the engine completes it on.
   *
   * @param room a valid room name
   * @param config its namespace's policy (from {@link Namespaces#require}); access is the caller's
   *     business
   * @param draft the event, data and publisher ({@code null} for the server)
   * @return the publication with its offset; failed with {@link RequestException}, nothing
   *     published: {@code bad_request} for an event name over {@value Requests#MAX_EVENT_LENGTH}
   *     characters or, when the namespace forwards, one {@link ForwardKeys} refuses; {@code
   *     buffer_full} when the namespace forwards and the event buffer has no room; or with the
   *     engine's error
   */
  public Future<Publication> publish(String room, NamespaceConfig config, PublicationDraft draft) {
    ForwardConfig forward = config.forward();
    String key;
    try {
      Requests.eventName(draft.event());
      key = forward == null ? null : ForwardKeys.routingKey(forward, room, draft.event());
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
    if (forward == null) {
      return append(room, draft).map(p -> snapshot(config, p));
    }
    Reservation slot = buffer.tryReserve().orElse(null);
    if (slot == null) {
      return Future.failedFuture(
          new RequestException(
              ErrorCode.BUFFER_FULL, "the event buffer toward the broker is full; retry later"));
    }
    return append(room, draft)
        .map(
            p -> {
              if (!slot.offer(
                  forwarded(forward, key, p))) { // cannot happen: the slot is ours alone
                LOG.error(
                    "publication {}@{} not forwarded: its event buffer slot was already used",
                    p.room(),
                    p.offset());
              }
              return snapshot(config, p);
            })
        .onComplete(ar -> slot.release()); // a no-op once offered
  }

  private Future<Publication> append(String room, PublicationDraft draft) {
    try {
      return ports.history().publish(room, draft, namespaces.historyOf(room));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Publication snapshot(NamespaceConfig config, Publication p) {
    if (config.snapshotEvents().contains(p.event())) {
      ports
          .snapshots()
          .put(
              p.room(),
              new Snapshot(
                  p.event(),
                  p.offset(),
                  SnapshotCodec.ENCODING,
                  SnapshotCodec.compress(p.data()),
                  p.ts()),
              config.snapshotTtl());
    }
    return p;
  }

  /**
   * Replaces a room's snapshot with {@code data} at the stream's current offset (server API),
   * stamped with this node's clock. A newer snapshot already stored (a snapshot event published
   * meanwhile) is kept, and that is not reported.
   *
   * @param room a valid room name
   * @param config its namespace's policy ({@code snapshotTtl})
   * @param event the snapshot's event name
   * @param data raw JSON text, compressed with gzip
   * @return the stream offset read for the snapshot (0 for a room never published to), also when
   *     the store kept a newer one instead; failed with the engine's error
   */
  public Future<Long> putSnapshot(String room, NamespaceConfig config, String event, String data) {
    return ports
        .history()
        .read(room, Long.MAX_VALUE)
        .compose(
            page -> {
              long offset = page.position().offset();
              Snapshot s =
                  new Snapshot(
                      event,
                      offset,
                      SnapshotCodec.ENCODING,
                      SnapshotCodec.compress(data),
                      System.currentTimeMillis());
              return ports.snapshots().put(room, s, config.snapshotTtl()).map(offset);
            });
  }

  private static BrokerMessage forwarded(ForwardConfig forward, String key, Publication p) {
    String body = "{\"pattern\":" + JsonStrings.quote(p.event()) + ",\"data\":" + p.data() + "}";
    Map<String, String> headers =
        p.from() == null
            ? Map.of("room", p.room(), "offset", Long.toString(p.offset()))
            : Map.of("room", p.room(), "offset", Long.toString(p.offset()), "from", p.from());
    return new BrokerMessage(
        forward.exchange(), key, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
