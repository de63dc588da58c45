package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.presence.PresencePage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.RoomName;
import io.switchboard.core.room.StreamPosition;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.JoinGuard;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code join} (SPEC C1 "Join is consistent"): subscribe the node to the room, then read history,
 * snapshot and the first page of presence while the presence join is broadcast, then reply {@code
 * joined} and continue with live events from exactly the next offset. With {@code since} only the
 * missed publications are sent and {@code recovered} is true; when the history no longer reaches
 * back or the epoch changed, the snapshot and recent history are sent with {@code recovered:
 * false}. {@code joined} lists at most the namespace's {@code presenceListLimit} members, plus the
 * total {@code presenceCount} (issue 7: a join costs the same in a room of ten or ten thousand).
 *
 * <p>Joining a room twice is idempotent: the second {@code joined} comes once the first join has
 * completed, with the member's current position, no history and {@code recovered: true}. Every step
 * after an engine call continues on the connection's event loop ({@link Connection#onLoop}), and
 * acts on this join's member only ({@link Membership}).
 */
final class JoinHandler implements CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JoinHandler.class);
  private static final RequestException LEFT =
      new RequestException(ErrorCode.UNAVAILABLE, "left while joining");

  private final GatewayContext ctx;
  private final Membership membership;
  private final Map<String, JoinGuard> guards;

  /**
   * @param guards the capabilities' join guards by namespace, read at every join (a concurrent map
   *     that {@link Gateway#guardJoins} fills)
   */
  JoinHandler(GatewayContext ctx, Membership membership, Map<String, JoinGuard> guards) {
    this.ctx = ctx;
    this.membership = membership;
    this.guards = guards;
  }

  @Override
  public void handle(Connection connection, ClientRequest request) {
    String room = request.requireString("room");
    NamespaceConfig config = ctx.namespaces().require(room);
    StreamPosition since = since(request.optionalObject("since"));
    if (!Namespaces.allows(config.join(), config, connection.principal(), room)) {
      throw new RequestException(ErrorCode.FORBIDDEN, "not allowed to join " + room);
    }
    JoinGuard guard = guards.get(RoomName.namespace(room));
    if (guard == null) {
      join(connection, request, room, config, since);
      return;
    }
    Future<Boolean> allowed;
    try {
      allowed = guard.mayJoin(connection.principal(), room);
    } catch (RuntimeException e) {
      allowed = Future.failedFuture(e);
    }
    connection
        .onLoop(allowed)
        .onComplete(
            ar -> {
              if (connection.isClosed()) {
                return;
              }
              if (ar.failed()) {
                LOG.warn("join guard of {} failed: {}", room, ar.cause().toString());
                reject(
                    connection, request, ErrorCode.UNAVAILABLE, "join failed: check unavailable");
              } else if (!Boolean.TRUE.equals(ar.result())) {
                reject(connection, request, ErrorCode.FORBIDDEN, "not allowed to join " + room);
              } else {
                try {
                  join(connection, request, room, config, since);
                } catch (RequestException e) {
                  reject(connection, request, e.code(), e.getMessage());
                }
              }
            });
  }

  private void reject(
      Connection connection, ClientRequest request, ErrorCode code, String message) {
    ctx.metrics().error(code);
    connection.send(Frames.error(request.rawId(), code, message));
  }

  /** The join once access and the guard (if any) allowed it. */
  private void join(
      Connection connection,
      ClientRequest request,
      String room,
      NamespaceConfig config,
      StreamPosition since) {
    LocalRoom.Member current = connection.rooms().get(room);
    if (current != null) {
      rejoin(connection, request.rawId(), config, current);
      return;
    }
    if (connection.rooms().size() >= ctx.client().maxRooms()) {
      throw new RequestException(
          ErrorCode.TOO_MANY_ROOMS,
          "a connection may be in at most " + ctx.client().maxRooms() + " rooms");
    }
    LocalRoom.Member member = membership.enter(connection, room);
    PresenceEntry entry =
        new PresenceEntry(
            connection.id(), connection.user(), ctx.node(), System.currentTimeMillis());
    connection
        .onLoop(member.subscription)
        .compose(
            v ->
                Membership.isCurrent(member)
                    ? connection.onLoop(fetch(member, config, entry, since))
                    : Future.failedFuture(LEFT))
        .onSuccess(
            state -> {
              // false when the member left or its connection closed meanwhile: that leave released
              // it
              if (!member.room.goLive(
                  member, state.epoch(), state.offset(), Frames.joined(request.rawId(), state))) {
                cancelled(connection, request.rawId());
              }
            })
        .onFailure(
            e -> {
              if (e == LEFT || !Membership.isCurrent(member)) {
                cancelled(connection, request.rawId());
                return;
              }
              LOG.warn(
                  "join of {} by connection {} failed: {}", room, connection.id(), e.toString());
              member.joined.tryFail(e);
              membership.leave(member);
              ctx.metrics().error(ErrorCode.UNAVAILABLE);
              connection.send(
                  Frames.error(
                      request.rawId(), ErrorCode.UNAVAILABLE, "join failed: engine unavailable"));
            });
  }

  /** The reply to a join its own connection's leave overtook (nothing is sent once closed). */
  private void cancelled(Connection connection, String rawId) {
    ctx.metrics().error(ErrorCode.CANCELLED);
    connection.send(
        Frames.error(rawId, ErrorCode.CANCELLED, "left the room before the join completed"));
  }

  private Future<JoinedState> fetch(
      LocalRoom.Member member, NamespaceConfig config, PresenceEntry entry, StreamPosition since) {
    String room = member.roomName();
    Future<HistoryPage> page = ctx.ports().history().read(room, 0);
    Future<Snapshot> snapshot = ctx.ports().snapshots().get(room);
    Future<PresencePage> presence =
        config.presence()
            ? membership
                .addPresence(member, config, entry)
                .compose(u -> ctx.ports().presence().page(room, null, config.presenceListLimit()))
            : Future.succeededFuture(PresencePage.EMPTY);
    return Future.all(page, snapshot, presence)
        .map(
            all ->
                JoinState.compose(
                    room, page.result(), snapshot.result(), presence.result(), since));
  }

  /** A join of a room the connection is in (or joining): answered once that join completed. */
  private void rejoin(
      Connection connection, String rawId, NamespaceConfig config, LocalRoom.Member m) {
    String room = m.roomName();
    connection
        .onLoop(
            m.joined()
                .compose(
                    v ->
                        config.presence()
                            ? ctx.ports().presence().page(room, null, config.presenceListLimit())
                            : Future.succeededFuture(PresencePage.EMPTY)))
        .onSuccess(
            presence ->
                connection.send(
                    Frames.joined(
                        rawId,
                        new JoinedState(
                            room,
                            m.epoch(),
                            m.offset(),
                            presence.entries(),
                            presence.count(),
                            null,
                            0,
                            null,
                            List.of(),
                            true))))
        .onFailure(
            e ->
                connection.send(
                    e instanceof RequestException r
                        ? Frames.error(rawId, r.code(), r.getMessage())
                        : Frames.error(
                            rawId, ErrorCode.UNAVAILABLE, "join failed: engine unavailable")));
  }

  private static StreamPosition since(JsonObject since) {
    if (since == null) {
      return null;
    }
    Object epoch = since.getValue("epoch");
    Object offset = since.getValue("offset");
    if (!(epoch instanceof String e)
        || e.isEmpty()
        || !(offset instanceof Number n)
        || n.longValue() < 0) {
      throw new RequestException(
          ErrorCode.BAD_REQUEST, "since must be {\"epoch\": string, \"offset\": number >= 0}");
    }
    return new StreamPosition(e, n.longValue());
  }
}
