package io.switchboard.commands.handling;

import io.switchboard.commands.domain.CommandType;
import io.switchboard.commands.domain.Domain;
import io.switchboard.commands.wire.Topology;
import io.switchboard.core.broker.Broker;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes the command shards on this node (issue 8 point 3; every node does, the broker lets one
 * consumer of a queue at a time take its messages): declares the exchanges, binds each shard queue
 * {@code switchboard.commands.<k>} with {@code <type>.<k>} for every Java-handled type ({@link
 * Topology}), and consumes the queues from verticles spread over the event loops (one per core at
 * most, shard {@code k} on verticle {@code k mod n}), so shards are handled in parallel and each
 * shard in order.
 */
public final class CommandConsumers {
  private final Vertx vertx;
  private final Broker broker;
  private final Topology topology;
  private final Domain domain;
  private final CommandHandler handler;
  private final List<Runnable> cancels = new CopyOnWriteArrayList<>();
  private volatile String deployment;

  /**
   * @param vertx where the consuming verticles run
   * @param broker the broker
   * @param topology shards and names
   * @param domain the Java-handled types
   * @param handler handles each command
   */
  public CommandConsumers(
      Vertx vertx, Broker broker, Topology topology, Domain domain, CommandHandler handler) {
    this.vertx = vertx;
    this.broker = broker;
    this.topology = topology;
    this.domain = domain;
    this.handler = handler;
  }

  /**
   * Declares, binds and starts consuming.
   *
   * @return completes when every shard is consumed; failed while the broker is unreachable
   */
  public Future<Void> start() {
    List<Future<Void>> bound = new ArrayList<>();
    bound.add(broker.declare(topology.events()));
    bound.add(broker.declare(topology.commands()));
    for (int k = 0; k < topology.shards(); k++) {
      for (CommandType<?, ?> t : domain.commands()) {
        bound.add(broker.bind(topology.queue(k), topology.commands(), t.name() + "." + k));
      }
    }
    if (domain.commands().isEmpty()) {
      return Future.all(bound).mapEmpty();
    }
    int instances = Math.min(topology.shards(), Runtime.getRuntime().availableProcessors());
    AtomicInteger next = new AtomicInteger();
    return Future.all(bound)
        .compose(
            v ->
                vertx.deployVerticle(
                    () -> new ShardVerticle(next.getAndIncrement(), instances),
                    new DeploymentOptions().setInstances(instances)))
        .onSuccess(id -> deployment = id)
        .mapEmpty();
  }

  /**
   * Stops consuming (unacked commands go back to their queues).
   *
   * @return completes when the verticles are undeployed; never fails
   */
  public Future<Void> stop() {
    cancels.forEach(Runnable::run);
    cancels.clear();
    String id = deployment;
    return id == null ? Future.succeededFuture() : vertx.undeploy(id).otherwiseEmpty();
  }

  /** Consumes shards {@code index}, {@code index + of}, … on its own event loop. */
  private final class ShardVerticle extends VerticleBase {
    private final int index;
    private final int of;

    ShardVerticle(int index, int of) {
      this.index = index;
      this.of = of;
    }

    @Override
    public Future<?> start() {
      List<Future<Runnable>> consumers = new ArrayList<>();
      for (int k = index; k < topology.shards(); k += of) {
        consumers.add(broker.consume(topology.queue(k), handler::handle));
      }
      return Future.all(consumers)
          .onSuccess(all -> consumers.forEach(f -> cancels.add(f.result())));
    }
  }
}
