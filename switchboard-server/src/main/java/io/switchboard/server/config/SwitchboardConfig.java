package io.switchboard.server.config;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole configuration tree (SPEC "Operations"): loaded from YAML, overridden by {@code
 * SWITCHBOARD_*} environment variables, validated at start by the app module. Every record here has
 * a {@code DEFAULT} with the documented defaults; {@code docs/configuration.md} lists them all.
 *
 * @param node this node's identity
 * @param server the HTTP/WebSocket listener
 * @param auth how client tokens are verified
 * @param api the server API for backends
 * @param client per-connection limits and heartbeats
 * @param buffer the event buffer toward the broker
 * @param engine which engine backs each port
 * @param consumer the consumer of backend-to-client traffic from the broker
 * @param outbox the outbox relay toward the broker (issue 8)
 * @param commands commands, events and queries (SPEC C2; issue 8)
 * @param workflows workflow orchestration (SPEC C3; issue 9)
 * @param tunnel the tunnel proxy and its controllers (SPEC C4; issue 10)
 * @param edge users, sign-in, access tokens and the JWKS (SPEC C5; issue 11)
 * @param rateLimits per-address, per-user and per-key HTTP rate limits (SPEC C5; issue 11)
 * @param log the log format and the access log (issue 11)
 * @param grpc the server API over gRPC (issue 11 point 4)
 * @param hooks signed webhooks of the node's signals (SPEC C5; issue 11 point 3)
 * @param telegram outcomes to a Telegram chat and bot commands (SPEC C5; issue 11 point 3)
 * @param dashboard the live dashboard at {@code /dashboard} (SPEC C5; issue 12 points 2 and 3)
 * @param namespaces room policy per namespace, by namespace name
 */
