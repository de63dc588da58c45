package io.switchboard.server.config;

/**
 * How the node logs ({@code log.*}; SPEC "Operations"; issue 11 point 2 "structured JSON logs as an
 * option").
 *
 * @param format {@code text} (the default: one human-readable line per event) or {@code json} (one
 *     JSON object per line, logback's {@code JsonEncoder}: {@code timestamp} (epoch ms), {@code
 *     level}, {@code threadName}, {@code loggerName}, {@code mdc} (with {@code requestId} while a
 *     request is handled), {@code formattedMessage}, {@code throwable})
 * @param access one INFO line per HTTP request ({@code method path status bytes ms}, logger {@code
 *     io.switchboard.access}) when the response is sent; default false (a busy server API would log
 *     thousands a second)
 */
public record LogConfig(String format, boolean access) {
  /** Text lines, no access log. */
  public static final LogConfig DEFAULT = new LogConfig("text", false);

  /** Whether the format is {@code json}. */
  public boolean json() {
    return "json".equals(format);
  }
}
