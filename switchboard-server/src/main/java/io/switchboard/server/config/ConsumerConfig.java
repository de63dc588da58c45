package io.switchboard.server.config;

/**
 * The consumer for backend-to-client traffic (SPEC C1 "Server API", last paragraph; issue 3 point
 * 2): backends publish to {@code exchange}; messages bound to {@code queue} whose headers or body
 * name a room or a user are delivered to them, acked after delivery, and dead-lettered to {@code
 * <queue>.dlq} when they cannot be delivered.
 *
 * @param enabled whether this node consumes the queue, default {@code false}
 * @param queue the durable queue consumed, default {@code switchboard.deliveries}; shared by every
 *     node with the consumer on, one of which receives at a time (single active consumer)
 * @param exchange the topic exchange the queue is bound to, default {@code switchboard.deliveries}
 * @param bindingKey the binding pattern ({@code *} one word, {@code #} any), default {@code #}
 */
public record ConsumerConfig(boolean enabled, String queue, String exchange, String bindingKey) {
  /** Off; queue and exchange {@code switchboard.deliveries}, binding {@code #}. */
  public static final ConsumerConfig DEFAULT =
      new ConsumerConfig(false, "switchboard.deliveries", "switchboard.deliveries", "#");
}
