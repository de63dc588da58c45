package io.switchboard.server.gateway;

import io.switchboard.core.Engine;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.RoomName;
import io.switchboard.server.auth.AuthException;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.ops.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.netty.channel.Channel;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.http.ServerWebSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client gateway of one node (SPEC C1, {@code GET /ws}): authenticates upgrades, holds the
 * connections, delivers what arrives on the node's pub/sub channels to local rooms and users,
 * sends heartbeats, and closes everything on shutdown.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final ServerConfig server;
  private final GatewayContext ctx;
  private final TokenVerifier verifier;
  private final LocalUsers users = new LocalUsers();
  private final Membership membership;
  private final FrameDispatcher dispatcher;
  private final Deliveries deliveries;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Heartbeats heartbeats;
  private volatile boolean stopping;

  /** Builds the gateway and registers it as the node's pub/sub listener. */
  public Gateway(Vertx vertx, String node, Engine engine, Namespaces namespaces, RoomPublisher publisher,
      TokenVerifier verifier, ServerConfig server, ClientConfig client, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.server = server;
    this.verifier = verifier;
    LocalRooms rooms = new LocalRooms(client.outboundQueueFrames(), metrics);
    this.ctx = new GatewayContext(node, engine, namespaces, rooms, publisher, client, metrics);
    this.membership = new Membership(ctx);
    this.dispatcher = new FrameDispatcher(Map.of(
        "join", new JoinHandler(ctx, membership),
        "leave", new LeaveHandler(ctx, membership),
        "publish", new PublishHandler(ctx),
        "presence", new PresenceHandler(ctx),
        "ping", new PingHandler()), client.maxFrameBytes(), metrics);
    this.deliveries = new Deliveries(rooms, users, metrics);
    engine.pubSub().listen(deliveries::onMessage);
    metrics.gauges(connections::size, rooms::count);
    this.heartbeats = new Heartbeats(vertx, client.heartbeat());
  }

  /**
   * Decides a WebSocket handshake: only {@code /ws} is accepted (404 otherwise), only from an
   * allowed {@code Origin} (403, see {@code server.allowedOrigins}), and nothing while the node is
   * stopping (503). The token is checked after the upgrade, so that a refused client can read why
   * ({@link #open}).
   */
  public void handshake(ServerWebSocketHandshake handshake) {
    if (!"/ws".equals(handshake.path())) {
      handshake.reject(404);
    } else if (!server.allowsOrigin(handshake.headers().get("Origin"))) {
      ctx.metrics().error(ErrorCode.FORBIDDEN);
      handshake.reject(403);
    } else if (stopping) {
      handshake.reject(503);
    } else {
      handshake.accept();
    }
  }

  /** An accepted {@code /ws} WebSocket: verifies the token, then sends {@code welcome}. */
  public void open(ServerWebSocket ws) {
    ws.pause();
    String token = TokenVerifier.tokenOf(ws.headers(), ws.query());
    Context context = vertx.getOrCreateContext();
    verifier.verify(token)
        .onSuccess(principal -> open(ws, principal, context))
        .onFailure(e -> refuse(ws, e));
  }

  private void refuse(ServerWebSocket ws, Throwable e) {
    String message = e instanceof AuthException ? e.getMessage() : "authentication failed";
    ctx.metrics().error(ErrorCode.UNAUTHORIZED);
    ws.writeTextMessage(new String(Frames.error(null, ErrorCode.UNAUTHORIZED, message),
        java.nio.charset.StandardCharsets.UTF_8));
    ws.close(CloseCode.UNAUTHORIZED.code(), message);
  }

  private void open(ServerWebSocket ws, Principal principal, Context context) {
    long seq = sequence.incrementAndGet();
    String id = ctx.node() + "." + Long.toString(seq, 36);
    ClientConfig client = ctx.client();
    Channel channel = ((WebSocketImplBase<?>) ws).channelHandlerContext().channel();
    Connection c = new Connection(id, seq, principal, ws, channel, context, client.outboundQueueFrames(),
        new RateLimiter(client.ratePerSecond(), client.rateBurst()), ctx.metrics());
    connections.put(id, c);
    heartbeats.add(c, seq);
    ws.textMessageHandler(text -> dispatcher.dispatch(c, text, utf8Length(text)));
    ws.binaryMessageHandler(b -> dispatcher.reject(c, null, ErrorCode.BINARY_NOT_SUPPORTED,
        "switchboard.v1 uses text frames only"));
    ws.pongHandler(b -> c.touch());
    ws.exceptionHandler(e -> LOG.debug("connection {} failed: {}", id, e.toString()));
    ws.closeHandler(v -> closed(c));
    c.send(Frames.welcome(id, principal.user(), ctx.node(), Math.max(1, client.heartbeat().toSeconds())));
    if (principal.user() != null) {
      users.add(principal.user(), c);
      ctx.engine().pubSub().subscribe(RoomName.userChannel(principal.user()));
    }
    ws.resume();
  }

  private void closed(Connection c) {
    c.markClosed();
    if (connections.remove(c.id()) == null) {
      return;
    }
    heartbeats.remove(c, c.sequence());
    membership.leaveAll(c);
    if (c.user() != null) {
      users.remove(c.user(), c);
      ctx.engine().pubSub().unsubscribe(RoomName.userChannel(c.user()));
    }
  }

  static int utf8Length(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 0x80) {
        n += ch >= 0x800 && !Character.isSurrogate(ch) ? 2 : 1;
      }
    }
    return n;
  }

  /** How many connections this node holds. */
  public int connectionCount() {
    return connections.size();
  }

  /** Sends a notification to every connection of {@code user}, cluster-wide. */
  public io.vertx.core.Future<Void> notify(String user, String event, String data) {
    return ctx.engine().pubSub().publish(RoomName.userChannel(user), new BusMessage.Notification(user, event, data));
  }

  /** Closes every connection of {@code user}, cluster-wide, with close code 4004. */
  public io.vertx.core.Future<Void> disconnect(String user, String reason) {
    return ctx.engine().pubSub().publish(RoomName.userChannel(user), new BusMessage.Disconnect(user, reason));
  }

  /** Graceful stop: refuse new upgrades, close every connection with 1012 (reconnect). */
  public void shutdown() {
    stopping = true;
    heartbeats.stop();
    connections.values().forEach(c -> c.close(CloseCode.SHUTDOWN));
  }
}
