package io.switchboard.workers;

import io.switchboard.core.broker.Broker;
import io.switchboard.workers.examples.ExampleWorks;
import io.switchboard.workers.examples.Faults;
import io.switchboard.workers.report.BrokerReporter;
import io.switchboard.workers.report.HttpReporter;
import io.switchboard.workers.report.Reporter;
import io.switchboard.workers.step.StepWorker;
import io.switchboard.workers.step.WorkerCounts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example step services running in this process (issue 9 point 7): one {@link StepWorker} per
 * configured step type, each on its own verticle (so step types are handled on their own event loop
 * contexts), all sharing one {@link Reporter}.
 *
 * <p>Works on any {@link Broker}: {@code switchboard worker} passes the RabbitMQ engine's, an
 * embedded node can pass its memory broker and its own URL ({@code workflows.exampleWorkers}).
 */
public final class ExampleWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleWorkers.class);

  /** The most HTTP connections the workers open to the gateway: 128. */
  static final int MAX_CONNECTIONS = 128;

  private final Vertx vertx;
  private final Reporter reporter;
  private final List<StepWorker> workers;
  private final List<String> deployments;

  private ExampleWorkers(
      Vertx vertx, Reporter reporter, List<StepWorker> workers, List<String> deployments) {
    this.vertx = vertx;
    this.reporter = reporter;
    this.workers = workers;
    this.deployments = deployments;
  }

  /**
   * Declares each step's queue ({@code <queuePrefix><step_type>}, bound to {@code step.<step_type>}
   * on the exchange) and starts consuming.
   *
   * @param vertx where the workers run
   * @param broker the broker the gateway dispatches steps on
   * @param options steps, topology, reporting, faults
   * @return the running workers; failed with {@link IllegalArgumentException} when HTTP reporting
   *     has no API key or a bad gateway URL, or with the broker's error (already started workers
   *     are stopped again)
   */
  public static Future<ExampleWorkers> start(Vertx vertx, Broker broker, WorkersOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(options, "options");
    Reporter reporter;
    try {
      reporter =
          options.report() == ReportMode.HTTP
              ? new HttpReporter(
                  vertx,
                  options.gateway(),
                  options.apiKey(),
                  options.retry(),
                  options.requestTimeout(),
                  connections(options))
              : new BrokerReporter(broker, options.exchange(), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<StepWorker> workers = new ArrayList<>();
    for (String type : options.steps()) {
      workers.add(
          new StepWorker(
              broker,
              options.exchange(),
              options.queue(type),
              type,
              Faults.wrap(ExampleWorks.of(type), vertx, options.delay(), options.failEvery()),
              reporter,
              options.recentIds(),
              options.concurrency()));
    }
    List<String> deployments = new ArrayList<>();
    ExampleWorkers running = new ExampleWorkers(vertx, reporter, workers, deployments);
    Future<Void> chain = Future.succeededFuture();
    for (StepWorker w : workers) {
      chain =
          chain
              .compose(v -> vertx.deployVerticle(new WorkerVerticle(w)).onSuccess(deployments::add))
              .mapEmpty();
    }
    return chain
        .map(
            v -> {
              LOG.info(
                  "example workers consuming {} on exchange {} ({} at once per step), reporting {}",
                  options.steps(),
                  options.exchange(),
                  options.concurrency(),
                  options.report() == ReportMode.HTTP
                      ? "to " + options.gateway()
                      : "on step.completed");
              return running;
            })
        .recover(e -> running.stop().transform(ar -> Future.failedFuture(e)));
  }

  /**
   * The HTTP pool bound: one connection per step message the workers may hold at once ({@code
   * concurrency} per step type), at least {@link HttpReporter#DEFAULT_MAX_CONNECTIONS}, at most
   * {@value #MAX_CONNECTIONS} (beyond it requests wait for a connection).
   */
  static int connections(WorkersOptions options) {
    int wanted = options.concurrency() * options.steps().size();
    return Math.min(MAX_CONNECTIONS, Math.max(HttpReporter.DEFAULT_MAX_CONNECTIONS, wanted));
  }

  /** The counts of each step type's worker, in the configured order. */
  public Map<String, WorkerCounts> counts() {
    Map<String, WorkerCounts> out = new LinkedHashMap<>();
    workers.forEach(w -> out.put(w.stepType(), w.counts()));
    return out;
  }

  /**
   * Stops consuming (unacked messages go back to their queues) and releases the reporter.
   *
   * @return completes when the verticles are undeployed; never fails
   */
  public Future<Void> stop() {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : List.copyOf(deployments)) {
      undeployed.add(vertx.undeploy(id).otherwiseEmpty());
    }
    deployments.clear();
    workers.forEach(StepWorker::stop); // idempotent: the verticles did it already
    return Future.join(undeployed).transform(ar -> reporter.close()).otherwiseEmpty();
  }

  /** Starts one worker on its own context, stops it when undeployed. */
  private static final class WorkerVerticle extends VerticleBase {
    private final StepWorker worker;

    WorkerVerticle(StepWorker worker) {
      this.worker = worker;
    }

    @Override
    public Future<?> start() {
      return worker.start();
    }

    @Override
    public Future<?> stop() {
      worker.stop();
      return Future.succeededFuture();
    }
  }
}