public record SwitchboardConfig(
    NodeConfig node,
    ServerConfig server,
    AuthConfig auth,
    ApiConfig api,
    ClientConfig client,
    BufferConfig buffer,
    EngineConfig engine,
    ConsumerConfig consumer,
    OutboxConfig outbox,
    CommandsConfig commands,
    WorkflowsConfig workflows,
    TunnelConfig tunnel,
    EdgeConfig edge,
    RateLimitConfig rateLimits,
    LogConfig log,
    GrpcConfig grpc,
    HooksConfig hooks,
    TelegramConfig telegram,
    DashboardConfig dashboard,
    Map<String, NamespaceConfig> namespaces) {

  /**
   * Every record's {@code DEFAULT}: memory engine, port 8000, anonymous off, no API key, the
   * quickstart namespaces ({@link NamespaceConfig#DEFAULTS}).
   */
  public static final SwitchboardConfig DEFAULT =
      new SwitchboardConfig(
          NodeConfig.DEFAULT,
          ServerConfig.DEFAULT,
          AuthConfig.DEFAULT,
          ApiConfig.DEFAULT,
          ClientConfig.DEFAULT,
          BufferConfig.DEFAULT,
          EngineConfig.DEFAULT,
          ConsumerConfig.DEFAULT,
          OutboxConfig.DEFAULT,
          CommandsConfig.DEFAULT,
          WorkflowsConfig.DEFAULT,
          TunnelConfig.DEFAULT,
          EdgeConfig.DEFAULT,
          RateLimitConfig.DEFAULT,
          LogConfig.DEFAULT,
          GrpcConfig.DEFAULT,
          HooksConfig.DEFAULT,
          TelegramConfig.DEFAULT,
          DashboardConfig.DEFAULT,
          NamespaceConfig.DEFAULTS);

  /**
   * Copies {@code namespaces}.
   *
   * @throws NullPointerException if a section or {@code namespaces} (or a name or policy in it) is
   *     null
   */
  public SwitchboardConfig {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(commands, "commands");
    Objects.requireNonNull(workflows, "workflows");
    Objects.requireNonNull(tunnel, "tunnel");
    Objects.requireNonNull(edge, "edge");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(grpc, "grpc");
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(telegram, "telegram");
    Objects.requireNonNull(dashboard, "dashboard");
    namespaces = Map.copyOf(namespaces);
  }

  /** A copy with another {@link NodeConfig}. */
  public SwitchboardConfig withNode(NodeConfig node) {
    return copy(p -> p.node = node);
  }

  /** A copy with another {@link ServerConfig} (tests use it to pick a free port). */
  public SwitchboardConfig withServer(ServerConfig server) {
    return copy(p -> p.server = server);
  }

  /** A copy with another {@link AuthConfig}. */
  public SwitchboardConfig withAuth(AuthConfig auth) {
    return copy(p -> p.auth = auth);
  }

  /** A copy with another {@link ApiConfig}. */
  public SwitchboardConfig withApi(ApiConfig api) {
    return copy(p -> p.api = api);
  }

  /** A copy with another {@link ClientConfig}. */
  public SwitchboardConfig withClient(ClientConfig client) {
    return copy(p -> p.client = client);
  }

  /** A copy with another {@link BufferConfig}. */
  public SwitchboardConfig withBuffer(BufferConfig buffer) {
    return copy(p -> p.buffer = buffer);
  }

  /** A copy with another {@link EngineConfig}. */
  public SwitchboardConfig withEngine(EngineConfig engine) {
    return copy(p -> p.engine = engine);
  }

  /** A copy with another {@link ConsumerConfig}. */
  public SwitchboardConfig withConsumer(ConsumerConfig consumer) {
    return copy(p -> p.consumer = consumer);
  }

  /** A copy with another {@link OutboxConfig}. */
  public SwitchboardConfig withOutbox(OutboxConfig outbox) {
    return copy(p -> p.outbox = outbox);
  }

  /** A copy with another {@link CommandsConfig}. */
  public SwitchboardConfig withCommands(CommandsConfig commands) {
    return copy(p -> p.commands = commands);
  }

  /** A copy with another {@link WorkflowsConfig}. */
  public SwitchboardConfig withWorkflows(WorkflowsConfig workflows) {
    return copy(p -> p.workflows = workflows);
  }

  /** A copy with another {@link TunnelConfig}. */
  public SwitchboardConfig withTunnel(TunnelConfig tunnel) {
    return copy(p -> p.tunnel = tunnel);
  }

  /** A copy with another {@link EdgeConfig}. */
  public SwitchboardConfig withEdge(EdgeConfig edge) {
    return copy(p -> p.edge = edge);
  }

  /** A copy with another {@link RateLimitConfig}. */
  public SwitchboardConfig withRateLimits(RateLimitConfig rateLimits) {
    return copy(p -> p.rateLimits = rateLimits);
  }

  /** A copy with another {@link LogConfig}. */
  public SwitchboardConfig withLog(LogConfig log) {
    return copy(p -> p.log = log);
  }

  /** A copy with another {@link GrpcConfig}. */
  public SwitchboardConfig withGrpc(GrpcConfig grpc) {
    return copy(p -> p.grpc = grpc);
  }

  /** A copy with another {@link HooksConfig}. */
  public SwitchboardConfig withHooks(HooksConfig hooks) {
    return copy(p -> p.hooks = hooks);
  }

  /** A copy with another {@link TelegramConfig}. */
  public SwitchboardConfig withTelegram(TelegramConfig telegram) {
    return copy(p -> p.telegram = telegram);
  }

  /** A copy with another {@link DashboardConfig}. */
  public SwitchboardConfig withDashboard(DashboardConfig dashboard) {
    return copy(p -> p.dashboard = dashboard);
  }

  /** A copy with other namespaces. */
  public SwitchboardConfig withNamespaces(Map<String, NamespaceConfig> namespaces) {
    return copy(p -> p.namespaces = namespaces);
  }

  private SwitchboardConfig copy(Consumer<Parts> change) {
    Parts p = new Parts(this);
    change.accept(p);
    return p.build();
  }

  /** The components, mutable, for the {@code with…} copies: one constructor call for all. */
  private static final class Parts {
    private NodeConfig node;
    private ServerConfig server;
    private AuthConfig auth;
    private ApiConfig api;
    private ClientConfig client;
    private BufferConfig buffer;
    private EngineConfig engine;
    private ConsumerConfig consumer;
    private OutboxConfig outbox;
    private CommandsConfig commands;
    private WorkflowsConfig workflows;
    private TunnelConfig tunnel;
    private EdgeConfig edge;
    private RateLimitConfig rateLimits;
    private LogConfig log;
    private GrpcConfig grpc;
    private HooksConfig hooks;
    private TelegramConfig telegram;
    private DashboardConfig dashboard;
    private Map<String, NamespaceConfig> namespaces;

    private Parts(SwitchboardConfig c) {
      node = c.node;
      server = c.server;
      auth = c.auth;
      api = c.api;
      client = c.client;
      buffer = c.buffer;
      engine = c.engine;
      consumer = c.consumer;
      outbox = c.outbox;
      commands = c.commands;
      workflows = c.workflows;
      tunnel = c.tunnel;
      edge = c.edge;
      rateLimits = c.rateLimits;
      log = c.log;
      grpc = c.grpc;
      hooks = c.hooks;
      telegram = c.telegram;
      dashboard = c.dashboard;
      namespaces = c.namespaces;
    }

    private SwitchboardConfig build() {
      return new SwitchboardConfig(
          node,
          server,
          auth,
          api,
          client,
          buffer,
          engine,
          consumer,
          outbox,
          commands,
          workflows,
          tunnel,
          edge,
          rateLimits,
          log,
          grpc,
          hooks,
          telegram,
          dashboard,
          namespaces);
    }
  }
}
