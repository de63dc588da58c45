package io.switchboard.core.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a broker can take, checked the same way by every engine before it publishes (issue 7 part 2,
 * point 1; the limits are RabbitMQ's, the memory engine applies them too so that both behave
 * alike). A message that fails the check is never published: {@link Broker#publish} reports it as
 * {@link Rejected}, because publishing it again would fail again.
 */
public final class BrokerLimits {
  /** Longest exchange name, routing key and header name: an AMQP short string, in UTF-8 bytes. */
  public static final int MAX_SHORT_STRING_BYTES = 255;

  /**
   * Most bytes of a message's headers, counted as AMQP encodes a string header (name and value in
   * UTF-8 plus 6 bytes); well below the 128 KiB frame RabbitMQ allows for the content header by
   * default, which the amqp-client enforces with an {@link IllegalArgumentException}.
   */
  public static final int MAX_HEADERS_BYTES = 64 * 1024;

  /**
   * The default bound of a body in bytes: RabbitMQ 4's default {@code max_message_size}, 16 MiB.
   */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

  private BrokerLimits() {}

  /**
   * Checks one message.
   *
   * @param m the message; checked in this order: exchange name, routing key, header names, headers'
   *     total, body
   * @param maxBodyBytes the engine's bound of a body, in bytes (keep it at or below the broker's
   *     own, e.g. RabbitMQ's {@code max_message_size})
   * @return {@code null} when the broker can take it, else the reason (names the field and its
   *     size, never the body)
   */
  public static String problem(BrokerMessage m, int maxBodyBytes) {
    String p = shortString("exchange name", m.exchange());
    if (p == null) {
      p = shortString("routing key", m.routingKey());
    }
    if (p == null) {
      p = headers(m.headers());
    }
    if (p == null && m.body().length > maxBodyBytes) {
      p = "body is " + m.body().length + " bytes, over " + maxBodyBytes;
    }
    return p;
  }

  /**
   * The length of {@code s} in UTF-8 bytes (a lone surrogate counts as the one byte {@code ?}).
   *
   * @param s the text, not null
   * @return its encoded length
   */
  public static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String shortString(String what, String value) {
    int bytes = utf8Length(value);
    return bytes > MAX_SHORT_STRING_BYTES
        ? what + " is " + bytes + " UTF-8 bytes, over " + MAX_SHORT_STRING_BYTES
        : null;
  }

  private static String headers(Map<String, String> headers) {
    long total = 0;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      int name = utf8Length(h.getKey());
      if (name > MAX_SHORT_STRING_BYTES) {
        return "a header name is " + name + " UTF-8 bytes, over " + MAX_SHORT_STRING_BYTES;
      }
      total += 6L + name + utf8Length(h.getValue());
    }
    return total > MAX_HEADERS_BYTES
        ? "headers are " + total + " bytes, over " + MAX_HEADERS_BYTES
        : null;
  }
}
