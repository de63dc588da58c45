package io.switchboard.server;

import io.switchboard.core.Ports;
import io.switchboard.core.broker.EventBuffer;
import io.switchboard.core.memory.MemoryRateLimits;
import io.switchboard.core.memory.MemoryRoomHistory;
import io.switchboard.core.outbox.OutboxRelay;
import io.switchboard.server.api.ServerApi;
import io.switchboard.server.auth.TokenVerifier;
import io.switchboard.server.config.BufferConfig;
import io.switchboard.server.config.DashboardConfig;
import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.consumer.BackendConsumer;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.server.gateway.HandshakeTimeout;
import io.switchboard.server.limit.HttpRateLimit;
import io.switchboard.server.ops.AccessLog;
import io.switchboard.server.ops.EventLoopLag;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.ops.HealthRoutes;
import io.switchboard.server.ops.HttpEdge;
import io.switchboard.server.ops.TransportInfo;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RoomPublisher;
import io.switchboard.server.signal.Signals;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Switchboard node: the WebSocket gateway ({@code GET /ws}), the server API ({@code
 * /api/v1/server}), {@code /health}, {@code /health/ready} and {@code /metrics} on one port, served
 * by one HTTP/1.1 server per event loop (SPEC C1, "Operations"). A plain {@code GET /ws} without an
 * upgrade gets 400; other unknown paths 404.
 */
public final class SwitchboardServer {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

  private final SwitchboardConfig config;
  private final Ports ports;
  private final EventBuffer buffer;
  private final Gateway gateway;
  private final List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
  private EventLoopLag lag;
  private BackendConsumer consumer;
  private OutboxRelay relay;
  private final List<Capability> capabilities = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Router router;
  private final Vertx vertx;
  private final String node;
  private final GatewayMetrics metrics;
  private final Signals signals = new Signals();
  private volatile boolean stopping;
  private volatile int port;

  private SwitchboardServer(
      Vertx vertx,
      SwitchboardConfig config,
      Ports ports,
      EventBuffer buffer,
      Gateway gateway,
      String node,
      GatewayMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.ports = ports;
    this.buffer = buffer;
    this.gateway = gateway;
    this.node = node;
    this.metrics = metrics;
  }

  /**
   * Starts a node: verifies the auth configuration (fetching the JWKS when configured), declares
   * every exchange a namespace forwards to, starts the backend consumer when enabled, then listens.
   *
   * @param vertx the Vert.x instance
   * @param config a validated configuration; an empty {@code node.id} becomes 8 random hex digits
   * @param ports the engine ports, each chosen by the wiring; the node becomes their pub/sub and
   *     expired-presence listener and closes them in {@link #stop}
   * @return the running node; failed if the auth configuration is unusable or the JWKS cannot be
   *     fetched, an exchange cannot be declared or the consumer started (broker down), or the port
   *     cannot be bound
   */
  public static Future<SwitchboardServer> start(
      Vertx vertx, SwitchboardConfig config, Ports ports) {
    return start(vertx, config, ports, List.of());
  }

