package io.switchboard.core.broker;

import java.util.Map;
import java.util.Objects;

/**
 * A message for the message broker (SPEC "Engines", broker; RabbitMQ in production).
 *
 * @param exchange the exchange name; publishable at most {@value
 *     BrokerLimits#MAX_SHORT_STRING_BYTES} UTF-8 bytes ({@link BrokerLimits})
 * @param routingKey the routing key, words separated by {@code .}; same bound
 * @param headers string headers, copied; e.g. {@code room}, {@code offset}, {@code from} on
 *     forwarded publications, {@code room}/{@code user}/{@code event} on backend deliveries
 * @param body the body bytes, not copied; for the event buffer UTF-8 JSON {@code
 *     {"pattern":<event>,"data":<data>}} (seed 003, NestJS-compatible)
 * @param messageId the AMQP {@code message-id} property, or {@code null}: an outbox message carries
 *     its event's or command's id, so consumers can drop a redelivered duplicate (issue 8)
 */
public record BrokerMessage(
    String exchange,
    String routingKey,
    Map<String, String> headers,
    byte[] body,
    String messageId) {
  /**
   * @throws NullPointerException if {@code exchange}, {@code routingKey}, {@code body} or {@code
   *     headers} (or a header name or value) is null
   */
  public BrokerMessage {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A message without a message id. */
  public BrokerMessage(
      String exchange, String routingKey, Map<String, String> headers, byte[] body) {
    this(exchange, routingKey, headers, body, null);
  }
}
