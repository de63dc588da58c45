package io.switchboard.server.config;

/**
 * Where a namespace's publications are forwarded through the event buffer (SPEC C1 "Event buffer").
 * {@code {room}}, {@code {namespace}} and {@code {event}} in the routing key are replaced per
 * publication; what may reach the key, and its 255-byte bound, are checked by {@code
 * io.switchboard.server.room.ForwardKeys} (issue 7 part 2).
 *
 * @param exchange the broker exchange (a durable topic exchange, declared at start), e.g. {@code
 *     board}; non-empty, at most 255 UTF-8 bytes
 * @param routingKey the routing key template, e.g. {@code board.{event}}; no other placeholder,
 *     {@code *}, {@code #}, whitespace or control character
 */
public record ForwardConfig(String exchange, String routingKey) {}
