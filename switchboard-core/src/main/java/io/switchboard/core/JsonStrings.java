package io.switchboard.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * JSON string literals for the hand-built frames and bus messages (RFC 8259 §7), without an {@code
 * ObjectMapper} per string: a string that needs no escape is wrapped in quotes as it is, anything
 * else goes through Jackson's {@link JsonStringEncoder}. Encoding a string through {@code
 * Json.encode} cost a quarter of a cluster node's CPU in the rooms benchmark.
 */
public final class JsonStrings {
  private JsonStrings() {}

  /**
   * The JSON literal of {@code text}: quoted, with {@code "}, {@code \} and control characters
   * escaped (other characters, non-ASCII included, are kept as they are, so the result is for UTF-8
   * output); the four characters {@code null} (JSON null) for a null {@code text}. Thread-safe.
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        StringBuilder b = new StringBuilder(text.length() + 8).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, b);
        return b.append('"').toString();
      }
    }
    return "\"" + text + "\"";
  }
}
