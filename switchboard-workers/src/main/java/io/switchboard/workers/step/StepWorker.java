package io.switchboard.workers.step;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.switchboard.workers.report.Completion;
import io.switchboard.workers.report.Reporter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step service (issue 9 point 7, SPEC C3): consumes a durable queue bound to {@code
 * step.<step_type>} on the workflow exchange, runs its {@link StepWork} on each {@code
 * workflow.next_step} message, reports the completion through its {@link Reporter}, and acks the
 * message only once the report was accepted (or found stale).
 *
 * <ul>
 *   <li><b>Idempotent.</b> Deliveries are at least once. A delivery whose {@link
 *       StepMessage#dedupKey()} was handled lately ({@link RecentIds}) does not run the work again:
 *       if the first is still in flight it is settled with it; if that was reported, it is acked
 *       without a second report; if the report failed transiently, the same completion is reported
 *       again.
 *   <li><b>Failures.</b> A malformed message (see {@link StepMessage#parse}) and a report the
 *       gateway refused for good are dead-lettered to {@code <queue>.dlq}. A failed work is a step
 *       failure, reported as {@code success: false}. A transient report failure leaves the message
 *       to the broker's redelivery backoff.
 *   <li><b>Concurrency</b> (issue 9 point 9). The worker consumes with the {@link Broker}'s
 *       concurrent consume: up to {@code concurrency} step messages of its type are in flight at
 *       once (work and report), in no particular order, each acked on its own; step types run in
 *       parallel. On RabbitMQ the queue is single-active-consumer: of several worker processes
 *       serving one step type, one receives at a time. Two deliveries of one message may be in
 *       flight together: the first claims its key in {@link RecentIds} atomically, the second
 *       settles with it. Nothing blocks: the work, the report and the retries are futures and
 *       timers.
 * </ul>
 */
public final class StepWorker {
  /** A step type: lower-case letters, digits, {@code _} and {@code -}, as one routing-key word. */
  public static final Pattern STEP_TYPE = Pattern.compile("[a-z0-9_-]{1,100}");

  private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);

  private final Broker broker;
  private final String exchange;
  private final String queue;
  private final String stepType;
  private final StepWork work;
  private final Reporter reporter;
  private final RecentIds recent;
  private final int concurrency;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failedSteps = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong stale = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile Runnable cancel;

  /**
   * @param broker the broker port
   * @param exchange the workflow exchange, e.g. {@code workflow_exchange}
   * @param queue the queue to declare and consume, e.g. {@code workers.image_processing}
   * @param stepType the step type served; bound as {@code step.<stepType>}
   * @param work what the step does
   * @param reporter how completions are reported
   * @param recentIds how many message ids are remembered for redeliveries, at least 1
   * @param concurrency how many step messages are handled at once, 1 to {@link
   *     Broker#MAX_CONCURRENCY}
   * @throws IllegalArgumentException if {@code stepType} is not a {@link #STEP_TYPE} or is {@code
   *     completed} (that routing key carries completions), {@code recentIds} is below 1 or {@code
   *     concurrency} out of range
   */
  public StepWorker(
      Broker broker,
      String exchange,
      String queue,
      String stepType,
      StepWork work,
      Reporter reporter,
      int recentIds,
      int concurrency) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.stepType = checkStepType(stepType);
    this.work = Objects.requireNonNull(work, "work");
    this.reporter = Objects.requireNonNull(reporter, "reporter");
    this.recent = new RecentIds(recentIds);
    this.concurrency = Broker.checkConcurrency(concurrency);
  }

  /**
   * Checks a step type.
   *
   * @return {@code stepType}
   * @throws IllegalArgumentException as the constructor says
   */
  public static String checkStepType(String stepType) {
    if (stepType == null
        || !STEP_TYPE.matcher(stepType).matches()
        || "completed".equals(stepType)) {
      throw new IllegalArgumentException(
          "step type "
              + stepType
              + " is not usable (allowed: 1 to 100 of a-z 0-9 _ -, not \"completed\")");
    }
    return stepType;
  }

  /** The step type served. */
  public String stepType() {
    return stepType;
  }

  /** The queue consumed. */
  public String queue() {
    return queue;
  }

  /**
   * Declares the exchange, the queue and its binding {@code step.<type>}, and starts consuming.
   * Call it on the Vert.x context the handling should run on (a verticle's).
   *
   * @return completes when consuming; failed while the broker is unreachable
   */
  public Future<Void> start() {
    return broker
        .bind(queue, exchange, "step." + stepType)
        .compose(v -> broker.consume(queue, concurrency, this::handle))
        .onSuccess(c -> cancel = c)
        .mapEmpty();
  }

  /** Stops consuming; unacked messages go back to the queue. Idempotent. */
  public void stop() {
    Runnable c = cancel;
    cancel = null;
    if (c != null) {
      c.run();
    }
  }

  /** The counts so far. */
  public WorkerCounts counts() {
    return new WorkerCounts(
        runs.get(),
        failedSteps.get(),
        accepted.get(),
        stale.get(),
        duplicates.get(),
        deadLettered.get());
  }

  /** The broker's handler: the future settles the delivery as the class comment says. */
  Future<Void> handle(BrokerMessage m) {
    StepMessage s;
    try {
      s = StepMessage.parse(m, stepType);
    } catch (Undeliverable e) {
      deadLettered.incrementAndGet();
      return Future.failedFuture(e);
    }
    Promise<Completion> completion = Promise.promise();
    Promise<Void> handled = Promise.promise();
    RecentIds.Entry mine = new RecentIds.Entry(completion.future(), handled.future());
    RecentIds.Claim claim = recent.claim(s.dedupKey(), mine, StepWorker::failedTransiently);
    RecentIds.Entry prior = claim.prior();
    if (!claim.claimed()) {
      duplicates.incrementAndGet();
      return prior.handled(); // in flight or settled: settle like it (ack, or dead-letter again)
    }
    Future<Completion> work =
        prior != null && prior.work().succeeded() ? prior.work() : run(s); // report it again
    work.onComplete(completion);
    work.compose(reporter::report).transform(ar -> settle(s, ar)).onComplete(handled);
    return handled.future();
  }

  /** Whether a handling is over and its report failed transiently (so it may be redone). */
  private static boolean failedTransiently(RecentIds.Entry e) {
    return e.handled().failed() && !Undeliverable.isPermanent(e.handled().cause());
  }

  private Future<Completion> run(StepMessage s) {
    runs.incrementAndGet();
    Future<JsonObject> result;
    try {
      result = work.run(s.payload());
      result = result == null ? Future.failedFuture("the work returned no future") : result;
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.transform(
        ar -> {
          if (ar.succeeded()) {
            JsonObject r = ar.result() == null ? new JsonObject() : ar.result();
            return Future.succeededFuture(
                Completion.succeeded(s.workflowId(), s.stepId(), stepType, r));
          }
          failedSteps.incrementAndGet();
          Throwable t = ar.cause();
          String why = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
          LOG.debug("step {}/{} ({}) failed: {}", s.workflowId(), s.stepId(), stepType, why);
          return Future.succeededFuture(
              Completion.failed(s.workflowId(), s.stepId(), stepType, why));
        });
  }

  private Future<Void> settle(StepMessage s, io.vertx.core.AsyncResult<Reporter.Outcome> ar) {
    if (ar.succeeded()) {
      (ar.result() == Reporter.Outcome.ACCEPTED ? accepted : stale).incrementAndGet();
      return Future.succeededFuture();
    }
    if (Undeliverable.isPermanent(ar.cause())) {
      deadLettered.incrementAndGet();
      LOG.warn(
          "step {}/{} ({}): completion refused for good, message dead-lettered to {}.dlq: {}",
          s.workflowId(),
          s.stepId(),
          stepType,
          queue,
          ar.cause().getMessage());
    }
    return Future.failedFuture(ar.cause());
  }
}
