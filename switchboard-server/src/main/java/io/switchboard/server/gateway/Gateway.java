package io.switchboard.server.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.switchboard.core.Ports;
import io.switchboard.core.pubsub.BusMessage;
import io.switchboard.core.room.RoomName;
import io.switchboard.server.auth.AuthException;
import io.switchboard.server.auth.HandshakeToken;
import io.switchboard.server.auth.Principal;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.ClientConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.ops.GatewayMetrics.Refusal;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RoomPublisher;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.impl.WebSocketImplBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The client gateway of one node (SPEC C1, {@code GET /ws}): authenticates upgrades, holds the
 * connections, delivers what arrives on the node's pub/sub channels to local rooms and users, sends
 * heartbeats, and closes everything on shutdown. Thread-safe: handshakes arrive on every event
 * loop, and each connection is then served on its own.
 */
public final class Gateway {
  private final Vertx vertx;
  private final ServerConfig server;
  private final GatewayContext ctx;
  private final TokenVerifier verifier;
  private final LocalUsers users = new LocalUsers();
  private final Membership membership;
  private final PresenceCounts counts;
  private final FrameDispatcher dispatcher;
  private final Deliveries deliveries;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Heartbeats heartbeats;
  private volatile boolean stopping;
  private final Promise<Void> closedAll = Promise.promise();
  private final AtomicInteger leaving = new AtomicInteger();

  /**
   * Accepted upgrades whose channel is still open (authenticated or not), for
   * server.maxConnections.
   */
  private final AtomicInteger upgraded = new AtomicInteger();

  private final WatchSockets watches;
  private final Map<String, WebSocketPath> paths = new ConcurrentHashMap<>();

  /**
   * Builds the gateway: registers it as the node's pub/sub listener and expired-presence listener,
   * registers its gauges, and starts the heartbeat and presence-count timers (stopped by {@link
   * #shutdown}).
   *
   * @param vertx the node's Vert.x; resyncs run on the caller's context
   * @param node this node's id, the prefix of every connection id
   * @param ports the engine ports
   * @param namespaces room policy
   * @param publisher the publish path
   * @param verifier client token verification
   * @param server {@code server.*}: origins, connection cap
   * @param client {@code client.*}: per-connection limits, heartbeat
   * @param metrics the node's metrics
   */
  public Gateway(
      Vertx vertx,
      String node,
      Ports ports,
      Namespaces namespaces,
      RoomPublisher publisher,
      TokenVerifier verifier,
      ServerConfig server,
      ClientConfig client,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.server = server;
    this.verifier = verifier;
    LocalRooms rooms =
        new LocalRooms(
            client.outboundQueueFrames(),
            metrics,
            new RoomResync(vertx.getOrCreateContext(), ports, namespaces));
    this.ctx =
        new GatewayContext(
            node,
            ports,
            namespaces,
            rooms,
            publisher,
            client,
            metrics,
            new java.util.concurrent.ConcurrentHashMap<>());
    this.counts = new PresenceCounts(vertx, ports.presence(), namespaces.all());
    this.membership = new Membership(ctx, counts);
    metrics.largeRooms(counts::tracked);
    JoinHandler joins = new JoinHandler(ctx, membership);
    this.watches = new WatchSockets(ctx, joins);
    this.dispatcher =
        new FrameDispatcher(
            Map.of(
                "join", joins,
                "leave", new LeaveHandler(ctx, membership),
                "publish", new PublishHandler(ctx),
                "presence", new PresenceHandler(ctx),
                "ping", new PingHandler()),
            client.maxFrameBytes(),
            metrics);
    this.deliveries = new Deliveries(rooms, users, metrics, namespaces, counts);
    ports.pubSub().listen(deliveries::onMessage);
    ports.presence().onExpired(membership::expired);
    metrics.gauges(connections::size, rooms::count);
    this.heartbeats = new Heartbeats(vertx, client.heartbeat());
  }

