package io.switchboard.engine.rabbitmq;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The RabbitMQ engine (SPEC "Engines", broker row; issue 3 point 2): an {@link Engine} whose
 * {@code broker} is a {@link RabbitBroker}. The other ports (pub/sub, history, presence,
 * snapshots, locks) come from {@link MemoryEngine}: on one node that is all they need; in a
 * cluster the Redis engine provides them, and the app combines its ports with this broker
 * (configuration's per-port selection, issue 3 point 3).
 */
public final class RabbitEngine {
  private RabbitEngine() {}

  /**
   * Connects to RabbitMQ and builds the engine.
   *
   * <p>{@code ready} succeeds while the AMQP connection is up with its topology and consumers
   * restored, and fails (red {@code /health/ready}) while it reconnects; {@code close} closes
   * the connection (unacked deliveries return to their queues) and its worker threads, not
   * {@code vertx}.
   *
   * @param vertx for the worker threads, the reconnect timers and the consumers' contexts
   * @param options URI, connection name, prefetch, redelivery limit, confirm timeout, backoff
   * @return the engine once connected; fails with the first connection attempt's error (broker
   *     down, wrong URI or credentials): the caller decides whether to retry or exit
   */
  public static Future<Engine> create(Vertx vertx, RabbitEngineOptions options) {
    Engine memory = MemoryEngine.create();
    return RabbitBroker.start(vertx, options).map(broker -> new Engine(
        memory.pubSub(),
        memory.history(),
        memory.presence(),
        memory.snapshots(),
        memory.locks(),
        broker,
        broker::ready,
        () -> broker.close().compose(v -> memory.close().get())));
  }
}
