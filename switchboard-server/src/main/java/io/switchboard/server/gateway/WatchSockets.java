package io.switchboard.server.gateway;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.server.config.NamespaceConfig;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.RequestException;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch sockets of one node ({@link WatchMode}, registered with {@link Gateway#watch}): picks
 * the dialect from the handshake's query, then joins the room the mode names like any join (same
 * membership, history position and fan-out), sends the mode's first frame once live, and from then
 * each publication's data ({@link PublicationData}). A refusal sends the mode's refusal frame and
 * closes with 1008.
 */
final class WatchSockets {
  private static final Logger LOG = LoggerFactory.getLogger(WatchSockets.class);

  /** A handshake's chosen mode and the value of its parameter. */
  record Watch(WatchMode mode, String value) {}

  private final List<WatchMode> modes = new CopyOnWriteArrayList<>();
  private final GatewayContext ctx;
  private final JoinHandler joins;
  private final FrameDispatcher ignoring;

  WatchSockets(GatewayContext ctx, JoinHandler joins) {
    this.ctx = ctx;
    this.joins = joins;
    // no request types: what a watch socket sends is admitted (rate, size) and answered with an
    // error frame, which its dialect drops
    this.ignoring = new FrameDispatcher(Map.of(), ctx.client().maxFrameBytes(), ctx.metrics());
  }

  void add(WatchMode mode) {
    modes.add(mode);
  }

  /** The watch a handshake query asks for (its first parameter a mode knows), or {@code null}. */
  Watch of(String query) {
    if (query == null || modes.isEmpty()) {
      return null;
    }
    Map<String, List<String>> params = new QueryStringDecoder("?" + query).parameters();
    for (WatchMode m : modes) {
      List<String> values = params.get(m.parameter());
      if (values != null && !values.isEmpty()) {
        return new Watch(m, values.get(0));
      }
    }
    return null;
  }

  /** Runs an authenticated watch socket, on its event loop. */
  void open(Connection c, WebSocketHandler handler, Watch watch) {
    HandshakeTimeout.done(c.channel());
    c.dialect(PublicationData.INSTANCE);
    handler.attach(ignoring);
    WatchMode mode = watch.mode();
    c.onLoop(mode.room(c.principal(), watch.value()))
        .compose(room -> follow(c, room))
        .compose(v -> c.onLoop(mode.firstFrame(c.principal(), watch.value())))
        .onSuccess(c::sendOwn)
        .onFailure(e -> refuse(c, watch, e));
  }

  private Future<Void> follow(Connection c, String room) {
    NamespaceConfig config = ctx.namespaces().require(room);
    LocalRoom.Member m = joins.join(c, null, room, config, null);
    return m == null ? Future.succeededFuture() : c.onLoop(m.joined());
  }

  private void refuse(Connection c, Watch watch, Throwable e) {
    RequestException r;
    if (e instanceof RequestException re) {
      r = re;
    } else {
      LOG.warn("watch {}={} failed: {}", watch.mode().parameter(), watch.value(), e.toString());
      r = new RequestException(ErrorCode.UNAVAILABLE, "unavailable, try again later");
    }
    ctx.metrics().error(r.code());
    c.sendOwn(watch.mode().refusal(watch.value(), r));
    c.close(CloseCode.POLICY_VIOLATION);
  }
}