  /**
   * Starts a node with capabilities in modules of their own (commands and queries, …), each started
   * before the node listens and stopped first when it stops.
   *
   * @param capabilities started in this order
   * @return the running node; failed if a capability, the port or the JWKS cannot start
   */
  public static Future<SwitchboardServer> start(
      Vertx vertx, SwitchboardConfig config, Ports ports, List<Capability> capabilities) {
    String node =
        config.node().id().isEmpty()
            ? UUID.randomUUID().toString().substring(0, 8)
            : config.node().id();
    GatewayMetrics metrics = new GatewayMetrics();
    BufferConfig b = config.buffer();
    EventBuffer buffer =
        new EventBuffer(
            vertx,
            ports.broker(),
            b.flushInterval(),
            b.flushSize(),
            b.capacity(),
            b.retryInitial(),
            b.retryMax(),
            rejected -> metrics.bufferDeadLetter());
    metrics.bufferGauge(buffer::pending);
    metrics.bufferRefused(buffer::refused);
    if (ports.history() instanceof MemoryRoomHistory memory) {
      metrics.memoryHistory(memory::streamCount, memory::publicationCount, memory::evictions);
    }
    if (ports.rateLimits() instanceof MemoryRateLimits limits) {
      metrics.memoryRateLimits(limits::size);
    }
    metrics.engineGauges(ports.engines());
    Namespaces namespaces = new Namespaces(withSystemNamespace(config));
    RoomPublisher publisher = new RoomPublisher(ports, namespaces, buffer);
    return TokenVerifier.create(vertx, config.auth())
        .compose(
            verifier -> {
              metrics.jwksRefreshFailures(verifier::jwksRefreshFailures);
              Gateway gateway =
                  new Gateway(
                      vertx,
                      node,
                      ports,
                      namespaces,
                      publisher,
                      verifier,
                      config.server(),
                      config.client(),
                      metrics);
              SwitchboardServer s =
                  new SwitchboardServer(vertx, config, ports, buffer, gateway, node, metrics);
              ServerApi api = new ServerApi(ports, namespaces, publisher, gateway);
              Router router = Router.router(vertx);
              s.router = router;
              HttpEdge.mount(router, config.server().allowedOrigins());
              if (config.log().access()) {
                AccessLog.mount(router);
              }
              HttpRateLimit.mount(
                  router,
                  ports.rateLimits(),
                  config.rateLimits(),
                  config.api().keys(),
                  verifier,
                  config.server().allowedOrigins(),
                  metrics.registry());
              router
                  .get("/ws")
                  .handler(
                      rc -> rc.response().setStatusCode(400).end("WebSocket upgrade required"));
              HealthRoutes.mount(router, ports, metrics, () -> s.stopping);
              api.mount(router, config.api().keys(), config.server().maxBodyBytes());
              s.consumer =
                  new BackendConsumer(
                      ports.broker(), config.consumer(), namespaces, publisher, gateway, metrics);
              // topology at start: every exchange a namespace forwards to exists before the first
              // publish
              List<Future<Void>> declared =
                  config.namespaces().values().stream()
                      .filter(n -> n.forward() != null)
                      .map(n -> n.forward().exchange())
                      .distinct()
                      .map(ports.broker()::declare)
                      .toList();
              s.relay =
                  new OutboxRelay(
                      vertx,
                      ports.store(),
                      ports.broker(),
                      ports.locks(),
                      config.outbox().pollInterval(),
                      config.outbox().batchSize(),
                      config.outbox().lockTtl());
              metrics.outbox(s.relay::published, s.relay::deadLetters, s.relay::failures);
              CapabilityContext context =
                  new CapabilityContext(
                      vertx, node, config, ports, router, verifier, gateway, publisher, metrics,
                      s::port, s.signals);
              return Future.all(declared)
                  .compose(v -> s.consumer.start())
                  .compose(v -> startAll(s, capabilities, context))
                  .compose(
                      v -> {
                        s.relay.start();
                        return s.listen(vertx, router);
                      });
            });
  }

