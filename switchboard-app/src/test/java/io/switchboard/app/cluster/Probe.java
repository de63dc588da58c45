package io.switchboard.app.cluster;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A durable queue bound with {@code #} to one of the cluster's topic exchanges, as a backend
 * consuming the events (or commands) would bind one (docs/commands.md "Message shapes"). It
 * survives a RabbitMQ {@code stop_app}; every {@link #drain} opens a fresh connection, so a test
 * may drain after an outage. Deleted by {@link #close}.
 */
final class Probe implements AutoCloseable {
  /** One message: AMQP message id, routing key, headers, UTF-8 body. */
  record Message(String id, String routingKey, Map<String, Object> headers, String body) {}

  final String queue;
  private final List<Message> received = new ArrayList<>();

  private Probe(String queue) {
    this.queue = queue;
  }

  /** Declares {@code <exchange>.probe} bound with {@code #} (the exchange too, if missing). */
  static Probe on(String exchange) {
    Probe p = new Probe(exchange + ".probe");
    try (Connection c = Cluster.rabbit();
        Channel ch = c.createChannel()) {
      ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
      ch.queueDeclare(p.queue, true, false, false, null);
      ch.queueBind(p.queue, exchange, "#");
    } catch (Exception e) {
      throw new AssertionError("could not declare " + p.queue, e);
    }
    return p;
  }

  /** Takes (and acks) every message queued now; returns all taken so far, in arrival order. */
  List<Message> drain() {
    try (Connection c = Cluster.rabbit();
        Channel ch = c.createChannel()) {
      GetResponse r;
      while ((r = ch.basicGet(queue, true)) != null) {
        Map<String, Object> headers = new java.util.HashMap<>();
        if (r.getProps().getHeaders() != null) {
          r.getProps().getHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        received.add(
            new Message(
                r.getProps().getMessageId(),
                r.getEnvelope().getRoutingKey(),
                headers,
                new String(r.getBody(), StandardCharsets.UTF_8)));
      }
    } catch (Exception e) {
      throw new AssertionError("could not drain " + queue, e);
    }
    return List.copyOf(received);
  }

  @Override
  public void close() {
    try (Connection c = Cluster.rabbit();
        Channel ch = c.createChannel()) {
      ch.queueDelete(queue);
    } catch (Exception e) {
      throw new AssertionError("could not delete " + queue, e);
    }
  }
}
