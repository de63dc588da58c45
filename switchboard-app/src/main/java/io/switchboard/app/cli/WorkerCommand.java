package io.switchboard.app.cli;

import io.switchboard.core.Secrets;
import io.switchboard.core.broker.Broker;
import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.workers.ExampleWorkers;
import io.switchboard.workers.ReportMode;
import io.switchboard.workers.WorkersOptions;
import io.switchboard.workers.examples.ExampleWorks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard worker} (issue 9 point 7, docs/workers.md): runs the example step services of
 * seed 002 ({@code image_processing}, {@code ai_enhancement}, {@code seo_generation}) against
 * RabbitMQ. Each consumes its durable queue {@code <queue-prefix><step>} bound to {@code
 * step.<step>} on the workflow exchange, up to {@code --concurrency} messages at once (issue 9
 * point 9), and reports completions to the gateway over HTTP ({@code --gateway}, {@code --api-key})
 * or by publishing {@code step.completed} ({@code --report broker}). Runs until SIGTERM (unacked
 * messages go back to their queues).
 *
 * <p>Environment defaults: {@code --rabbitmq-uri} from {@code SWITCHBOARD_ENGINE_RABBITMQ_URI},
 * {@code --api-key} from {@code SWITCHBOARD_API_KEY}, else the first of {@code
 * SWITCHBOARD_API_KEYS} (the gateway's own keys), {@code --exchange} from {@code
 * SWITCHBOARD_WORKFLOWS_EXCHANGE}.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Run the example workflow step workers (image_processing, ai_enhancement,"
            + " seo_generation) on RabbitMQ, reporting completions to the gateway.")
