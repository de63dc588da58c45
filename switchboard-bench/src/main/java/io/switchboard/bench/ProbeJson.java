package io.switchboard.bench;

import java.nio.charset.StandardCharsets;

/**
 * Field lookup in one client frame of the probe ({@link ProbeHandler}): a key is found by its text
 * {@code "key":} (first occurrence) and its value's extent by a scan that follows strings, escapes
 * and nesting. Exact for the generator's frames, whose fields come before {@code data}; not a JSON
 * validator.
 */
final class ProbeJson {
  private ProbeJson() {}

  /**
   * The extent of {@code key}'s value.
   *
   * @return {@code {start, end}} (end exclusive) in {@code a}, or null if the key is missing
   */
  static int[] span(byte[] a, String key) {
    byte[] k = ("\"" + key + "\":").getBytes(StandardCharsets.US_ASCII);
    int at = Conn.indexOf(a, k, 0);
    if (at < 0) return null;
    int i = at + k.length;
    while (i < a.length && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r')) i++;
    int start = i;
    int depth = 0;
    boolean str = false;
    for (; i < a.length; i++) {
      byte c = a[i];
      if (str) {
        if (c == '\\') i++;
        else if (c == '"') {
          str = false;
          if (depth == 0) return new int[] {start, i + 1};
        }
      } else if (c == '"') {
        str = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return new int[] {start, i};
        if (--depth == 0) return new int[] {start, i + 1};
      } else if (c == ',' && depth == 0) {
        return new int[] {start, i};
      }
    }
    return null;
  }

  /** The value's JSON text as it came (e.g. a request id {@code 7} or {@code "a"}), or null. */
  static String raw(byte[] a, String key) {
    int[] s = span(a, key);
    return s == null ? null : new String(a, s[0], s[1] - s[0], StandardCharsets.UTF_8).trim();
  }

  /** A string value without its quotes (escapes left as they are), or null if not a string. */
  static String string(byte[] a, String key) {
    int[] s = span(a, key);
    if (s == null || s[1] - s[0] < 2 || a[s[0]] != '"') return null;
    return new String(a, s[0] + 1, s[1] - s[0] - 2, StandardCharsets.UTF_8);
  }
}
