package io.switchboard.core.broker;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Engine port: the message broker between Switchboard and backends (SPEC "Engines", broker:
 * event buffer, later commands, workflow steps and the outbox).
 *
 * <p>Contract, checked by {@code BrokerContract}:
 *
 * <ul>
 *   <li><b>Topic routing.</b> Exchanges are topic exchanges: a message reaches every queue
 *       bound with a pattern that matches its routing key ({@code *} one word, {@code #} zero
 *       or more words, words separated by {@code .}). A message that matches no binding is
 *       dropped, as RabbitMQ drops it.
 *   <li><b>Confirmed, ordered publish.</b> {@link #publish} completes only when the broker has
 *       taken responsibility for every message of the batch (publisher confirms); messages of
 *       one batch, and of batches published one after the other, are enqueued in order. A failed
 *       future means some messages may not have been taken: the caller retries the whole batch
 *       (at-least-once).
 *   <li><b>Acknowledged consume.</b> A consumer's handler returns a future: success acks the
 *       message; failure makes it available again, up to the engine's redelivery limit, after
 *       which it is dead-lettered. Messages of one queue are handled in order, one at a time, even
 *       when several nodes consume the queue (one of them is the active consumer).
 * </ul>
 */
public interface Broker {

  /**
   * Declares (idempotently) a durable topic exchange, so that the first publish to it never
   * finds it missing; engines declare it again after a reconnect. Nodes declare every exchange
   * their configuration forwards to at start (issue 3: topology declared at start).
   */
  Future<Void> declare(String exchange);

  /** Declares (idempotently) a durable queue bound to a topic exchange with a pattern. */
  Future<Void> bind(String queue, String exchange, String pattern);

  /** Publishes a batch in order; completes when every message was confirmed. */
  Future<Void> publish(List<BrokerMessage> batch);

  /**
   * Consumes a queue.
   *
   * @param handler called per message; its future acks (success) or rejects (failure)
   * @return completes when the consumer is registered; the returned {@link Runnable} cancels it
   */
  Future<Runnable> consume(String queue, Function<BrokerMessage, Future<Void>> handler);
}
