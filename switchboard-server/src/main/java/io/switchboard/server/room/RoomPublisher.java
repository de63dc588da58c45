package io.switchboard.server.room;

import io.switchboard.core.JsonStrings;
import io.switchboard.core.Ports;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.EventBuffer;
import io.switchboard.core.room.Publication;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.core.room.RoomName;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotCodec;
import io.switchboard.server.config.ForwardConfig;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one publish path, shared by the WebSocket {@code publish} command and the server API
 * (SPEC C1): append and fan out through the engine, then replace the room snapshot when the
 * event name is a snapshot event, then forward through the event buffer when the namespace
 * says so.
 */
public final class RoomPublisher {
  private final Ports ports;
  private final Namespaces namespaces;
  private final EventBuffer buffer;

  /** Wires the publish path. */
  public RoomPublisher(Ports ports, Namespaces namespaces, EventBuffer buffer) {
    this.ports = ports;
    this.namespaces = namespaces;
    this.buffer = buffer;
  }

  /**
   * Publishes to a resolved room.
   *
   * @return the publication with its offset; failed with {@link RequestException} ({@code
   *     buffer_full}) when the namespace forwards and the buffer is full, or with the engine's
   *     error (nothing published)
   */
  public Future<Publication> publish(String room, NamespaceConfig config, PublicationDraft draft) {
    try {
      Requests.eventName(draft.event());
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
    ForwardConfig forward = config.forward();
    if (forward != null && buffer.isFull()) {
      return Future.failedFuture(new RequestException(ErrorCode.BUFFER_FULL,
          "the event buffer toward the broker is full; retry later"));
    }
    return ports.history().publish(room, draft, namespaces.historyOf(room)).map(p -> {
      if (config.snapshotEvents().contains(p.event())) {
        ports.snapshots().put(room, new Snapshot(p.event(), p.offset(), SnapshotCodec.ENCODING,
            SnapshotCodec.compress(p.data()), p.ts()), config.snapshotTtl());
      }
      if (forward != null) {
        buffer.offer(forwarded(forward, p));
      }
      return p;
    });
  }

  /**
   * Replaces a room's snapshot with {@code data} at the stream's current offset (server API).
   *
   * @return the offset the snapshot was stored at
   */
  public Future<Long> putSnapshot(String room, NamespaceConfig config, String event, String data) {
    return ports.history().read(room, Long.MAX_VALUE).compose(page -> {
      long offset = page.position().offset();
      Snapshot s = new Snapshot(event, offset, SnapshotCodec.ENCODING, SnapshotCodec.compress(data),
          System.currentTimeMillis());
      return ports.snapshots().put(room, s, config.snapshotTtl()).map(offset);
    });
  }

  private static BrokerMessage forwarded(ForwardConfig forward, Publication p) {
    String key = forward.routingKey()
        .replace("{room}", p.room())
        .replace("{namespace}", RoomName.namespace(p.room()))
        .replace("{event}", p.event());
    String body = "{\"pattern\":" + JsonStrings.quote(p.event()) + ",\"data\":" + p.data() + "}";
    Map<String, String> headers = p.from() == null
        ? Map.of("room", p.room(), "offset", Long.toString(p.offset()))
        : Map.of("room", p.room(), "offset", Long.toString(p.offset()), "from", p.from());
    return new BrokerMessage(forward.exchange(), key, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
