package io.switchboard.commands;

import io.switchboard.commands.board.BoardDomain;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.events.EventWriter;
import io.switchboard.commands.handling.CommandConsumers;
import io.switchboard.commands.handling.CommandHandler;
import io.switchboard.commands.handling.CommandMetrics;
import io.switchboard.commands.handling.CommandTransaction;
import io.switchboard.commands.http.CommandsApi;
import io.switchboard.commands.intake.CommandIntake;
import io.switchboard.commands.outcome.Outcomes;
import io.switchboard.commands.projection.ProjectionApplier;
import io.switchboard.commands.projection.ProjectionRebuild;
import io.switchboard.commands.wire.Topology;
import io.switchboard.core.store.Store;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.CommandsConfig;
import io.switchboard.server.room.Namespaces;
import io.vertx.core.Future;

/**
 * Commands, events and queries as a node capability (SPEC C2; issue 8): mounts the HTTP APIs
 * ({@link CommandsApi}) and consumes the command shards ({@link CommandConsumers}) on the node's
 * store and broker, whichever engines back them. The composition root of this module: everything
 * else is wired here from {@code commands.*} ({@link CommandsConfig}) and a {@link Domain}.
 */
public final class CommandsCapability implements Capability {
  private final Domain domain;
  private volatile CommandConsumers consumers;

  /**
   * @param domain the registered commands, projections, feeds and queries; not changed afterwards
   */
  public CommandsCapability(Domain domain) {
    this.domain = domain;
  }

  /** The capability with the shipped board example (the quickstart's default). */
  public static CommandsCapability withBoard() {
    return new CommandsCapability(BoardDomain.register(new Domain()));
  }

  /**
   * Mounts the routes, declares the exchanges, binds the shard queues and starts consuming.
   *
   * @return completes when consuming; failed while the broker is unreachable
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    CommandsConfig c = node.config().commands();
    Store store = node.ports().store();
    Topology topology = new Topology(c.exchange(), c.eventsExchange(), c.shards());
    ProjectionApplier applier = new ProjectionApplier(store, domain.projections());
    EventWriter writer = new EventWriter(applier, topology);
    Outcomes outcomes =
        new Outcomes(
            store,
            node.gateway(),
            node.publisher(),
            new Namespaces(node.config().namespaces()),
            domain,
            node.signals());
    ProjectionRebuild rebuild =
        new ProjectionRebuild(
            node.vertx(), store, applier, node.node(), c.rebuildBatch(), c.rebuildGrace());
    new CommandsApi(
            node.config(),
            node.verifier(),
            store,
            domain,
            new CommandIntake(store, domain, topology),
            writer,
            outcomes,
            rebuild)
        .mount(node.router());
    CommandHandler handler =
        new CommandHandler(
            node.vertx(),
            store,
            domain,
            new CommandTransaction(store, writer),
            c.aggregateCache(),
            outcomes,
            c.handlerRetries(),
            c.retryBackoff(),
            new CommandMetrics(node.metrics().registry()));
    consumers =
        new CommandConsumers(node.vertx(), node.ports().broker(), topology, domain, handler);
    return consumers.start();
  }

  @Override
  public Future<Void> stop() {
    CommandConsumers c = consumers;
    return c == null ? Future.succeededFuture() : c.stop();
  }
}
