package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresenceUpdate;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's memberships of rooms, from join to leave (SPEC C1 "Rooms", "Presence"): what a
 * join acquires — the local member, one reference to the room's channel, a presence entry — and its
 * release, the same way for {@code leave}, a failed join and a closed connection.
 *
 * <p><b>By membership, not by connection.</b> Each join makes a new {@link LocalRoom.Member}; a
 * release acts on that member only and only once, so a late failure of a first join never tears
 * down a second join of the same room (join → leave → join back to back), and a subscription
 * reference is dropped only if the member's subscribe succeeded (a subscribe that failed during a
 * pub/sub outage took none, and must not drop another member's). Presence writes of one connection
 * reach the engine in the order they were made ({@link
 * ConnectionRooms#afterPreviousPresenceWrite}).
 *
 * <p><b>Large rooms.</b> Join and leave are broadcast only while the room has at most {@code
 * presenceEventsMaxMembers} members (counted by the presence store after the join, before the
 * leave); the write that crosses that line publishes the room's count instead, so every node starts
 * or stops sending {@code presence_count} frames ({@link PresenceCounts}). Runs on the connection's
 * event loop.
 */
final class Membership {
  private final GatewayContext ctx;
  private final PresenceCounts counts;

  Membership(GatewayContext ctx, PresenceCounts counts) {
    this.ctx = ctx;
    this.counts = counts;
  }

  /** Starts a membership: a buffering local member and the node's subscription to the room. */
  LocalRoom.Member enter(Connection connection, String room) {
    LocalRoom.Member m = ctx.rooms().join(room, connection);
    connection.rooms().add(room, m);
    m.subscription = ctx.ports().pubSub().subscribe(room);
    return m;
  }

  /** Whether {@code m} is still its connection's membership of its room (not left, not closed). */
  static boolean isCurrent(LocalRoom.Member m) {
    return m.connection.rooms().get(m.roomName()) == m;
  }

  /**
   * Adds a joining member's presence entry after the connection's earlier presence writes, then
   * tells the room: a join frame while it is small, the count when this join made it large.
   *
   * @return the store's answer (is the member new, how many members now)
   */
  Future<PresenceUpdate> addPresence(
      LocalRoom.Member m, NamespaceConfig config, PresenceEntry entry) {
    String room = m.roomName();
    return m.connection
        .rooms()
        .afterPreviousPresenceWrite(() -> ctx.ports().presence().add(room, entry))
        .onSuccess(
            u -> {
              if (config.presenceEventsFor(u.members())) {
                publish(room, new BusMessage.PresenceChange(room, BusMessage.Action.JOIN, entry));
              } else if (u.changed() && u.members() == config.presenceEventsMaxMembers() + 1) {
                publish(room, new BusMessage.PresenceCount(room, u.members()));
              }
              counts.observed(m.room, config, u.members());
            });
  }

  /**
   * Ends {@code connection}'s membership of {@code room}, if any.
   *
   * @return completes when the presence entry is removed and the leave published (never fails)
   */
  Future<Void> leave(Connection connection, String room) {
    LocalRoom.Member m = connection.rooms().get(room);
    return m == null ? Future.succeededFuture() : leave(m);
  }

  /**
   * Releases what member {@code m} acquired, once: the local member, its subscription reference
   * (only if its subscribe succeeded), its presence entry, with a leave frame while the room is
   * small. A member whose join is still in flight fails it.
   *
   * @return completes when the presence entry is removed and the leave published (never fails)
   */
  Future<Void> leave(LocalRoom.Member m) {
    if (!m.released.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    String room = m.roomName();
    Connection connection = m.connection;
    connection.rooms().remove(room, m);
    ctx.rooms().leave(m);
    m.joined.tryFail(
        new RequestException(ErrorCode.CANCELLED, "left the room before the join completed"));
    m.subscription.onSuccess(v -> ctx.ports().pubSub().unsubscribe(room));
    NamespaceConfig config = ctx.namespaces().resolve(room).config();
    if (config == null || !config.presence()) {
      return Future.succeededFuture();
    }
    PresenceEntry entry =
        new PresenceEntry(
            connection.id(), connection.user(), ctx.node(), System.currentTimeMillis());
    return connection
        .rooms()
        .afterPreviousPresenceWrite(() -> ctx.ports().presence().remove(room, connection.id()))
        .compose(
            u ->
                u.changed()
                    ? left(room, config, entry, u.members())
                    : Future.<Void>succeededFuture())
        .otherwiseEmpty()
        .mapEmpty();
  }

  /**
   * Tells the room a member left: a leave frame while it was small, the count when it stops being
   * large.
   */
  private Future<Void> left(String room, NamespaceConfig config, PresenceEntry entry, int members) {
    if (config.presenceEventsFor(members + 1)) {
      return publish(room, new BusMessage.PresenceChange(room, BusMessage.Action.LEAVE, entry));
    }
    if (members == config.presenceEventsMaxMembers()) {
      return publish(room, new BusMessage.PresenceCount(room, members));
    }
    return Future.succeededFuture();
  }

  /**
   * An entry expired because its node died ({@link
   * io.switchboard.core.presence.PresenceStore#onExpired}): the room is told, as if the member had
   * left, when its namespace broadcasts presence and the room is small.
   */
  void expired(String room, PresenceEntry entry) {
    NamespaceConfig config = ctx.namespaces().resolve(room).config();
    if (config != null && config.presenceEvents()) {
      ctx.ports().presence().count(room).onSuccess(members -> left(room, config, entry, members));
    }
  }

  /** Ends every membership of a closed connection; completes when every leave did. */
  Future<Void> leaveAll(Connection connection) {
    List<Future<Void>> leaves = new ArrayList<>();
    for (LocalRoom.Member m : connection.rooms().all()) {
      leaves.add(leave(m));
    }
    return Future.join(leaves).mapEmpty();
  }

  private Future<Void> publish(String room, BusMessage message) {
    return ctx.ports().pubSub().publish(room, message);
  }
}
