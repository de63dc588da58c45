package io.switchboard.engine.rabbitmq;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the RabbitMQ engine (SPEC "Engines", broker: RabbitMQ with durable topic
 * exchanges, publisher confirms, manual acks, DLX; issue 3 point 2).
 *
 * @param uri the AMQP URI, e.g. {@code amqp://guest:guest@127.0.0.1:5672} (vhost as path)
 * @param connectionName the client-provided connection name shown by {@code rabbitmqctl
 *     list_connections client_properties} (key {@code connection_name}); non-blank
 * @param prefetch unacknowledged deliveries RabbitMQ may push to one consumer (basic.qos);
 *     {@code >= 1}
 * @param maxRedeliveries times a failed message is handed to the handler again before it is
 *     rejected to the dead-letter queue {@code <queue>.dlq}; {@code >= 0}
 * @param confirmTimeout how long {@code publish} waits for the publisher confirms of a batch;
 *     positive
 * @param reconnectInitial first delay before reconnecting after the connection dropped;
 *     positive; doubled after each failed attempt
 * @param reconnectMax the longest delay between reconnect attempts; {@code >= reconnectInitial}
 */
public record RabbitEngineOptions(
    String uri,
    String connectionName,
    int prefetch,
    int maxRedeliveries,
    Duration confirmTimeout,
    Duration reconnectInitial,
    Duration reconnectMax) {

  /** The local default broker: guest/guest on 127.0.0.1:5672. */
  public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

  /** Validates every field; see the record description for the accepted ranges. */
  public RabbitEngineOptions {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    Objects.requireNonNull(reconnectInitial, "reconnectInitial");
    Objects.requireNonNull(reconnectMax, "reconnectMax");
    if (connectionName.isBlank()) {
      throw new IllegalArgumentException("connectionName must not be blank");
    }
    if (prefetch < 1 || maxRedeliveries < 0) {
      throw new IllegalArgumentException("need prefetch >= 1 and maxRedeliveries >= 0");
    }
    if (!positive(confirmTimeout) || !positive(reconnectInitial)
        || reconnectMax.compareTo(reconnectInitial) < 0) {
      throw new IllegalArgumentException(
          "need positive confirmTimeout and reconnectInitial, reconnectMax >= reconnectInitial");
    }
  }

  /**
   * The defaults: {@link #DEFAULT_URI}, name {@code switchboard}, prefetch 100, 5 redeliveries
   * (as the memory engine), confirm timeout 5 s, reconnect backoff from 100 ms up to 5 s.
   */
  public static RabbitEngineOptions defaults() {
    return new RabbitEngineOptions(DEFAULT_URI, "switchboard", 100, 5, Duration.ofSeconds(5),
        Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /** A copy with another AMQP URI. */
  public RabbitEngineOptions withUri(String uri) {
    return new RabbitEngineOptions(uri, connectionName, prefetch, maxRedeliveries, confirmTimeout,
        reconnectInitial, reconnectMax);
  }

  /** A copy with another client-provided connection name. */
  public RabbitEngineOptions withConnectionName(String connectionName) {
    return new RabbitEngineOptions(uri, connectionName, prefetch, maxRedeliveries, confirmTimeout,
        reconnectInitial, reconnectMax);
  }

  /** A copy with another reconnect backoff (first delay, longest delay). */
  public RabbitEngineOptions withReconnect(Duration initial, Duration max) {
    return new RabbitEngineOptions(uri, connectionName, prefetch, maxRedeliveries, confirmTimeout,
        initial, max);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
