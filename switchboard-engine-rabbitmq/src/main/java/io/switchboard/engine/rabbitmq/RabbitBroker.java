package io.switchboard.engine.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerLimits;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link Broker} on RabbitMQ (SPEC "Engines", broker: durable topic exchanges, publisher confirms,
 * manual acks, DLX; issue 3 point 2), on the plain amqp-client.
 *
 * <ul>
 *   <li><b>Topology.</b> {@link #bind} declares, idempotently, the durable topic exchange, the
 *       durable queue with {@code x-single-active-consumer} (of several nodes consuming it, one at
 *       a time receives, so a queue's order survives a cluster; another takes over when it goes)
 *       and {@code x-dead-letter-exchange = <queue>.dlx} (a durable fanout exchange) feeding the
 *       durable queue {@code <queue>.dlq}, and the binding. An exchange a batch names is declared
 *       durable topic before its first publish (the default exchange {@code ""} and {@code amq.*}
 *       are left alone), so there is no "exchange not found" at run time. Everything declared is
 *       remembered and declared again after a reconnect. A queue that already exists with other
 *       arguments fails {@code bind} (PRECONDITION_FAILED).
 *   <li><b>Publish.</b> Each message is first checked with {@link BrokerLimits#problem} (body bound
 *       {@code maxBodyBytes}); those that fail are reported as {@link Rejected} and never sent. One
 *       confirm-mode channel on one thread: the rest is published in order as persistent messages
 *       (delivery mode 2) with its string headers, then the future waits for every confirm ({@code
 *       confirmTimeout}). Should the amqp-client still refuse a message as malformed ({@link
 *       IllegalArgumentException}: it has already counted it for confirms, so the channel is
 *       unusable), that message is reported as rejected too and the rest of the batch is published
 *       again, in order, on a fresh channel (messages sent before it may arrive twice:
 *       at-least-once). A nack, a timeout or a closed channel fails the future (the channel is
 *       replaced): the caller, e.g. the EventBuffer, retries the whole batch. While disconnected it
 *       fails at once with {@link IllegalStateException}.
 *   <li><b>Consume.</b> See {@link RabbitConsumer}: own channel, prefetch, one message at a time in
 *       order, or up to {@code concurrency} at once, each settled on its own; {@code Undeliverable}
 *       is dead-lettered at once, any other failure redelivered after a backoff ({@code
 *       redeliveryInitial} doubling to {@code redeliveryMax}). The queue must exist (bound here, a
 *       {@code <queue>.dlq}, or declared by others), else it fails with the 404 error.
 * </ul>
 *
 * <p>Never blocks the caller: declarations and acks run on one worker thread, publishes on another.
 * Created by {@link RabbitEngine#connect}; {@link #ready()} is red while disconnected.
 */
public final class RabbitBroker implements Broker {
  private final RabbitEngineOptions options;
  private final Vertx vertx;
  private final WorkerExecutor ops;
  private final WorkerExecutor publisher;
  private final RabbitConnection connection;
  private final Set<String> exchanges = ConcurrentHashMap.newKeySet();
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Set<List<String>> bindings = ConcurrentHashMap.newKeySet(); // queue, exchange, key
  private final Set<RabbitConsumer> consumers = ConcurrentHashMap.newKeySet();
  private volatile Channel publishChannel; // used on the publisher thread only
  private final Set<String> publishChannelExchanges = ConcurrentHashMap.newKeySet();

  private RabbitBroker(Vertx vertx, RabbitEngineOptions options) throws Exception {
    this.vertx = vertx;
    this.options = options;
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.ops =
        vertx.createSharedWorkerExecutor("switchboard-rabbitmq-ops-" + id, 1, 60, TimeUnit.SECONDS);
    this.publisher =
        vertx.createSharedWorkerExecutor(
            "switchboard-rabbitmq-publish-" + id, 1, 60, TimeUnit.SECONDS);
    this.connection = new RabbitConnection(vertx, options, ops, this::restore);
  }

  /**
   * Connects and returns the broker.
   *
   * @return fails with the first connection's error (URI, broker down, login refused)
   */
  static Future<RabbitBroker> start(Vertx vertx, RabbitEngineOptions options) {
    RabbitBroker broker;
    try {
      broker = new RabbitBroker(vertx, options);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    return broker
        .connection
        .start()
        .recover(e -> broker.closeExecutors().transform(v -> Future.failedFuture(e)))
        .map(broker);
  }

  /**
   * {@inheritDoc} Declares as the class comment says, on the ops thread; fails with {@link
   * IllegalStateException} while disconnected, or with the channel's error (e.g. {@code
   * PRECONDITION_FAILED} for a queue declared with other arguments).
   */
  @Override
  public Future<Void> bind(String queue, String exchange, String pattern) {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(pattern, "pattern");
    return ops.executeBlocking(
        () -> {
          try (Channel ch = connection.require().createChannel()) {
            declareExchange(ch, exchange);
            declareQueue(ch, queue);
            ch.queueBind(queue, exchange, pattern);
          }
          bindings.add(List.of(queue, exchange, pattern));
          return null;
        });
  }

  /**
   * {@inheritDoc} The default exchange {@code ""} and {@code amq.*} are left alone. Fails with
   * {@link IllegalStateException} while RabbitMQ is unreachable.
   */
  @Override
  public Future<Void> declare(String exchange) {
    Objects.requireNonNull(exchange, "exchange");
    return ops.executeBlocking(
        () -> {
          try (Channel ch = connection.require().createChannel()) {
            declareExchange(ch, exchange);
          }
          return null;
        });
  }

  /**
   * {@inheritDoc} On the publisher thread, as the class comment says; messages sent before a
   * failure may arrive twice when the batch is retried.
   */
  @Override
  public Future<List<Rejected>> publish(List<BrokerMessage> batch) {
    return publish(batch, true);
  }

  /**
   * {@link #publish}, with the {@link BrokerLimits} check ({@code checked}) or without it, so that
   * tests reach the amqp-client's own refusals.
   */
  Future<List<Rejected>> publish(List<BrokerMessage> batch, boolean checked) {
    List<BrokerMessage> messages = List.copyOf(batch);
    Map<BrokerMessage, String> refused = new IdentityHashMap<>();
    List<BrokerMessage> sendable = new ArrayList<>(messages.size());
    for (BrokerMessage m : messages) {
      String problem = checked ? BrokerLimits.problem(m, options.maxBodyBytes()) : null;
      if (problem == null) {
        sendable.add(m);
      } else {
        refused.put(m, problem);
      }
    }
    if (sendable.isEmpty()) {
      return Future.succeededFuture(rejected(messages, refused));
    }
    return publisher.executeBlocking(
        () -> {
          refused.putAll(publishBlocking(sendable));
          return rejected(messages, refused);
        });
  }

  private static List<Rejected> rejected(
      List<BrokerMessage> batch, Map<BrokerMessage, String> refused) {
    List<Rejected> out = new ArrayList<>(refused.size());
    for (BrokerMessage m : batch) {
      String reason = refused.get(m);
      if (reason != null) {
        out.add(new Rejected(m, reason));
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@inheritDoc} The handler runs on the Vert.x context of this call (a new event-loop context
   * when called outside one). The consumer's channel prefetches {@code max(prefetch, concurrency)}.
   * The queue is single-active-consumer when {@link #bind} declared it: of several processes
   * consuming it, one receives (up to {@code concurrency} at once) and the others stand by until it
   * goes. The consumer is opened again after every reconnect until cancelled. Fails with {@link
   * IllegalStateException} while disconnected, or with the channel's error (404) when the queue
   * does not exist.
   */
  @Override
  public Future<Runnable> consume(
      String queue, int concurrency, Function<BrokerMessage, Future<Void>> handler) {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(handler, "handler");
    Broker.checkConcurrency(concurrency);
    RabbitConsumer consumer =
        new RabbitConsumer(
            queue,
            handler,
            vertx.getOrCreateContext(),
            ops,
            options.prefetch(),
            concurrency,
            options.redeliveryInitial().toMillis(),
            options.redeliveryMax().toMillis());
    return ops.executeBlocking(
        () -> {
          consumer.open(connection.require());
          consumers.add(consumer);
          return () -> {
            consumers.remove(consumer);
            consumer.cancel();
          };
        });
  }

  /** Succeeds while connected (topology and consumers restored); fails while disconnected. */
  Future<Void> ready() {
    return connection.isConnected()
        ? Future.succeededFuture()
        : Future.failedFuture(
            new IllegalStateException("RabbitMQ not connected", connection.lastFailure()));
  }

  /** Closes the connection (unacked messages go back to their queues) and the worker threads. */
  Future<Void> close() {
    consumers.forEach(RabbitConsumer::cancel);
    consumers.clear();
    return connection.close().transform(ar -> closeExecutors());
  }

  /** The channels of the running consumers (for tests that make RabbitMQ close one). */
  List<Channel> consumerChannels() {
    return consumers.stream().map(RabbitConsumer::channel).filter(Objects::nonNull).toList();
  }

  /** Test cleanup: deletes every queue (with its .dlq/.dlx) and exchange declared here. */
  Future<Void> deleteDeclared() {
    return ops.executeBlocking(
        () -> {
          try (Channel ch = connection.require().createChannel()) {
            for (String q : queues) {
              ch.queueDelete(q);
              ch.queueDelete(q + ".dlq");
              ch.exchangeDelete(q + ".dlx");
            }
            for (String e : exchanges) {
              ch.exchangeDelete(e);
            }
          }
          return null;
        });
  }

  /** On the ops thread, on every (re)connect: declares the topology, re-opens consumers. */
  private void restore(Connection c) throws Exception {
    try (Channel ch = c.createChannel()) {
      for (String e : exchanges) {
        declareExchange(ch, e);
      }
      for (String q : queues) {
        declareQueue(ch, q);
      }
      for (List<String> b : bindings) {
        ch.queueBind(b.get(0), b.get(1), b.get(2));
      }
    }
    for (RabbitConsumer consumer : new ArrayList<>(consumers)) {
      if (!consumer.cancelled()) {
        consumer.open(c);
      }
    }
  }

  /**
   * On the publisher thread: publishes {@code messages} in order and waits for their confirms.
   *
   * @return the messages the amqp-client refused as malformed, with the reason; every other message
   *     was confirmed
   * @throws Exception a transient failure (disconnected, nack, confirm timeout, closed channel)
   */
  private Map<BrokerMessage, String> publishBlocking(List<BrokerMessage> messages)
      throws Exception {
    Map<BrokerMessage, String> refused = new IdentityHashMap<>();
    attempts:
    while (true) {
      Channel ch = publishChannel(connection.require());
      try {
        for (BrokerMessage m : messages) {
          if (!refused.containsKey(m) && publishChannelExchanges.add(m.exchange())) {
            try {
              declareExchange(ch, m.exchange()); // once per channel: self-healing
            } catch (IllegalArgumentException e) { // the name cannot be encoded: as below
              messages.stream()
                  .filter(o -> o.exchange().equals(m.exchange()))
                  .forEach(
                      o ->
                          refused.put(o, "exchange refused by the AMQP client: " + e.getMessage()));
              discard(ch);
              continue attempts;
            }
          }
        }
        for (BrokerMessage m : messages) {
          if (refused.containsKey(m)) {
            continue;
          }
          AMQP.BasicProperties props =
              new AMQP.BasicProperties.Builder()
                  .deliveryMode(2)
                  .headers(new HashMap<>(m.headers()))
                  .messageId(m.messageId())
                  .build();
          try {
            ch.basicPublish(m.exchange(), m.routingKey(), false, props, m.body());
          } catch (IllegalArgumentException e) {
            // the client counted it for confirms but sent nothing: start over on a fresh channel
            refused.put(m, "refused by the AMQP client: " + e.getMessage());
            discard(ch);
            continue attempts;
          }
        }
        ch.waitForConfirmsOrDie(options.confirmTimeout().toMillis());
        return refused;
      } catch (Exception e) {
        discard(ch);
        throw e;
      }
    }
  }

  /** The confirm-mode publish channel on {@code c}, opened if missing or stale. */
  private Channel publishChannel(Connection c) throws Exception {
    Channel ch = publishChannel;
    if (ch == null || !ch.isOpen() || ch.getConnection() != c) {
      ch = c.createChannel();
      ch.confirmSelect();
      publishChannel = ch;
      publishChannelExchanges.clear();
    }
    return ch;
  }

  private void discard(Channel ch) throws IOException {
    publishChannel = null;
    if (ch.isOpen()) {
      ch.abort();
    }
  }

  private void declareExchange(Channel ch, String exchange) throws Exception {
    if (exchange.isEmpty() || exchange.startsWith("amq.")) {
      return; // predeclared by RabbitMQ
    }
    ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    exchanges.add(exchange);
  }

  private void declareQueue(Channel ch, String queue) throws Exception {
    String dlx = queue + ".dlx";
    String dlq = queue + ".dlq";
    ch.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT, true);
    ch.queueDeclare(dlq, true, false, false, null);
    ch.queueBind(dlq, dlx, "");
    ch.queueDeclare(
        queue,
        true,
        false,
        false,
        Map.of("x-dead-letter-exchange", dlx, "x-single-active-consumer", true));
    queues.add(queue);
  }

  private Future<Void> closeExecutors() {
    return publisher.close().transform(ar -> ops.close());
  }
}
