package io.switchboard.core.broker;

import java.util.Map;
import java.util.Objects;

/**
 * A message for the message broker (SPEC "Engines", broker; RabbitMQ in production).
 *
 * @param exchange the exchange name
 * @param routingKey the routing key
 * @param headers string headers, e.g. {@code room} on backend-to-client traffic
 * @param body the body bytes, JSON: for the event buffer {@code {"pattern":..,"data":..}}
 *     (seed 003, NestJS-compatible)
 */
public record BrokerMessage(String exchange, String routingKey, Map<String, String> headers, byte[] body) {
  public BrokerMessage {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }
}
