package io.switchboard.server.config;

import java.util.Map;
import java.util.Objects;

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
 * @param hooks signed webhooks of the node's signals (SPEC C5; issue 11 point 3)
 * @param telegram outcomes to a Telegram chat and bot commands (SPEC C5; issue 11 point 3)
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
    HooksConfig hooks,
    TelegramConfig telegram,
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
          HooksConfig.DEFAULT,
          TelegramConfig.DEFAULT,
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
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(telegram, "telegram");
    namespaces = Map.copyOf(namespaces);
  }

  /** A copy with another {@link NodeConfig}. */
  public SwitchboardConfig withNode(NodeConfig node) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link AuthConfig}. */
  public SwitchboardConfig withAuth(AuthConfig auth) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link ApiConfig}. */
  public SwitchboardConfig withApi(ApiConfig api) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link BufferConfig}. */
  public SwitchboardConfig withBuffer(BufferConfig buffer) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link ClientConfig}. */
  public SwitchboardConfig withClient(ClientConfig client) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with other namespaces. */
  public SwitchboardConfig withNamespaces(Map<String, NamespaceConfig> namespaces) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link ConsumerConfig}. */
  public SwitchboardConfig withConsumer(ConsumerConfig consumer) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link CommandsConfig}. */
  public SwitchboardConfig withCommands(CommandsConfig commands) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link ServerConfig} (tests use it to pick a free port). */
  public SwitchboardConfig withServer(ServerConfig server) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link WorkflowsConfig}. */
  public SwitchboardConfig withWorkflows(WorkflowsConfig workflows) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link TunnelConfig}. */
  public SwitchboardConfig withTunnel(TunnelConfig tunnel) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link EdgeConfig}. */
  public SwitchboardConfig withEdge(EdgeConfig edge) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link HooksConfig}. */
  public SwitchboardConfig withHooks(HooksConfig hooks) {
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
        hooks,
        telegram,
        namespaces);
  }

  /** A copy with another {@link TelegramConfig}. */
  public SwitchboardConfig withTelegram(TelegramConfig telegram) {
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
        hooks,
        telegram,
        namespaces);
  }
}
