package io.switchboard.server.consumer;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.switchboard.core.room.PublicationDraft;
import io.switchboard.server.config.ConsumerConfig;
import io.switchboard.server.gateway.Gateway;
import io.switchboard.server.ops.GatewayMetrics;
import io.switchboard.server.room.ErrorCode;
import io.switchboard.server.room.Namespaces;
import io.switchboard.server.room.RequestException;
import io.switchboard.server.room.RoomPublisher;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend-to-client traffic through the broker (SPEC C1 "Server API", last paragraph; issue 3 point
 * 2): consumes {@code consumer.queue}, bound to {@code consumer.exchange} with {@code
 * consumer.bindingKey}, and delivers each message to the room or user it names.
 *
 * <p>Message shapes (body is JSON):
 *
 * <ul>
 *   <li>Target: header {@code room} or {@code user}; without those headers, body fields {@code
 *       room} or {@code user}. Headers win over the body; a room wins over a user.
 *   <li>Event name: header {@code event}, else body field {@code event}, else body field {@code
 *       pattern} (seed 003's NestJS shape {@code {"pattern":..,"data":..}}).
 *   <li>Data: body field {@code data} when the body is an object holding {@code data}, else the
 *       whole body.
 * </ul>
 *
 * <p>A room is published like the server API does (server publication, {@code from} null, so {@code
 * server}-only namespaces are allowed): appended to history and fanned out, then acked. A user gets
 * a {@code notification} on every connection, then the message is acked.
 *
 * <p>Failures are classified (issue 7 part 2, point 2; the {@link Broker} contract): a message that
 * can never be delivered — body not JSON, no target, no event, an event name the publish path
 * refuses ({@code bad_request}: too long, or not forwardable in a forwarding namespace), an invalid
 * room, an unknown namespace — fails with {@link Undeliverable}, and the broker dead-letters it to
 * {@code <queue>.dlq} at once (logged at WARN without the body, counted in {@code
 * switchboard_consumer_dead_letters}). Anything else (an engine failure, a full event buffer) is
 * transient: the broker redelivers the message after a backoff, in queue order, until it goes
 * through (counted in {@code switchboard_consumer_redeliveries}).
 */
public final class BackendConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(BackendConsumer.class);

  /** Request errors that no redelivery can change. */
  private static final Set<ErrorCode> PERMANENT =
      Set.of(
          ErrorCode.BAD_REQUEST,
          ErrorCode.INVALID_ROOM,
          ErrorCode.UNKNOWN_NAMESPACE,
          ErrorCode.FORBIDDEN);

  private final Broker broker;
  private final ConsumerConfig config;
  private final Namespaces namespaces;
  private final RoomPublisher publisher;
  private final Gateway gateway;
  private final GatewayMetrics metrics;
  private volatile Runnable cancel;

  /**
   * Wires the consumer; nothing is consumed before {@link #start}.
   *
   * @param broker the node's broker
   * @param config {@code consumer.*}
   * @param namespaces room policy (targets are resolved, access is not checked)
   * @param publisher the publish path for room targets
   * @param gateway notifications for user targets
   * @param metrics dead letters and redeliveries are counted here
   */
  public BackendConsumer(
      Broker broker,
      ConsumerConfig config,
      Namespaces namespaces,
      RoomPublisher publisher,
      Gateway gateway,
      GatewayMetrics metrics) {
    this.broker = broker;
    this.config = config;
    this.namespaces = namespaces;
    this.publisher = publisher;
    this.gateway = gateway;
    this.metrics = metrics;
  }

  /**
   * Binds and consumes the queue when {@code consumer.enabled}; call once.
   *
   * @return completes when the consumer is registered (at once when disabled); failed with the
   *     broker's error (unreachable, queue declared with other arguments)
   */
  public Future<Void> start() {
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    return broker
        .bind(config.queue(), config.exchange(), config.bindingKey())
        .compose(v -> broker.consume(config.queue(), this::deliver))
        .onSuccess(
            c -> {
              cancel = c;
              LOG.info(
                  "consuming backend deliveries from queue {} (exchange {}, binding {})",
                  config.queue(),
                  config.exchange(),
                  config.bindingKey());
            })
        .mapEmpty();
  }

  /**
   * Cancels the consumer (idempotent; nothing when it never started); an in-flight message is
   * redelivered if it is not acked.
   */
  public void stop() {
    Runnable c = cancel;
    cancel = null;
    if (c != null) {
      c.run();
    }
  }

  /**
   * Delivers one message; the future acks it (success), dead-letters it (failed with {@link
   * Undeliverable}) or has it redelivered after a backoff (any other failure).
   */
  Future<Void> deliver(BrokerMessage m) {
    Future<Void> result;
    try {
      result = route(m);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result
        .recover(e -> Future.failedFuture(classify(e)))
        .onFailure(
            e -> {
              if (e instanceof Undeliverable) {
                metrics.consumerDeadLetter();
                LOG.warn(
                    "backend delivery from queue {} (routing key {}) dead-lettered: {}",
                    config.queue(),
                    m.routingKey(),
                    e.getMessage());
              } else {
                metrics.consumerRedelivery(); // the broker logs these at WARN, rate-limited
                LOG.debug(
                    "backend delivery from queue {} failed, to be redelivered: {}",
                    config.queue(),
                    e.toString());
              }
            });
  }

  /** {@link Undeliverable} for a failure no redelivery can change; else the failure itself. */
  static Throwable classify(Throwable e) {
    if (e instanceof RequestException r && PERMANENT.contains(r.code())) {
      return new Undeliverable(r.getMessage(), r);
    }
    return e;
  }

  private Future<Void> route(BrokerMessage m) {
    Object body;
    try {
      body = Json.decodeValue(new String(m.body(), StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new Undeliverable("body is not JSON");
    }
    JsonObject fields = body instanceof JsonObject o ? o : new JsonObject();
    String room = m.headers().get("room");
    String user = m.headers().get("user");
    if (room == null && user == null) {
      room = fields.getValue("room") instanceof String s ? s : null;
      user = fields.getValue("user") instanceof String s ? s : null;
    }
    String event = m.headers().get("event");
    if (event == null) {
      event =
          fields.getValue("event") instanceof String s
              ? s
              : fields.getValue("pattern") instanceof String s ? s : null;
    }
    if (event == null || event.isEmpty()) {
      throw new Undeliverable("no event name (header or body field 'event' or 'pattern')");
    }
    String data =
        body instanceof JsonObject o && o.containsKey("data")
            ? Json.encode(o.getValue("data"))
            : Json.encode(body);
    if (room != null && !room.isEmpty()) {
      Namespaces.Resolved r = namespaces.resolve(room);
      if (r.error() != null) {
        throw new Undeliverable("room '" + room + "': " + r.message());
      }
      return publisher
          .publish(room, r.config(), new PublicationDraft(event, data, null))
          .mapEmpty();
    }
    if (user != null && !user.isEmpty()) {
      return gateway.notify(user, event, data);
    }
    throw new Undeliverable("no target (header or body field 'room' or 'user')");
  }
}
