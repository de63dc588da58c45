package io.switchboard.engine.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code consume} of a {@link RabbitBroker}: its own channel with manual acks and {@code
 * basic.qos(prefetch)}; deliveries are handed to the handler one at a time, in queue order, on
 * the Vert.x context of the {@code consume} call.
 *
 * <p>Handler success acks. Failure hands the same message to the handler again at once (so the
 * queue order holds: a requeue would put it behind the prefetched messages), up to {@code
 * maxRedeliveries} times; then it is rejected without requeue and RabbitMQ dead-letters it to
 * {@code <queue>.dlq}. The count lives in this process: if the node dies mid-way, RabbitMQ
 * redelivers the unacked message to another consumer, which counts from zero (at-least-once).
 *
 * <p>Deliveries of a channel that has closed (connection drop, cancel) are skipped, never
 * acked: RabbitMQ requeues them and, after a reconnect, {@link #open} delivers them again.
 */
final class RabbitConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(RabbitConsumer.class);

  private final String queue;
  private final Function<BrokerMessage, Future<Void>> handler;
  private final Context context;
  private final WorkerExecutor ops;
  private final int prefetch;
  private final int maxRedeliveries;
  private final ConcurrentLinkedQueue<Delivery> inbox = new ConcurrentLinkedQueue<>();
  private volatile Channel channel;
  private volatile boolean cancelled;
  private boolean busy; // on context
  private boolean closing; // on context

  RabbitConsumer(String queue, Function<BrokerMessage, Future<Void>> handler, Context context,
      WorkerExecutor ops, int prefetch, int maxRedeliveries) {
    this.queue = queue;
    this.handler = handler;
    this.context = context;
    this.ops = ops;
    this.prefetch = prefetch;
    this.maxRedeliveries = maxRedeliveries;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Opens a channel on {@code connection} and starts consuming; on the ops thread. */
  void open(Connection connection) throws IOException {
    Channel ch = connection.createChannel();
    ch.basicQos(prefetch);
    ch.basicConsume(queue, false, new DefaultConsumer(ch) {
      @Override
      public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props,
          byte[] body) {
        inbox.add(new Delivery(ch, env.getDeliveryTag(), toMessage(env, props, body)));
        context.runOnContext(v -> pump());
      }

      @Override
      public void handleCancel(String consumerTag) {
        LOG.warn("consumer of queue {} cancelled by RabbitMQ (queue deleted?)", queue);
      }
    });
    channel = ch;
  }

  /** Stops handing messages to the handler now; the channel closes after the one in flight. */
  void cancel() {
    cancelled = true;
    context.runOnContext(v -> pump());
  }

  /** On the context: hands the next live delivery to the handler, or closes once cancelled. */
  private void pump() {
    if (busy) {
      return;
    }
    Delivery d;
    while ((d = inbox.poll()) != null) {
      if (!cancelled && d.channel.isOpen()) {
        busy = true;
        attempt(d, 0);
        return;
      }
    }
    if (cancelled && !closing) {
      closing = true;
      ops.executeBlocking(() -> {
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
          ch.close(); // unacked deliveries go back to the queue, in order
        }
        return null;
      }).onFailure(e -> LOG.debug("closing consumer channel of {}: {}", queue, e.toString()));
    }
  }

  private void attempt(Delivery d, int redeliveries) {
    Future<Void> f;
    try {
      f = handler.apply(d.message);
      f = f == null ? Future.failedFuture("handler returned null") : f;
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> context.runOnContext(v -> settle(d, redeliveries, ar)));
  }

  private void settle(Delivery d, int redeliveries, AsyncResult<Void> ar) {
    if (ar.succeeded()) {
      settleOnChannel(d, true);
    } else if (redeliveries < maxRedeliveries) {
      if (!cancelled && d.channel.isOpen()) {
        LOG.debug("queue {}: handler failed, redelivering: {}", queue, ar.cause().toString());
        attempt(d, redeliveries + 1);
        return;
      } // else left unacked: RabbitMQ requeues it when the channel closes
    } else {
      LOG.warn("queue {}: message dead-lettered after {} deliveries", queue, redeliveries + 1,
          ar.cause());
      settleOnChannel(d, false);
    }
    busy = false;
    pump();
  }

  /** Acks, or rejects without requeue (to the dead-letter exchange), on the ops thread. */
  private void settleOnChannel(Delivery d, boolean ack) {
    ops.executeBlocking(() -> {
      if (d.channel.isOpen()) {
        if (ack) {
          d.channel.basicAck(d.tag, false);
        } else {
          d.channel.basicReject(d.tag, false);
        }
      }
      return null;
    }).onFailure(e -> LOG.debug("queue {}: settle failed (redelivered later): {}", queue, e.toString()));
  }

  /** The message as the port shows it: string headers only (nested AMQP tables are left out). */
  static BrokerMessage toMessage(Envelope env, AMQP.BasicProperties props, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    if (props.getHeaders() != null) {
      props.getHeaders().forEach((k, v) -> {
        if (v instanceof LongString || v instanceof String || v instanceof Number
            || v instanceof Boolean) {
          headers.put(k, v.toString());
        }
      });
    }
    return new BrokerMessage(env.getExchange(), env.getRoutingKey(), headers, body);
  }

  private record Delivery(Channel channel, long tag, BrokerMessage message) {}
}