  /**
   * Decides a WebSocket handshake: only {@code /ws} is accepted (404 otherwise), only from an
   * allowed {@code Origin} (403, see {@code server.allowedOrigins}), nothing while the node is
   * stopping (503), and nothing while it holds {@code server.maxConnections} WebSockets (503,
   * counted, issue 7). The token is checked after the upgrade, so that a refused client can read
   * why ({@link #open}). Called by Vert.x on the connection's event loop.
   *
   * @param handshake the pending upgrade; rejected or accepted here
   */
  public void handshake(ServerWebSocketHandshake handshake) {
    WebSocketPath other = paths.get(handshake.path());
    if (other != null) {
      if (stopping) {
        handshake.reject(503);
      } else {
        other.handshake(handshake);
      }
    } else if (!"/ws".equals(handshake.path())) {
      handshake.reject(404);
    } else if (!server.allowsOrigin(handshake.headers().get("Origin"))) {
      ctx.metrics().error(ErrorCode.FORBIDDEN);
      handshake.reject(403);
    } else if (stopping) {
      handshake.reject(503);
    } else if (upgraded.incrementAndGet() > server.maxConnections()) {
      upgraded.decrementAndGet();
      ctx.metrics().refused(Refusal.MAX_CONNECTIONS);
      handshake.reject(503);
    } else {
      handshake
          .accept()
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  channelOf(ar.result()).closeFuture().addListener(f -> upgraded.decrementAndGet());
                } else {
                  upgraded.decrementAndGet();
                }
              });
    }
  }

  private static Channel channelOf(ServerWebSocket ws) {
    return ((WebSocketImplBase<?>) ws).channelHandlerContext().channel();
  }

  /**
   * An accepted {@code /ws} WebSocket: takes the Netty pipeline over from Vert.x ({@link
   * WebSocketHandler}; Vert.x's {@code idle} handler goes too, heartbeats own a WebSocket's
   * liveness), verifies the token, then sends {@code welcome}. A {@code token} cookie from another
   * site's {@code Origin} is ignored and counted as {@code forbidden} ({@link HandshakeToken}). A
   * socket of a {@link WebSocketPath} is left to it. A refused token gets the {@code unauthorized}
   * error and close 4001; a user over {@code client.maxConnectionsPerUser} close 4009; a user
   * channel that cannot be subscribed close 1013. {@code welcome} ({@code connection}, {@code
   * user}, {@code node}, {@code heartbeat} in seconds) goes out once the node receives the user's
   * channel.
   *
   * @param ws the upgraded WebSocket, on its event loop
   */
  public void open(ServerWebSocket ws) {
    if (paths.containsKey(ws.path())) {
      // served by its WebSocketPath from the accept's future; upgraded, so the handshake timer is
      // done, and the path's own heartbeat (not server.idleTimeout) watches its liveness
      Channel channel = channelOf(ws);
      HandshakeTimeout.done(channel);
      if (channel.pipeline().get("idle") != null) {
        channel.pipeline().remove("idle");
      }
      return;
    }
    HandshakeToken presented = HandshakeToken.of(ws.headers(), ws.query(), server.allowedOrigins());
    if (presented.cookieIgnored()) {
      ctx.metrics().error(ErrorCode.FORBIDDEN); // a cross-site cookie (issue 7 part 2)
    }
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    Channel channel = channelOf(ws);
    WebSocketHandler handler =
        new WebSocketHandler(
            context, this::closed, 2 * ctx.client().maxFrameBytes(), ctx.metrics());
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.replace("handler", "switchboard", handler);
    if (pipeline.get("idle") != null) {
      pipeline.remove(
          "idle"); // server.idleTimeout is for HTTP; heartbeats (4002) watch a WebSocket
    }
    pipeline.addBefore(
        "switchboard",
        "switchboard-aggregator",
        new WebSocketFrameAggregator(Math.max(1024, 16 * ctx.client().maxFrameBytes())));
    WatchSockets.Watch watch = watches.of(ws.query());
    verifier
        .verify(presented.token())
        .onSuccess(principal -> open(channel, handler, principal, context, watch))
        .onFailure(e -> refuse(channel, e));
  }

  /**
   * Registers a capability's watch socket dialect on {@code /ws} ({@link WatchMode}); a handshake
   * carrying its query parameter speaks it instead of {@code switchboard.v1}. Call before the node
   * listens.
   */
  public void watch(WatchMode mode) {
    watches.add(Objects.requireNonNull(mode, "mode"));
  }

  /**
   * Registers the {@link RoomGuard} of {@code namespace}: every client's join of its rooms must
   * pass it after the namespace's {@code join} access (a {@link WatchMode} decides its own room).
   *
   * @throws IllegalStateException if the namespace has a guard already
   */
  public void guard(String namespace, RoomGuard guard) {
    Objects.requireNonNull(guard, "guard");
    if (ctx.guards().putIfAbsent(namespace, guard) != null) {
      throw new IllegalStateException("namespace " + namespace + " has a room guard already");
    }
  }

  /**
   * Registers a capability's own WebSocket endpoint ({@link WebSocketPath}); call before the node
   * listens.
   *
   * @param path the exact request path, e.g. {@code /event/ws}; not {@code /ws}
   * @throws IllegalStateException if the path is {@code /ws} or registered already
   */
  public void path(String path, WebSocketPath endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if ("/ws".equals(path) || paths.putIfAbsent(path, endpoint) != null) {
      throw new IllegalStateException("WebSocket path " + path + " is taken");
    }
  }

  /**
   * Subscribes the node to a capability's own pub/sub {@code channel} and hands each {@link
   * BusMessage.Relay} arriving on it to {@code handler} (the tunnel's requests and replies between
   * nodes, SPEC C4). One handler per channel.
   *
   * @param channel a channel name no room or user channel uses (no {@code :} after a namespace),
   *     e.g. {@code proxy_event_request.<node>}
   * @param handler called with the payload, possibly on an engine thread; must not block
   * @return completes once the node receives the channel; failed if the engine cannot subscribe
   * @throws IllegalStateException if the channel has a handler already
   */
  public Future<Void> relay(String channel, Consumer<String> handler) {
    deliveries.relay(channel, handler);
    return ctx.ports().pubSub().subscribe(channel);
  }

  /**
   * Publishes a {@link BusMessage.Relay} on {@code channel} to the nodes that registered it with
   * {@link #relay}.
   *
   * @return completes when the engine accepted it, with how many nodes listen on the channel
   *     ({@link io.switchboard.core.pubsub.PubSub#publishCounted}: 0 when the node it addresses is
   *     gone, -1 when the engine cannot tell); failed if the engine is unreachable
   */
  public Future<Long> relay(String channel, String payload) {
    return ctx.ports().pubSub().publishCounted(channel, new BusMessage.Relay(payload));
  }

  private void refuse(Channel channel, Throwable e) {
    HandshakeTimeout.done(channel); // answered: the close handshake bounds it from here
    String message = e instanceof AuthException ? e.getMessage() : "authentication failed";
    ctx.metrics().error(ErrorCode.UNAUTHORIZED);
    channel.write(
        WireFrames.text(Frames.error(null, ErrorCode.UNAUTHORIZED, message), false).duplicate());
    Connection.closeHandshake(
        channel, new CloseWebSocketFrame(CloseCode.UNAUTHORIZED.code(), message));
  }

  private void open(
      Channel channel,
      WebSocketHandler handler,
      Principal principal,
      ContextInternal context,
      WatchSockets.Watch watch) {
    if (!channel.isActive() || handler.refused()) {
      return;
    }
    long seq = sequence.incrementAndGet();
    String id = ctx.node() + "." + Long.toString(seq, 36);
    ClientConfig client = ctx.client();
    Connection c =
        new Connection(
            id,
            seq,
            principal,
            channel,
            context,
            client.outboundQueueFrames(),
            client.outboundQueueBytes(),
            new RateLimiter(client.ratePerSecond(), client.rateBurst()),
            ctx.metrics(),
            client.writeCoalescing());
    if (principal.user() != null
        && !users.add(principal.user(), c, client.maxConnectionsPerUser())) {
      ctx.metrics()
          .refused(
              Refusal
                  .PER_USER); // per node: counting across nodes would cost a Redis call per connect
      HandshakeTimeout.done(channel);
      Connection.closeHandshake(
          channel,
          new CloseWebSocketFrame(
              CloseCode.TOO_MANY_CONNECTIONS.code(), CloseCode.TOO_MANY_CONNECTIONS.reason()));
      return;
    }
    connections.put(id, c);
    heartbeats.add(c, seq);
    handler.bind(c);
    if (watch != null) {
      watches.open(c, handler, watch); // no welcome, no user channel: it speaks the mode's frames
      return;
    }
    if (principal.user() == null) {
      welcome(c, handler, client);
      return;
    }
    // welcome only once the node receives the user's channel, so no notification sent after it is
    // lost
    Future<Void> subscribed =
        ctx.ports().pubSub().subscribe(RoomName.userChannel(principal.user()));
    c.userSubscription(subscribed);
    subscribed.onComplete(
        ar ->
            context.runOnContext(
                v -> {
                  if (ar.succeeded()) {
                    welcome(c, handler, client);
                  } else {
                    c.close(CloseCode.UNAVAILABLE);
                  }
                }));
  }

  private void welcome(Connection c, WebSocketHandler handler, ClientConfig client) {
    HandshakeTimeout.done(c.channel());
    c.send(
        Frames.welcome(c.id(), c.user(), ctx.node(), Math.max(1, client.heartbeat().toSeconds())));
    handler.attach(dispatcher);
  }

  private void closed(Connection c) {
    c.markClosed();
    if (connections.remove(c.id()) == null) {
      return;
    }
    heartbeats.remove(c, c.sequence());
    leaving.incrementAndGet();
    membership
        .leaveAll(c)
        .onComplete(
            ar -> {
              leaving.decrementAndGet();
              checkClosedAll();
            });
    if (c.user() != null) {
      users.remove(c.user(), c);
      // only a reference the subscribe took: a failed one took none, and must not drop another
      // tab's
      c.userSubscription()
          .onSuccess(v -> ctx.ports().pubSub().unsubscribe(RoomName.userChannel(c.user())));
    }
  }

  /** Completes {@link #shutdown}'s future once no connection is open and no leave is in flight. */
  private void checkClosedAll() {
    if (stopping && connections.isEmpty() && leaving.get() == 0) {
      closedAll.tryComplete();
    }
  }

  /**
   * The Netty channel under a Vert.x HTTP connection, for {@link HandshakeTimeout}'s timer. Like
   * the pipeline take-over in {@link #open}, it relies on Vert.x internals ({@code
   * ConnectionBase}), which only this class and {@link WebSocketHandler} touch.
   */
  static Channel channelOf(HttpConnection connection) {
    return ((ConnectionBase) connection).channel();
  }

  /**
   * How many connections this node holds: authenticated (or anonymous) ones not yet closed,
   * welcomed or about to be ({@code switchboard_connections}).
   *
   * @return the count
   */
  public int connectionCount() {
    return connections.size();
  }

  /**
   * The rooms of this node with the most local members (SPEC C5 dashboard; issue 12 point 2).
   *
   * @param n how many, at most
   * @return most members first; each with its count of publications delivered on this node
   */
  public java.util.List<RoomLoad> topRooms(int n) {
    return ctx.rooms().top(n);
  }

  /** The ids of the open connections (tests). */
  Set<String> connectionIds() {
    return Set.copyOf(connections.keySet());
  }

  /** The open connection with this id, or {@code null} (tests). */
  Connection connection(String id) {
    return connections.get(id);
  }

  /**
   * Sends a {@code notification} frame to every connection of {@code user}, cluster-wide, through
   * the user's pub/sub channel (at most once: no history).
   *
   * @param user the user id ({@code sub})
   * @param event the event name
   * @param data raw JSON text, spliced into the frame as it is
   * @return completes when the engine accepted it; failed if the engine is unreachable
   */
  public Future<Void> notify(String user, String event, String data) {
    return ctx.ports()
        .pubSub()
        .publish(RoomName.userChannel(user), new BusMessage.Notification(user, event, data));
  }

  /**
   * Closes every connection of {@code user}, cluster-wide, with close code 4004 and its fixed
   * reason.
   *
   * @param user the user id ({@code sub})
   * @param reason carried on the bus, but not put in the close frame
   * @return completes when the engine accepted it; failed if the engine is unreachable
   */
  public Future<Void> disconnect(String user, String reason) {
    return ctx.ports()
        .pubSub()
        .publish(RoomName.userChannel(user), new BusMessage.Disconnect(user, reason));
  }

  /**
   * Graceful stop: refuse new upgrades (503), stop heartbeats and presence counts, close every
   * connection with 1012 (reconnect). Call once.
   *
   * @return completes once every connection is closed and has left its rooms (presence removed and
   *     the leave broadcast to the other nodes), so the engine can be closed after it; never fails
   *     (a peer that does not answer its close frame is dropped after 5 s)
   */
  public Future<Void> shutdown() {
    stopping = true;
    heartbeats.stop();
    counts.stop();
    connections.values().forEach(c -> c.close(CloseCode.SHUTDOWN));
    checkClosedAll();
    return closedAll.future();
  }
}
