package io.switchboard.engine.rabbitmq;

import io.switchboard.core.Engine;
import io.switchboard.core.Secrets;
import io.switchboard.core.broker.Broker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * The RabbitMQ engine (SPEC "Engines", broker row; issue 3 point 2): the {@link Broker} port on
 * RabbitMQ and the connection behind it. The app's wiring puts {@link #broker()} into the node's
 * ports; the other ports come from other engines.
 */
public final class RabbitEngine implements Engine {
  private final RabbitBroker broker;

  private RabbitEngine(RabbitBroker broker) {
    this.broker = broker;
  }

  /**
   * Connects to RabbitMQ.
   *
   * @param vertx for the worker threads, the reconnect timers and the consumers' contexts
   * @param options URI, connection name, prefetch, confirm timeout, reconnect and redelivery
   *     backoff, body bound
   * @return the engine once connected; fails with an {@link IllegalStateException} carrying the
   *     first connection attempt's error (broker down, wrong URI or credentials), its message free
   *     of the password: the caller decides whether to retry or exit
   */
  public static Future<RabbitEngine> connect(Vertx vertx, RabbitEngineOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    return RabbitBroker.start(vertx, options)
        .map(RabbitEngine::new)
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "RabbitMQ unreachable at "
                            + Secrets.mask(options.uri())
                            + ": "
                            + Secrets.mask(e.getMessage()))));
  }

  /**
   * The broker: durable topic exchanges, confirmed publishes, acknowledged consumes; one instance
   * for the engine's life, surviving reconnects.
   */
  public RabbitBroker broker() {
    return broker;
  }

  /** Always {@code rabbitmq}. */
  @Override
  public String name() {
    return "rabbitmq";
  }

  /**
   * {@inheritDoc} Succeeds while the AMQP connection is up with its topology and consumers
   * restored; fails while it reconnects.
   */
  @Override
  public Future<Void> ready() {
    return broker.ready();
  }

  /**
   * {@inheritDoc} Unacked deliveries return to their queues; closes the worker threads, not {@code
   * vertx}.
   */
  @Override
  public Future<Void> close() {
    return broker.close().otherwiseEmpty();
  }
}
