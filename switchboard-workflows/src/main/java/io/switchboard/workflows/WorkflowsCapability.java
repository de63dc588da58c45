package io.switchboard.workflows;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.store.Store;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.WorkflowsConfig;
import io.switchboard.server.room.Namespaces;
import io.switchboard.workflows.consumer.CompletionConsumer;
import io.switchboard.workflows.flow.Listing;
import io.switchboard.workflows.flow.TimerPoller;
import io.switchboard.workflows.flow.Transitions;
import io.switchboard.workflows.flow.WorkflowMetrics;
import io.switchboard.workflows.http.WorkflowRoutes;
import io.switchboard.workflows.live.LiveFrames;
import io.switchboard.workflows.live.WorkflowAccess;
import io.switchboard.workflows.model.Definitions;
import io.switchboard.workflows.wire.Messages;
import io.switchboard.workflows.wire.Topology;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * Workflow orchestration as a node capability (SPEC C3; seed 002; issue 9): the composition root of
 * this module, wired from {@code workflows.*} ({@link WorkflowsConfig}). At start it mounts the
 * HTTP API ({@link WorkflowRoutes}), guards the {@code workflow:<id>} rooms and serves {@code
 * /ws?workflow_id=} ({@link WorkflowAccess}), declares the exchange, binds and consumes the
 * completions queue ({@link CompletionConsumer}) and starts the timers ({@link TimerPoller}). All
 * state is in the node's store; several nodes on one store and broker share the work.
 */
public final class WorkflowsCapability implements Capability {
  private final Clock clock;
  private volatile CompletionConsumer consumer;
  private volatile TimerPoller timers;

  /** The capability on the system clock. */
  public WorkflowsCapability() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock the time of decisions and timers (tests)
   */
  public WorkflowsCapability(Clock clock) {
    this.clock = clock;
  }

  /**
   * Mounts, declares, binds and starts.
   *
   * @return completes when consuming; failed while the broker is unreachable
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    WorkflowsConfig c = node.config().workflows();
    Store store = node.ports().store();
    Broker broker = node.ports().broker();
    Topology topology = new Topology(c.exchange());
    WorkflowMetrics metrics = new WorkflowMetrics(node.metrics().registry());
    LiveFrames live = new LiveFrames(node.publisher(), new Namespaces(node.config().namespaces()));
    Transitions transitions =
        new Transitions(
            node.vertx(),
            store,
            new Definitions(c),
            new Messages(topology),
            live,
            metrics,
            clock,
            node.signals());
    WorkflowAccess access = new WorkflowAccess(store, c.roleClaim(), c.adminRole());
    node.gateway().guard(LiveFrames.NAMESPACE, access);
    node.gateway().watch(access);
    new WorkflowRoutes(
            node.verifier(),
            node.config().server().allowedOrigins(),
            c.roleClaim(),
            c.adminRole(),
            node.config().api().keys(),
            node.config().server().maxBodyBytes(),
            c.listLimit(),
            store,
            transitions,
            new Listing(store, c.listScan()))
        .mount(node.router());
    consumer = new CompletionConsumer(broker, topology, transitions, metrics);
    timers =
        new TimerPoller(node.vertx(), store, transitions, c.timerInterval(), c.timerBatch(), clock);
    return broker
        .declare(c.exchange())
        .compose(v -> consumer.start())
        .onSuccess(v -> timers.start());
  }

  @Override
  public Future<Void> stop() {
    TimerPoller t = timers;
    if (t != null) {
      t.stop();
    }
    CompletionConsumer k = consumer;
    if (k != null) {
      k.stop();
    }
    return Future.succeededFuture();
  }
}
