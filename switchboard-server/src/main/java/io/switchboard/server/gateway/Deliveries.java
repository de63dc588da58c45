package io.switchboard.server.gateway;

import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.Publication;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.room.Namespaces;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivers what the node receives on its pub/sub channels (SPEC C1): publications and presence
 * changes and large rooms' counts ({@link PresenceCounts}) to the room's local members,
 * notifications and disconnects to the user's local connections, and an interrupted room channel to
 * the room's resync ({@link LocalRoom}). Each frame is encoded once and the same bytes go to every
 * recipient.
 */
final class Deliveries {
  private final LocalRooms rooms;
  private final LocalUsers users;
  private final GatewayMetrics metrics;
  private final Namespaces namespaces;
  private final PresenceCounts counts;
  private final Map<String, Consumer<String>> relays = new ConcurrentHashMap<>();

  Deliveries(
      LocalRooms rooms,
      LocalUsers users,
      GatewayMetrics metrics,
      Namespaces namespaces,
      PresenceCounts counts) {
    this.rooms = rooms;
    this.users = users;
    this.metrics = metrics;
    this.namespaces = namespaces;
    this.counts = counts;
  }

  /** Registers the one handler of a capability's relay channel ({@link Gateway#relay}). */
  void relay(String channel, Consumer<String> handler) {
    if (relays.putIfAbsent(channel, handler) != null) {
      throw new IllegalStateException("relay channel " + channel + " has a handler already");
    }
  }

  /** The node's pub/sub listener; must not block. */
  void onMessage(String channel, BusMessage message) {
    if (message instanceof BusMessage.Relay r) {
      Consumer<String> handler = relays.get(channel);
      if (handler != null) {
        handler.accept(r.payload());
      }
    } else if (message instanceof BusMessage.PublicationMessage m) {
      publication(m.publication(), m.epoch());
    } else if (message instanceof BusMessage.Interrupted) {
      // a room's members are checked against its history; a user's notifications are
      // at-most-once and cannot be re-read
      LocalRoom room = rooms.get(channel);
      if (room != null) {
        room.interrupted();
      }
    } else if (message instanceof BusMessage.PresenceCount m) {
      LocalRoom room = rooms.get(m.room());
      NamespaceConfig config = namespaces.resolve(m.room()).config();
      if (room != null && config != null) {
        counts.received(room, config, m.count());
      }
    } else if (message instanceof BusMessage.PresenceChange m) {
      LocalRoom room = rooms.get(m.room());
      if (room != null) {
        byte[] json = Frames.presenceChange(m);
        room.broadcast(WireFrames.text(json, true), json.length, m.entry().connection());
      }
    } else if (message instanceof BusMessage.Notification m) {
      var frame = WireFrames.text(Frames.notification(m.event(), m.data()), false);
      users.connections(m.user()).forEach(c -> c.sendWire(frame));
    } else if (message instanceof BusMessage.Disconnect m) {
      users.connections(m.user()).forEach(c -> c.close(CloseCode.DISCONNECTED));
    }
  }

  private void publication(Publication p, String epoch) {
    LocalRoom room = rooms.get(p.room());
    if (room == null) {
      return;
    }
    byte[] json = Frames.event(p);
    room.deliver(p, epoch, WireFrames.text(json, true), json.length);
    metrics.delivered(System.currentTimeMillis() - p.ts());
  }
}
