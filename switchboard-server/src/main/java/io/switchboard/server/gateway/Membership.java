package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaving a room, the same way for {@code leave}, a failed join and a closed connection: drop
 * the local member, release the room's channel, remove the presence entry and, when the
 * namespace broadcasts presence, tell the room (SPEC C1 "a disconnect removes the connection
 * from every room and broadcasts the presence leave").
 */
final class Membership {
  private final GatewayContext ctx;

  Membership(GatewayContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Removes {@code connection} from {@code room}; a no-op if it is not a member.
   *
   * @return completes when the presence entry is removed and the leave published (never fails)
   */
  Future<Void> leave(Connection connection, String room) {
    connection.rooms().remove(room);
    if (!ctx.rooms().leave(room, connection)) {
      return Future.succeededFuture();
    }
    ctx.ports().pubSub().unsubscribe(room);
    NamespaceConfig config = ctx.namespaces().resolve(room).config();
    if (config == null || !config.presence()) {
      return Future.succeededFuture();
    }
    return ctx.ports().presence().remove(room, connection.id())
        .compose(removed -> removed && config.presenceEvents()
            ? broadcastLeave(connection, room) : Future.<Void>succeededFuture())
        .otherwiseEmpty().mapEmpty();
  }

  private Future<Void> broadcastLeave(Connection connection, String room) {
    return broadcastLeave(room, new PresenceEntry(connection.id(), connection.user(), ctx.node(),
        System.currentTimeMillis()));
  }

  private Future<Void> broadcastLeave(String room, PresenceEntry entry) {
    return ctx.ports().pubSub().publish(room, new BusMessage.PresenceChange(room, BusMessage.Action.LEAVE, entry));
  }

  /**
   * An entry expired because its node died ({@link
   * io.switchboard.core.presence.PresenceStore#onExpired}): the room is told, as if the member
   * had left, when its namespace broadcasts presence.
   */
  void expired(String room, PresenceEntry entry) {
    NamespaceConfig config = ctx.namespaces().resolve(room).config();
    if (config != null && config.presenceEvents()) {
      broadcastLeave(room, entry);
    }
  }

  /** Leaves every room of a closed connection; completes when every leave did. */
  Future<Void> leaveAll(Connection connection) {
    List<Future<Void>> leaves = new ArrayList<>();
    for (String room : connection.rooms().toArray(String[]::new)) {
      leaves.add(leave(connection, room));
    }
    return Future.join(leaves).mapEmpty();
  }
}
