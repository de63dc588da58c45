package io.switchboard.core.broker;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Engine port: the message broker between Switchboard and backends (SPEC "Engines", broker: event
 * buffer, later commands, workflow steps and the outbox).
 *
 * <p>Contract, checked by {@code BrokerContract}:
 *
 * <ul>
 *   <li><b>Topic routing.</b> Exchanges are topic exchanges: a message reaches every queue bound
 *       with a pattern that matches its routing key ({@code *} one word, {@code #} zero or more
 *       words, words separated by {@code .}). A message that matches no binding is dropped, as
 *       RabbitMQ drops it.
 *   <li><b>Confirmed, ordered publish.</b> {@link #publish} completes only when the broker has
 *       taken responsibility for every message of the batch it did not reject (publisher confirms);
 *       messages of one batch, and of batches published one after the other, are enqueued in order.
 *       A failed future is a transient problem (broker down, nack, confirm timeout, queue full):
 *       some messages may not have been taken, and the caller retries the whole batch
 *       (at-least-once).
 *   <li><b>Permanent refusals are reported, not failed</b> (issue 7 part 2, point 1). A message the
 *       broker can never take — one that fails {@link BrokerLimits#problem} with the engine's body
 *       bound, or that the engine's client refuses as malformed — is left out of the batch and
 *       returned as {@link Rejected}; the rest of the batch is still published in order. Retrying a
 *       rejected message would fail the same way, so the caller drops it (the event buffer
 *       dead-letters it).
 *   <li><b>Acknowledged consume.</b> A consumer's handler returns a future: success acks the
 *       message. A failure with {@link Undeliverable} (issue 7 part 2, point 2) dead-letters it at
 *       once to the queue {@code <queue>.dlq}. Any other failure, or an exception thrown by the
 *       handler, is transient: the same message is handed to a handler again after a backoff that
 *       doubles up to an engine-configured maximum, without a limit, before any later message of
 *       the queue (an engine outage delays the queue, it never drains it into the dead-letter
 *       queue). With {@link #consume(String, Function)} (concurrency 1) the messages of one queue
 *       are handled in order, one at a time, even when several nodes consume the queue (one of them
 *       is the active consumer).
 *   <li><b>Concurrent consume</b> (issue 9 point 9: step workers need no order). {@link
 *       #consume(String, int, Function)} hands up to {@code concurrency} messages to the handler at
 *       once. They start in queue order, but nothing orders the messages in flight: each is settled
 *       on its own (acked, dead-lettered, or retried in place after its own backoff, as above), and
 *       a message waiting out a backoff keeps its slot while the others go on. Otherwise the same
 *       guarantees hold: at-least-once (an unsettled message goes back to the queue when the
 *       consumer is cancelled or its node dies, and may then come after later ones), the same
 *       dead-lettering, the same backoff. On RabbitMQ queues are single-active-consumer ({@code
 *       x-single-active-consumer}, declared by {@link #bind}): when several processes consume one
 *       queue, one of them receives at a time and the others stand by, so one consumer's {@code
 *       concurrency} is the queue's; more processes add failover, not throughput. (The memory
 *       broker lives in one process; see its class comment.)
 *   <li><b>Threads.</b> Futures may complete on any thread. A handler runs on the Vert.x context of
 *       the {@code consume} call when it was made on one (outside a context: RabbitMQ picks an
 *       event loop, the memory engine runs it on the thread that enqueued or settled the previous
 *       message) and must not block.
 * </ul>
 */
public interface Broker {

  /**
   * Declares (idempotently) a durable topic exchange, so that the first publish to it never finds
   * it missing; engines declare it again after a reconnect. Nodes declare every exchange their
   * configuration forwards to at start (issue 3: topology declared at start).
   *
   * @param exchange the exchange name, at most 255 UTF-8 bytes
   * @return completes when declared; failed while the broker is unreachable
   */
  Future<Void> declare(String exchange);

  /**
   * Declares (idempotently) a durable queue, the topic exchange, and the binding between them. The
   * queue's dead letters go to {@code <queue>.dlq} (RabbitMQ declares it here; the memory broker
   * makes it on the first dead letter).
   *
   * @param queue the queue name
   * @param exchange the topic exchange, declared if missing
   * @param pattern the binding pattern ({@code *} one word, {@code #} zero or more)
   * @return completes when bound; failed while the broker is unreachable, or (RabbitMQ) when the
   *     queue exists with other arguments
   */
  Future<Void> bind(String queue, String exchange, String pattern);

  /**
   * Publishes a batch in order.
   *
   * @param batch the messages, oldest first
   * @return the messages of the batch that were rejected for good (in batch order; empty when all
   *     were taken), once every other message was confirmed; failed on a transient problem
   */
  Future<List<Rejected>> publish(List<BrokerMessage> batch);

  /** The most messages one consumer may hold at once: 1000. */
  int MAX_CONCURRENCY = 1000;

  /**
   * Consumes a queue one message at a time, in queue order: {@link #consume(String, int, Function)}
   * with concurrency 1 (what the command shards and the event buffer need).
   *
   * @param queue the queue; it must exist on RabbitMQ ({@link #bind}, or a {@code .dlq}), the
   *     memory broker creates it
   * @param handler called per message, one at a time, in queue order; its future acks (success),
   *     dead-letters ({@link Undeliverable}) or redelivers after a backoff (any other failure)
   * @return completes when the consumer is registered; the returned {@link Runnable} cancels it
   *     (idempotent; an unacked message goes back to the queue); failed while the broker is
   *     unreachable or the queue is missing
   */
  default Future<Runnable> consume(String queue, Function<BrokerMessage, Future<Void>> handler) {
    return consume(queue, 1, handler);
  }

  /**
   * Consumes a queue with up to {@code concurrency} messages in the handler at once (see
   * "Concurrent consume" above; issue 9 point 9).
   *
   * @param queue the queue; it must exist on RabbitMQ ({@link #bind}, or a {@code .dlq}), the
   *     memory broker creates it
   * @param concurrency the most messages handed over and not yet settled, 1 to {@link
   *     #MAX_CONCURRENCY}; 1 keeps the queue order
   * @param handler called per message, in queue order as they start; each future settles its own
   *     message: acks (success), dead-letters ({@link Undeliverable}) or retries it in place after
   *     a backoff (any other failure) while the other messages go on
   * @return completes when the consumer is registered; the returned {@link Runnable} cancels it
   *     (idempotent; stops handing messages over, unacked ones go back to the queue); failed while
   *     the broker is unreachable or the queue is missing
   * @throws IllegalArgumentException if {@code concurrency} is outside 1 to {@link
   *     #MAX_CONCURRENCY}
   */
  Future<Runnable> consume(
      String queue, int concurrency, Function<BrokerMessage, Future<Void>> handler);

  /**
   * Checks a concurrency for {@link #consume(String, int, Function)}.
   *
   * @param concurrency the value
   * @return {@code concurrency}
   * @throws IllegalArgumentException if it is outside 1 to {@link #MAX_CONCURRENCY}
   */
  static int checkConcurrency(int concurrency) {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency: " + concurrency + " (allowed: 1 to " + MAX_CONCURRENCY + ")");
    }
    return concurrency;
  }
}
