package io.switchboard.agent;

import io.switchboard.agent.route.Routes;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code agent} command (SPEC C4, docs/agent.md): {@code java -jar switchboard-agent.jar ...}
 * or {@code switchboard agent ...}. Every option falls back to an environment variable ({@code
 * SWITCHBOARD_AGENT_*}), then to its default. Exit status 2 on a usage error (a missing gateway,
 * project, token or route, a malformed value); otherwise the agent runs until SIGTERM, which closes
 * the WebSocket with 1000.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    version = "switchboard-agent 0.1.0",
    description =
        "Connect out to a Switchboard node over WebSocket and answer its tunnel requests by"
            + " forwarding them to a local HTTP service.")
public final class AgentMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--gateway",
      paramLabel = "<url>",
      description =
          "The node, e.g. ws://127.0.0.1:8080 or wss://sb.example.com (env SWITCHBOARD_AGENT_GATEWAY).")
  String gateway;

  @Option(
      names = "--project",
      paramLabel = "<id>",
      description = "The project id (env SWITCHBOARD_AGENT_PROJECT).")
  String project;

  @Option(
      names = "--token",
      paramLabel = "<token>",
      description =
          "The project token; prefer the environment (env SWITCHBOARD_AGENT_TOKEN). Never logged.")
  String token;

  @Option(
      names = "--route",
      paramLabel = "<type>=[<METHOD>:]<url>",
      description =
          "Repeatable: echo=POST:http://127.0.0.1:8080/echo, or *=http://127.0.0.1:8080 for"
              + " every other type (env SWITCHBOARD_AGENT_ROUTES, comma separated).")
  List<String> routes;

  @Option(
      names = "--connection-id",
      paramLabel = "<id>",
      description =
          "Sent as connection_id on every connection (default: a random UUID; env SWITCHBOARD_AGENT_CONNECTION_ID).")
  String connectionId;

  @Option(
      names = "--idle-timeout",
      paramLabel = "<duration>",
      description =
          "Reconnect after this long without a frame (default: 60s; env SWITCHBOARD_AGENT_IDLE_TIMEOUT).")
  String idleTimeout;

  @Option(
      names = "--backoff-initial",
      paramLabel = "<duration>",
      description =
          "First reconnect delay ceiling (default: 500ms; env SWITCHBOARD_AGENT_BACKOFF_INITIAL).")
  String backoffInitial;

  @Option(
      names = "--backoff-max",
      paramLabel = "<duration>",
      description = "Largest reconnect delay (default: 30s; env SWITCHBOARD_AGENT_BACKOFF_MAX).")
  String backoffMax;

  @Option(
      names = "--max-in-flight",
      paramLabel = "<n>",
      description =
          "Requests forwarded at once; more are answered busy (default: 64; env SWITCHBOARD_AGENT_MAX_IN_FLIGHT).")
  String maxInFlight;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "<size>",
      description =
          "Largest request or response body, e.g. 1048576 or 1MiB (default: 1MiB; env SWITCHBOARD_AGENT_MAX_BODY_BYTES).")
  String maxBodyBytes;

  @Option(
      names = "--upstream-timeout",
      paramLabel = "<duration>",
      description =
          "Deadline of one call to the local service (default: 10s; env SWITCHBOARD_AGENT_UPSTREAM_TIMEOUT).")
  String upstreamTimeout;

  private final Map<String, String> env;
  private volatile boolean started;

  /** Reads the process environment. */
  public AgentMain() {
    this(System.getenv());
  }

  /**
   * @param env the environment to read {@code SWITCHBOARD_AGENT_*} from (tests inject it)
   */
  public AgentMain(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Runs the standalone agent and exits with its status, except once the agent runs: then the
   * Vert.x threads keep the JVM alive until SIGTERM.
   *
   * @param args the options, see {@code --help}
   */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/switchboard/agent/logback.xml");
    }
    AgentMain command = new AgentMain();
    int code = new CommandLine(command).execute(args);
    if (code != 0 || !command.started()) {
      System.exit(code);
    }
  }

  /** Whether the agent is running (then {@code main} must not exit the JVM). */
  public boolean started() {
    return started;
  }

  /**
   * @return 0 when the agent runs, 2 on a usage problem (printed to stderr)
   */
  @Override
  public Integer call() {
    AgentOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("agent: " + e.getMessage());
      err.println("Try 'agent --help' for the options.");
      err.flush();
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    Agent agent = Agent.create(vertx, options);
    agent.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(vertx, agent), "switchboard-agent-shutdown"));
    started = true;
    return 0;
  }

  /**
   * The options from the command line, then the environment, then the defaults.
   *
   * @return the options
   * @throws IllegalArgumentException naming the option at fault and its allowed values
   */
  public AgentOptions options() {
    String url = value(gateway, "GATEWAY");
    if (url == null) {
      throw new IllegalArgumentException("--gateway: is not set (or SWITCHBOARD_AGENT_GATEWAY)");
    }
    String p = value(project, "PROJECT");
    String t = value(token, "TOKEN");
    require(p != null, "--project: is not set (or SWITCHBOARD_AGENT_PROJECT)");
    require(t != null, "--token: is not set (or SWITCHBOARD_AGENT_TOKEN)");
    String envRoutes = value(null, "ROUTES");
    List<String> specs =
        routes != null && !routes.isEmpty()
            ? routes
            : envRoutes != null ? Arrays.asList(envRoutes.split(",")) : List.of();
    require(!specs.isEmpty(), "--route: is not set (or SWITCHBOARD_AGENT_ROUTES)");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--gateway: " + url + " is not a URL");
    }
    String id = value(connectionId, "CONNECTION_ID");
    return new AgentOptions(
        uri,
        p,
        t,
        Routes.parse(specs),
        id != null ? id : UUID.randomUUID().toString(),
        Values.duration(
            "--idle-timeout",
            value(idleTimeout, "IDLE_TIMEOUT"),
            AgentOptions.DEFAULT_IDLE_TIMEOUT),
        Values.duration(
            "--backoff-initial",
            value(backoffInitial, "BACKOFF_INITIAL"),
            AgentOptions.DEFAULT_BACKOFF_INITIAL),
        Values.duration(
            "--backoff-max", value(backoffMax, "BACKOFF_MAX"), AgentOptions.DEFAULT_BACKOFF_MAX),
        (int)
            Values.count(
                "--max-in-flight",
                value(maxInFlight, "MAX_IN_FLIGHT"),
                AgentOptions.DEFAULT_MAX_IN_FLIGHT),
        Values.size(
            "--max-body-bytes",
            value(maxBodyBytes, "MAX_BODY_BYTES"),
            AgentOptions.DEFAULT_MAX_BODY_BYTES),
        Values.duration(
            "--upstream-timeout",
            value(upstreamTimeout, "UPSTREAM_TIMEOUT"),
            AgentOptions.DEFAULT_UPSTREAM_TIMEOUT));
  }

  /** The option as given, else {@code SWITCHBOARD_AGENT_<suffix>}, else {@code null}. */
  private String value(String given, String suffix) {
    String v = given != null ? given : env.get("SWITCHBOARD_AGENT_" + suffix);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void stop(Vertx vertx, Agent agent) {
    try {
      agent.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the JVM is going down anyway; the node sees the TCP close
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // as above
      }
    }
  }
}
