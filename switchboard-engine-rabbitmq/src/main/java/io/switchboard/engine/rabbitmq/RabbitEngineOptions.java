package io.switchboard.engine.rabbitmq;

import io.switchboard.core.broker.BrokerLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the RabbitMQ engine (SPEC "Engines", broker: RabbitMQ with durable topic exchanges,
 * publisher confirms, manual acks, DLX; issue 3 point 2). The TCP connect timeout (5 s) and the
 * AMQP heartbeat (10 s) are fixed. Every {@code with…} copy is checked by the constructor.
 *
 * @param uri the AMQP URI, e.g. {@code amqp://guest:guest@127.0.0.1:5672} (vhost as path)
 * @param connectionName the client-provided connection name shown by {@code rabbitmqctl
 *     list_connections client_properties} (key {@code connection_name}); non-blank
 * @param prefetch unacknowledged deliveries RabbitMQ may push to one consumer (basic.qos); {@code
 *     >= 1}; the handler still gets them one at a time, or up to its {@code consume} concurrency (a
 *     consumer's channel prefetches at least its concurrency)
 * @param confirmTimeout how long {@code publish} waits for the publisher confirms of a batch;
 *     positive
 * @param reconnectInitial first delay before reconnecting after the connection dropped; positive;
 *     doubled after each failed attempt
 * @param reconnectMax the longest delay between reconnect attempts; {@code >= reconnectInitial}
 * @param redeliveryInitial delay before a message whose handler failed transiently (anything but
 *     {@code Undeliverable}) is handed to it again; positive; doubled after each failure of the
 *     same message, without a limit on the count (issue 7 part 2, point 2)
 * @param redeliveryMax the longest delay between redeliveries; {@code >= redeliveryInitial}
 * @param maxBodyBytes the largest body {@code publish} sends, in bytes; a larger one is reported as
 *     rejected. Keep it at or below RabbitMQ's {@code max_message_size} (128 MiB on 3.x, 16 MiB on
 *     4.x), which would otherwise close the channel on every retry; positive
 */
public record RabbitEngineOptions(
    String uri,
    String connectionName,
    int prefetch,
    Duration confirmTimeout,
    Duration reconnectInitial,
    Duration reconnectMax,
    Duration redeliveryInitial,
    Duration redeliveryMax,
    int maxBodyBytes) {

  /** The local default broker: guest/guest on 127.0.0.1:5672. */
  public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";

  /**
   * Validates every field; see the record description for the accepted ranges.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public RabbitEngineOptions {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    Objects.requireNonNull(reconnectInitial, "reconnectInitial");
    Objects.requireNonNull(reconnectMax, "reconnectMax");
    Objects.requireNonNull(redeliveryInitial, "redeliveryInitial");
    Objects.requireNonNull(redeliveryMax, "redeliveryMax");
    if (connectionName.isBlank()) {
      throw new IllegalArgumentException("connectionName must not be blank");
    }
    if (prefetch < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("need prefetch >= 1 and maxBodyBytes >= 1");
    }
    if (!positive(confirmTimeout)
        || !positive(reconnectInitial)
        || reconnectMax.compareTo(reconnectInitial) < 0) {
      throw new IllegalArgumentException(
          "need positive confirmTimeout and reconnectInitial, reconnectMax >= reconnectInitial");
    }
    if (redeliveryInitial.toMillis() < 1 || redeliveryMax.compareTo(redeliveryInitial) < 0) {
      throw new IllegalArgumentException(
          "need redeliveryInitial >= 1 ms and redeliveryMax >= redeliveryInitial");
    }
  }

  /**
   * The defaults: {@link #DEFAULT_URI}, name {@code switchboard}, prefetch 100, confirm timeout 5
   * s, reconnect backoff from 100 ms up to 5 s, redelivery backoff from 100 ms up to 5 s (as the
   * memory engine), bodies up to {@link BrokerLimits#DEFAULT_MAX_BODY_BYTES}.
   */
  public static RabbitEngineOptions defaults() {
    return new RabbitEngineOptions(
        DEFAULT_URI,
        "switchboard",
        100,
        Duration.ofSeconds(5),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        BrokerLimits.DEFAULT_MAX_BODY_BYTES);
  }

  /** A copy with another AMQP URI. */
  public RabbitEngineOptions withUri(String uri) {
    return new RabbitEngineOptions(
        uri,
        connectionName,
        prefetch,
        confirmTimeout,
        reconnectInitial,
        reconnectMax,
        redeliveryInitial,
        redeliveryMax,
        maxBodyBytes);
  }

  /** A copy with another client-provided connection name. */
  public RabbitEngineOptions withConnectionName(String connectionName) {
    return new RabbitEngineOptions(
        uri,
        connectionName,
        prefetch,
        confirmTimeout,
        reconnectInitial,
        reconnectMax,
        redeliveryInitial,
        redeliveryMax,
        maxBodyBytes);
  }

  /** A copy with another reconnect backoff (first delay, longest delay). */
  public RabbitEngineOptions withReconnect(Duration initial, Duration max) {
    return new RabbitEngineOptions(
        uri,
        connectionName,
        prefetch,
        confirmTimeout,
        initial,
        max,
        redeliveryInitial,
        redeliveryMax,
        maxBodyBytes);
  }

  /** A copy with another redelivery backoff of consumers (first delay, longest delay). */
  public RabbitEngineOptions withRedelivery(Duration initial, Duration max) {
    return new RabbitEngineOptions(
        uri,
        connectionName,
        prefetch,
        confirmTimeout,
        reconnectInitial,
        reconnectMax,
        initial,
        max,
        maxBodyBytes);
  }

  /** A copy with another bound of a published body, in bytes. */
  public RabbitEngineOptions withMaxBodyBytes(int maxBodyBytes) {
    return new RabbitEngineOptions(
        uri,
        connectionName,
        prefetch,
        confirmTimeout,
        reconnectInitial,
        reconnectMax,
        redeliveryInitial,
        redeliveryMax,
        maxBodyBytes);
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