  private Future<SwitchboardServer> listen(Vertx vertx, Router router) {
    lag = new EventLoopLag(metrics.registry());
    ServerConfig sc = config.server();
    int loops = sc.eventLoops() > 0 ? sc.eventLoops() : Runtime.getRuntime().availableProcessors();
    int frameLimit = Math.max(config.client().maxFrameBytes() * 16, 1024);
    // the message limit applies only where Vert.x assembles messages: a capability's own
    // WebSocket path (/event/ws), never /ws, whose pipeline has its own aggregator (Gateway#open).
    // A controller's reply over tunnel.maxMessageBytes fails that one request (502); only one over
    // twice that (plus 64 KiB) closes its connection. Frames stay bounded by frameLimit for both.
    int messageLimit = frameLimit;
    if (config.tunnel().enabled()) {
      messageLimit =
          (int)
              Math.min(
                  Integer.MAX_VALUE - 8,
                  Math.max(frameLimit, 2L * config.tunnel().maxMessageBytes() + 65536));
    }
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(sc.host())
            .setMaxWebSocketFrameSize(frameLimit)
            .setMaxWebSocketMessageSize(messageLimit)
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setRegisterWebSocketWriteHandlers(false)
            .setTcpNoDelay(true)
            // HTTP/1.1 only: Vert.x's h2c detection holds the connection (and our handshake timer)
            // back
            // until a first complete request arrives, so a slowloris would never be timed
            .setHttp2ClearTextEnabled(false)
            // an HTTP connection silent this long is closed; Gateway.open takes WebSockets out of
            // it
            .setIdleTimeout((int) sc.idleTimeout().toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    // one listener per event loop sharing the port; Vert.x shares a random port when it is negative
    int bindPort = sc.port() == 0 ? -1 : sc.port();
    return deploy(vertx, options.setPort(bindPort), router, loops)
        .map(
            v -> {
              port = servers.get(0).actualPort();
              String transport = TransportInfo.name(vertx, sc.transport());
              TransportInfo.register(metrics.registry(), transport);
              LOG.info(
                  "node {} listening on {}:{} with {} event loops ({})",
                  node,
                  sc.host(),
                  port,
                  loops,
                  transport);
              return this;
            });
  }

  private Future<Void> deploy(
      Vertx vertx, HttpServerOptions options, Router router, int instances) {
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    lag.probe(vertx);
                    Duration handshake = config.server().handshakeTimeout();
                    return vertx
                        .createHttpServer(options)
                        .connectionHandler(conn -> HandshakeTimeout.start(conn, handshake, metrics))
                        .requestHandler(
                            request -> {
                              HandshakeTimeout.done(request.connection());
                              router.handle(request);
                            })
                        .webSocketHandshakeHandler(gateway::handshake)
                        .webSocketHandler(gateway::open)
                        .listen()
                        .onSuccess(servers::add);
                  }
                },
            new DeploymentOptions().setInstances(instances))
        .onSuccess(deployments::add)
        .mapEmpty();
  }

  /**
   * The bound TCP port: {@code server.port}, or the free port picked for {@code server.port: 0}.
   */
  public int port() {
    return port;
  }

  /**
   * The HTTP routes mounted on the node, the server's and its capabilities', one {@code "METHOD
   * path"} each ({@code "ANY path"} for a route of every method, e.g. a key check on {@code
   * /api/v1/server/*}), sorted; routes without a path (the handlers on every request) are left out.
   * The access tests hold every one against its declared policy (issue 11 point 2).
   */
  public List<String> routes() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (io.vertx.ext.web.Route r : router.getRoutes()) {
      if (r.getPath() == null) {
        continue;
      }
      if (r.methods() == null || r.methods().isEmpty()) {
        out.add("ANY " + r.getPath());
      } else {
        r.methods().forEach(m -> out.add(m.name() + " " + r.getPath()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The node's in-process signals (issue 11 point 3): what the capabilities emit and subscribe to;
   * tests emit on it directly.
   */
  public Signals signals() {
    return signals;
  }

  /** The node's client gateway (notify or disconnect users, count connections); never null. */
  public Gateway gateway() {
    return gateway;
  }

  /**
   * This node's id: {@code node.id}, or the random one picked at start; in {@code welcome},
   * presence entries and connection ids.
   */
  public String node() {
    return node;
  }

  /**
   * Graceful stop (SPEC "Operations"), in this order: readiness turns red, the backend consumer is
   * cancelled, new upgrades get 503 and every connection is closed with 1012 (reconnect), the node
   * waits until each has left its rooms, the listeners are undeployed, the event buffer is drained,
   * then the engines are closed. Closing the connections and undeploying the listeners take at most
   * {@code server.shutdownGrace} from the call, the drain at most that again; the later steps run
   * even when an earlier one overran.
   *
   * @return completes when the engines are closed; failed only when undeploying the listeners
   *     failed or overran the grace (the buffer was still drained and the engines closed)
   */
  public Future<Void> stop() {
    stopping = true;
    if (consumer != null) {
      consumer.stop();
    }
    if (relay != null) {
      relay.stop();
    }
    Future<Void> capabilitiesStopped =
        Future.join(capabilities.stream().map(c -> c.stop().otherwiseEmpty()).toList())
            .otherwiseEmpty()
            .mapEmpty();
    Duration grace = config.server().shutdownGrace();
    // members leave (presence, leave broadcast) while the engine is still open
    Future<Void> connectionsClosed =
        gateway
            .shutdown()
            .timeout(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
            .recover(
                e -> {
                  LOG.warn(
                      "{} connections still open after {}; stopping anyway",
                      gateway.connectionCount(),
                      grace);
                  return Future.succeededFuture();
                });
    return capabilitiesStopped
        .compose(v -> connectionsClosed)
        .compose(v -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
        .timeout(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .eventually(
            () ->
                buffer
                    .drain(grace)
                    .onFailure(
                        e ->
                            LOG.error(
                                "event buffer not drained within {}: {} publications not forwarded",
                                grace,
                                buffer.pending())))
        .eventually(
            () -> {
              buffer.close();
              return ports.close();
            })
        .mapEmpty();
  }

  /** Starts the capabilities one after the other; remembers each started one for {@link #stop}. */
  private static Future<Void> startAll(
      SwitchboardServer s, List<Capability> capabilities, CapabilityContext context) {
    Future<Void> chain = Future.succeededFuture();
    for (Capability c : capabilities) {
      chain = chain.compose(v -> c.start(context).onSuccess(ok -> s.capabilities.add(c)));
    }
    return chain;
  }

  /**
   * The configured namespaces, plus {@code sys} ({@link DashboardConfig#NAMESPACE_POLICY}) while
   * the dashboard is enabled and the configuration does not name it: each node's stats frame goes
   * to {@code sys:metrics}, joined by admins only (docs/dashboard.md).
   */
  static java.util.Map<String, io.switchboard.server.config.NamespaceConfig> withSystemNamespace(
      SwitchboardConfig config) {
    if (!config.dashboard().enabled()
        || config.namespaces().containsKey(DashboardConfig.NAMESPACE)) {
      return config.namespaces();
    }
    java.util.Map<String, io.switchboard.server.config.NamespaceConfig> all =
        new java.util.HashMap<>(config.namespaces());
    all.put(DashboardConfig.NAMESPACE, DashboardConfig.NAMESPACE_POLICY);
    return all;
  }
}
