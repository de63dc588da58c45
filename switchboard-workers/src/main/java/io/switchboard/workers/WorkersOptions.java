package io.switchboard.workers;

import io.switchboard.core.broker.Broker;
import io.switchboard.workers.examples.ExampleWorks;
import io.switchboard.workers.report.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ExampleWorkers} run (CLI {@code switchboard worker}, docs/workers.md).
 *
 * @param steps the step types to serve, a non-empty subset of {@link ExampleWorks#STEP_TYPES}
 *     without repeats
 * @param exchange the workflow exchange (seed 002: {@code workflow_exchange}); not blank
 * @param queuePrefix each step type's durable queue is {@code <queuePrefix><step_type>} (default
 *     {@code workers.}); not blank
 * @param report how completions are reported
 * @param gateway the gateway's base URL for {@link ReportMode#HTTP} (default {@code
 *     http://127.0.0.1:8000}, the gateway's default port)
 * @param apiKey the service key sent as {@code X-API-Key}; required for {@link ReportMode#HTTP}
 *     when the workers start, {@code ""} otherwise
 * @param delay injected delay before each step's work; zero (default) for none
 * @param failEvery every N-th step of each type fails on purpose; 0 (default) for never
 * @param recentIds message ids each worker remembers for redeliveries (default 10000), at least 1
 * @param concurrency step messages each step type's worker handles at once (default {@value
 *     #DEFAULT_CONCURRENCY}; issue 9 point 9: a report waits ~15 ms on the gateway, so one at a
 *     time caps a step type near 60 steps/s), 1 to {@link Broker#MAX_CONCURRENCY}; no order between
 *     them
 * @param requestTimeout the longest one completion request may take (default 10 s); positive
 * @param retry how a transient report failure is retried before the broker redelivers the message
 *     (default {@link Backoff#DEFAULT})
 */
public record WorkersOptions(
    List<String> steps,
    String exchange,
    String queuePrefix,
    ReportMode report,
    URI gateway,
    String apiKey,
    Duration delay,
    int failEvery,
    int recentIds,
    int concurrency,
    Duration requestTimeout,
    Backoff retry) {
  /** The seed's exchange. */
  public static final String DEFAULT_EXCHANGE = "workflow_exchange";

  /** The default queue prefix. */
  public static final String DEFAULT_QUEUE_PREFIX = "workers.";

  /** The default {@link #concurrency()}: 16 step messages per step type at once. */
  public static final int DEFAULT_CONCURRENCY = 16;

  /** The default gateway: a local node on its default port. */
  public static final URI DEFAULT_GATEWAY = URI.create("http://127.0.0.1:8000");

  /**
   * @throws IllegalArgumentException naming the parameter when a value is out of range
   * @throws NullPointerException when a value is null
   */
  public WorkersOptions {
    steps = List.copyOf(steps);
    if (steps.isEmpty()
        || !ExampleWorks.STEP_TYPES.containsAll(steps)
        || new LinkedHashSet<>(steps).size() != steps.size()) {
      throw new IllegalArgumentException(
          "steps: "
              + steps
              + " (allowed: one or more of "
              + String.join(", ", ExampleWorks.STEP_TYPES)
              + ", each once)");
    }
    require(!exchange.isBlank(), "exchange: must not be blank");
    require(!queuePrefix.isBlank(), "queuePrefix: must not be blank");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(apiKey, "apiKey");
    require(!delay.isNegative(), "delay: must not be negative (got " + delay + ")");
    require(failEvery >= 0, "failEvery: must not be negative (got " + failEvery + ")");
    require(recentIds >= 1, "recentIds: must be at least 1 (got " + recentIds + ")");
    require(
        concurrency >= 1 && concurrency <= Broker.MAX_CONCURRENCY,
        "concurrency: " + concurrency + " (allowed: 1 to " + Broker.MAX_CONCURRENCY + ")");
    require(
        !requestTimeout.isNegative() && !requestTimeout.isZero(),
        "requestTimeout: must be positive (got " + requestTimeout + ")");
    Objects.requireNonNull(retry, "retry");
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Every default: all three steps, HTTP to a local gateway, no API key yet. */
  public static WorkersOptions defaults() {
    return new WorkersOptions(
        ExampleWorks.STEP_TYPES,
        DEFAULT_EXCHANGE,
        DEFAULT_QUEUE_PREFIX,
        ReportMode.HTTP,
        DEFAULT_GATEWAY,
        "",
        Duration.ZERO,
        0,
        10_000,
        DEFAULT_CONCURRENCY,
        Duration.ofSeconds(10),
        Backoff.DEFAULT);
  }

  /** These options serving {@code steps}. */
  public WorkersOptions withSteps(List<String> steps) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        report,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options on {@code exchange} with queues {@code <queuePrefix><step_type>}. */
  public WorkersOptions withTopology(String exchange, String queuePrefix) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        report,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options reporting over HTTP to {@code gateway} with {@code apiKey}. */
  public WorkersOptions withHttp(URI gateway, String apiKey) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        ReportMode.HTTP,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options reporting by publishing {@code step.completed}. */
  public WorkersOptions withBrokerReports() {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        ReportMode.BROKER,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options with injected faults. */
  public WorkersOptions withFaults(Duration delay, int failEvery) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        report,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options with another report retry and request timeout. */
  public WorkersOptions withRetry(Backoff retry, Duration requestTimeout) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        report,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** These options handling up to {@code concurrency} step messages per step type at once. */
  public WorkersOptions withConcurrency(int concurrency) {
    return new WorkersOptions(
        steps,
        exchange,
        queuePrefix,
        report,
        gateway,
        apiKey,
        delay,
        failEvery,
        recentIds,
        concurrency,
        requestTimeout,
        retry);
  }

  /** The queue of {@code stepType}: {@code <queuePrefix><stepType>}. */
  public String queue(String stepType) {
    return queuePrefix + stepType;
  }
}
