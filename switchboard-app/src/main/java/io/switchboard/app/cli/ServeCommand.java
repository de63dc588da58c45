package io.switchboard.app.cli;

import io.switchboard.app.capability.Capabilities;
import io.switchboard.app.engine.Engines;
import io.switchboard.app.logging.LogFormat;
import io.switchboard.server.Capability;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.NodeConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.ops.TransportInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard [serve] [-c file]}, the default command (SPEC "Operations"): the composition
 * root. Loads and validates the configuration, creates Vert.x on the transport of {@code
 * server.transport} ({@link TransportChoice}), the engine ports ({@link Engines}) and the server
 * with its capabilities (commands and queries with the board example when {@code commands.enabled},
 * workflows when {@code workflows.enabled}), and installs a shutdown hook for a graceful stop
 * (server stop bounded by {@code server.shutdownGrace} × 2 + 5 s: closing the connections and
 * draining the event buffer get one grace each; then Vert.x closed). Returns once the node listens;
 * Vert.x threads keep the JVM alive.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run a gateway node (the default command).")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  @Mixin ConfigOption config;
  @Spec CommandSpec spec;
  private final Map<String, String> env;
  private volatile boolean started;

  /**
   * @param env the environment ({@code SWITCHBOARD_*} overrides, {@code SWITCHBOARD_CONFIG})
   */
  public ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  /** Whether the node is listening (then {@code main} must not exit the JVM). */
  public boolean started() {
    return started;
  }

  /**
   * @return 0 when listening, 1 when an engine or the server failed to start within a minute
   *     (logged; Vert.x closed again), 2 on a configuration problem (printed to stderr)
   * @throws Exception when closing Vert.x after a failed start fails or takes over 10 s
   */
  @Override
  public Integer call() throws Exception {
    ConfigOption.Checked checked = config.loadChecked(env, spec.commandLine().getErr());
    if (checked == null) {
      return 2;
    }
    SwitchboardConfig c = checked.config();
    LogFormat.apply(c.log());
    List<String> warnings = checked.warnings();
    warnings.forEach(w -> LOG.warn("config: {}", w));
    if (c.node().id().isEmpty()) {
      c = c.withNode(new NodeConfig("node-" + UUID.randomUUID().toString().substring(0, 8)));
    }
    LOG.info("{}", HeapFreeRatios.applyHere());
    // server.transport: io_uring, epoll or NIO, falling back in that order (issue 13 point 2)
    TransportChoice transport = TransportChoice.of(c.server());
    if (transport.warning() != null) {
      LOG.warn("{}", transport.warning());
    } else if (transport.note() != null) {
      LOG.info("{}", transport.note());
    }
    c = c.withServer(c.server().withTransport(transport.transport()));
    VertxOptions options = new VertxOptions();
    if (c.server().eventLoops() > 0) {
      options.setEventLoopPoolSize(c.server().eventLoops());
    }
    Vertx vertx = transport.build(options);
    SwitchboardConfig effective = c;
    List<Capability> capabilities = Capabilities.of(c);
    SwitchboardServer server;
    try {
      server =
          await(
              Engines.create(vertx, c.engine())
                  .compose(ports -> SwitchboardServer.start(vertx, effective, ports, capabilities)),
              Duration.ofMinutes(1));
    } catch (Exception e) {
      Throwable cause =
          e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
              ? e.getCause()
              : e;
      LOG.error("Switchboard failed to start: {}", cause.getMessage(), cause);
      await(vertx.close(), Duration.ofSeconds(10));
      return 1;
    }
    LOG.info(
        "Switchboard listening on http://{}:{} (node {}, {} transport)",
        c.server().host(),
        server.port(),
        c.node().id(),
        TransportInfo.name(vertx, c.server().transport()));
    // stop() bounds closing the connections and draining the event buffer by one grace each
    Duration grace = c.server().shutdownGrace().multipliedBy(2).plusSeconds(5);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(vertx, server, grace), "switchboard-shutdown"));
    started = true;
    return 0;
  }

  private static void stop(Vertx vertx, SwitchboardServer server, Duration grace) {
    LOG.info("Switchboard stopping (waiting up to {} s)", grace.toSeconds());
    try {
      await(server.stop(), grace);
      LOG.info("Switchboard stopped");
    } catch (Exception e) {
      LOG.warn("Switchboard did not stop cleanly: {}", e.toString());
    } finally {
      try {
        await(vertx.close(), Duration.ofSeconds(10));
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly: {}", e.toString());
      }
    }
  }

  private static <T> T await(Future<T> future, Duration timeout) throws Exception {
    return future
        .toCompletionStage()
        .toCompletableFuture()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
