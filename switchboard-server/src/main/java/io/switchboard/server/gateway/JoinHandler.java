package io.switchboard.server.gateway;

import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;

import io.switchboard.core.presence.PresenceEntry;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.HistoryPage;
import io.switchboard.core.room.StreamPosition;
import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code join} (SPEC C1 "Join is consistent"): subscribe the node to the room, then read
 * history, snapshot and presence while the presence join is broadcast, then reply {@code
 * joined} and continue with live events from exactly the next offset. With {@code since} only
 * the missed publications are sent and {@code recovered} is true; when the history no longer
 * reaches back or the epoch changed, the snapshot and recent history are sent with {@code
 * recovered: false}. Joining a room twice is idempotent: the second {@code joined} has no
 * history and {@code recovered: true}.
 */
final class JoinHandler implements CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JoinHandler.class);
  private final GatewayContext ctx;
  private final Membership membership;

  JoinHandler(GatewayContext ctx, Membership membership) {
    this.ctx = ctx;
    this.membership = membership;
  }

  @Override
  public void handle(Connection connection, ClientRequest request) {
    String room = request.requireString("room");
    NamespaceConfig config = ctx.namespaces().require(room);
    StreamPosition since = since(request.optionalObject("since"));
    if (!Namespaces.allows(config.join(), config, connection.principal(), room)) {
      throw new RequestException(ErrorCode.FORBIDDEN, "not allowed to join " + room);
    }
    if (connection.rooms().contains(room)) {
      rejoin(connection, request.rawId(), room);
      return;
    }
    if (connection.rooms().size() >= ctx.client().maxRooms()) {
      throw new RequestException(ErrorCode.TOO_MANY_ROOMS,
          "a connection may be in at most " + ctx.client().maxRooms() + " rooms");
    }
    connection.rooms().add(room);
    LocalRoom.Member member = ctx.rooms().join(room, connection);
    PresenceEntry entry = new PresenceEntry(connection.id(), connection.user(), ctx.node(),
        System.currentTimeMillis());
    ctx.ports().pubSub().subscribe(room)
        .compose(v -> fetch(room, config, entry, since))
        .onSuccess(state -> {
          LocalRoom local = ctx.rooms().get(room);
          if (local == null || !local.goLive(member, state.epoch(), state.offset(), Frames.joined(request.rawId(), state))) {
            membership.leave(connection, room);
            // the connection closed while joining: its close may have removed presence before
            // this join's add landed, so remove again
            ctx.ports().presence().remove(room, connection.id());
          }
        })
        .onFailure(e -> {
          LOG.warn("join of {} by connection {} failed: {}", room, connection.id(), e.toString());
          membership.leave(connection, room);
          ctx.metrics().error(ErrorCode.UNAVAILABLE);
          connection.send(Frames.error(request.rawId(), ErrorCode.UNAVAILABLE, "join failed: engine unavailable"));
        });
  }

  private Future<JoinedState> fetch(String room, NamespaceConfig config, PresenceEntry entry, StreamPosition since) {
    Future<HistoryPage> page = ctx.ports().history().read(room, 0);
    Future<Snapshot> snapshot = ctx.ports().snapshots().get(room);
    Future<List<PresenceEntry>> presence = Future.succeededFuture(List.of());
    if (config.presence()) {
      Future<Void> added = ctx.ports().presence().add(room, entry);
      presence = added.compose(v -> ctx.ports().presence().list(room));
      if (config.presenceEvents()) {
        added.onSuccess(v -> ctx.ports().pubSub().publish(room,
            new BusMessage.PresenceChange(room, BusMessage.Action.JOIN, entry)));
      }
    }
    Future<List<PresenceEntry>> members = presence;
    return Future.all(page, snapshot, members)
        .map(all -> JoinState.compose(room, page.result(), snapshot.result(), members.result(), since));
  }

  private void rejoin(Connection connection, String rawId, String room) {
    ctx.ports().history().read(room, Long.MAX_VALUE).onComplete(ar -> {
      LocalRoom local = ctx.rooms().get(room);
      LocalRoom.Member m = local == null ? null : local.member(connection);
      if (ar.failed() || m == null) {
        connection.send(Frames.error(rawId, ErrorCode.UNAVAILABLE, "join failed: engine unavailable"));
        return;
      }
      JoinedState s = new JoinedState(room, ar.result().position().epoch(), m.offset(), List.of(),
          null, 0, null, List.of(), true);
      connection.send(Frames.joined(rawId, s));
    });
  }

  private static StreamPosition since(JsonObject since) {
    if (since == null) {
      return null;
    }
    Object epoch = since.getValue("epoch");
    Object offset = since.getValue("offset");
    if (!(epoch instanceof String e) || e.isEmpty() || !(offset instanceof Number n) || n.longValue() < 0) {
      throw new RequestException(ErrorCode.BAD_REQUEST,
          "since must be {\"epoch\": string, \"offset\": number >= 0}");
    }
    return new StreamPosition(e, n.longValue());
  }
}