public final class WorkerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--rabbitmq-uri",
      paramLabel = "<uri>",
      description =
          "RabbitMQ (default: $SWITCHBOARD_ENGINE_RABBITMQ_URI, else "
              + RabbitEngineOptions.DEFAULT_URI
              + ").")
  String rabbitmqUri;

  @Option(
      names = "--gateway",
      paramLabel = "<url>",
      description = "The gateway's base URL for HTTP reports (default: ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:8000")
  String gateway;

  @Option(
      names = "--api-key",
      paramLabel = "<key>",
      description =
          "Service key sent as X-API-Key (default: $SWITCHBOARD_API_KEY, else the first of"
              + " $SWITCHBOARD_API_KEYS).")
  String apiKey;

  @Option(
      names = "--steps",
      split = ",",
      paramLabel = "<step>",
      description =
          "Step types to serve (default: all of image_processing,ai_enhancement,seo_generation).")
  List<String> steps = new ArrayList<>(ExampleWorks.STEP_TYPES);

  @Option(
      names = "--exchange",
      paramLabel = "<name>",
      description =
          "The workflow exchange (default: $SWITCHBOARD_WORKFLOWS_EXCHANGE, else workflow_exchange).")
  String exchange;

  @Option(
      names = "--queue-prefix",
      paramLabel = "<prefix>",
      defaultValue = WorkersOptions.DEFAULT_QUEUE_PREFIX,
      description = "Each step's queue is <prefix><step> (default: ${DEFAULT-VALUE}).")
  String queuePrefix;

  @Option(
      names = "--report",
      paramLabel = "http|broker",
      defaultValue = "http",
      description =
          "Report completions over HTTP or by publishing step.completed (default: ${DEFAULT-VALUE}).")
  String report;

  @Option(
      names = "--delay",
      paramLabel = "<duration>",
      defaultValue = "0ms",
      converter = DurationConverter.class,
      description = "Injected delay before each step's work, e.g. 50ms (default: none).")
  Duration delay;

  @Option(
      names = "--concurrency",
      paramLabel = "<n>",
      defaultValue = "" + WorkersOptions.DEFAULT_CONCURRENCY,
      description =
          "Step messages each step type handles at once, in no particular order, 1 to "
              + Broker.MAX_CONCURRENCY
              + " (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--fail-every",
      paramLabel = "<n>",
      defaultValue = "0",
      description = "Every n-th step of each type fails on purpose (default: 0, never).")
  int failEvery;

  private final Map<String, String> env;
  private volatile boolean started;

  /**
   * @param env the environment (the defaults named in the class comment)
   */
  public WorkerCommand(Map<String, String> env) {
    this.env = env;
  }

  /** Whether the workers are running (then {@code main} must not exit the JVM). */
  public boolean started() {
    return started;
  }

  /**
   * @return 0 when the workers run, 1 when RabbitMQ is unreachable or the queues cannot be declared
   *     within a minute (logged), 2 on a usage problem (printed to stderr with the allowed values)
   * @throws Exception when closing Vert.x after a failed start fails or takes over 10 s
   */
  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    WorkersOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("worker: " + e.getMessage());
      err.flush();
      return 2;
    }
    String uri = rabbitmqUri != null ? rabbitmqUri : env("SWITCHBOARD_ENGINE_RABBITMQ_URI");
    uri = uri != null ? uri : RabbitEngineOptions.DEFAULT_URI;
    if (!uri.startsWith("amqp://") && !uri.startsWith("amqps://")) {
      err.println(
          "--rabbitmq-uri: " + Secrets.mask(uri) + " (allowed: an amqp:// or amqps:// URI)");
      err.flush();
      return 2;
    }
    String connection = "switchboard-worker-" + UUID.randomUUID().toString().substring(0, 8);
    RabbitEngineOptions rabbit =
        RabbitEngineOptions.defaults().withUri(uri).withConnectionName(connection);
    Vertx vertx = Vertx.vertx();
    RabbitEngine engine;
    ExampleWorkers workers;
    try {
      engine = await(RabbitEngine.connect(vertx, rabbit), Duration.ofMinutes(1));
      workers =
          await(
              ExampleWorkers.start(vertx, engine.broker(), options)
                  .recover(e -> engine.close().transform(ar -> Future.failedFuture(e))),
              Duration.ofMinutes(1));
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("workers failed to start: {}", Secrets.mask(String.valueOf(cause.getMessage())));
      await(vertx.close(), Duration.ofSeconds(10));
      return 1;
    }
    LOG.info(
        "workers running on {} (connection {}); stop with SIGTERM", Secrets.mask(uri), connection);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(vertx, engine, workers), "switchboard-worker-shutdown"));
    started = true;
    return 0;
  }

  /** The options from the command line and the environment. */
  WorkersOptions options() {
    ReportMode mode =
        switch (report.toLowerCase(Locale.ROOT)) {
          case "http" -> ReportMode.HTTP;
          case "broker" -> ReportMode.BROKER;
          default ->
              throw new IllegalArgumentException(
                  "--report: " + report + " (allowed: http, broker)");
        };
    for (String s : steps) {
      if (!ExampleWorks.STEP_TYPES.contains(s)) {
        throw new IllegalArgumentException(
            "--steps: unknown step type "
                + s
                + " (allowed: "
                + String.join(", ", ExampleWorks.STEP_TYPES)
                + ")");
      }
    }
    if (failEvery < 0) {
      throw new IllegalArgumentException("--fail-every: " + failEvery + " (allowed: 0 or more)");
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("--delay: " + delay + " (allowed: 0 or more)");
    }
    if (concurrency < 1 || concurrency > Broker.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "--concurrency: " + concurrency + " (allowed: 1 to " + Broker.MAX_CONCURRENCY + ")");
    }
    String ex = exchange != null ? exchange : env("SWITCHBOARD_WORKFLOWS_EXCHANGE");
    WorkersOptions o =
        WorkersOptions.defaults()
            .withSteps(steps.stream().distinct().toList())
            .withTopology(ex != null ? ex : WorkersOptions.DEFAULT_EXCHANGE, queuePrefix)
            .withFaults(delay, failEvery)
            .withConcurrency(concurrency);
    if (mode == ReportMode.BROKER) {
      return o.withBrokerReports();
    }
    String key = apiKey != null ? apiKey : env("SWITCHBOARD_API_KEY");
    if (key == null) {
      String keys = env("SWITCHBOARD_API_KEYS");
      key =
          keys == null
              ? null
              : Arrays.stream(keys.split(","))
                  .map(String::trim)
                  .filter(k -> !k.isEmpty())
                  .findFirst()
                  .orElse(null);
    }
    if (key == null) {
      throw new IllegalArgumentException(
          "--api-key: required with --report http (or set SWITCHBOARD_API_KEY; a key of the"
              + " gateway's api.keys)");
    }
    URI url;
    try {
      url = URI.create(gateway);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--gateway: " + gateway + " is not a URL");
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "--gateway: " + gateway + " (allowed: an http:// or https:// URL with a host)");
    }
    return o.withHttp(url, key);
  }

  private String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static void stop(Vertx vertx, RabbitEngine engine, ExampleWorkers workers) {
    LOG.info("workers stopping: {}", workers.counts());
    try {
      await(workers.stop(), Duration.ofSeconds(10));
      await(engine.close(), Duration.ofSeconds(10));
    } catch (Exception e) {
      LOG.warn("workers did not stop cleanly: {}", e.toString());
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
