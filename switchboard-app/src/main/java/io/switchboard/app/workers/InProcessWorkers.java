package io.switchboard.app.workers;

import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.workers.ExampleWorkers;
import io.switchboard.workers.WorkersOptions;
import io.vertx.core.Future;

/**
 * The example step workers of issue 9 point 7 run inside the node ({@code workflows.exampleWorkers:
 * true}): they consume {@code step.<type>} from the node's own broker (the memory broker of the
 * embedded default, or RabbitMQ) on the {@code workflows.exchange}, and report by publishing to
 * {@code step.completed}, so they need no API key and no HTTP. For a real deployment run them as
 * their own processes instead ({@code switchboard worker}, docs/workers.md). They handle the
 * default {@link WorkersOptions#DEFAULT_CONCURRENCY} step messages per step type at once (issue 9
 * point 9). Started after the workflows capability, which declares the exchange.
 */
public final class InProcessWorkers implements Capability {
  private volatile ExampleWorkers workers;

  @Override
  public Future<Void> start(CapabilityContext node) {
    WorkflowsConfig c = node.config().workflows();
    WorkersOptions options =
        WorkersOptions.defaults()
            .withTopology(c.exchange(), WorkersOptions.DEFAULT_QUEUE_PREFIX)
            .withBrokerReports();
    return ExampleWorkers.start(node.vertx(), node.ports().broker(), options)
        .onSuccess(w -> workers = w)
        .mapEmpty();
  }

  @Override
  public Future<Void> stop() {
    ExampleWorkers w = workers;
    return w == null ? Future.succeededFuture() : w.stop().recover(e -> Future.succeededFuture());
  }
}
