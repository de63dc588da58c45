package io.switchboard.server.gateway;

import java.util.SplittableRandom;

/**
 * Random JSON text for {@link FuzzIT}: strings of every charset (control characters, NUL, quotes,
 * escapes, supplementary characters, optionally lone surrogates), numbers of every spelling, and
 * values of every shape, size and nesting depth. Everything produced is valid JSON unless a method
 * says otherwise.
 */
final class FuzzJson {
  static final String ROOM_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:@=/";
  static final String NAMESPACE_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

  private FuzzJson() {}

  /** {@code n} characters drawn from {@code alphabet}. */
  static String of(SplittableRandom r, String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** A Java string of up to {@code max} UTF-16 units from a random charset. */
  static String content(SplittableRandom r, int max, boolean loneSurrogates) {
    int n = r.nextInt(max + 1);
    StringBuilder b = new StringBuilder(n);
    int charset = r.nextInt(loneSurrogates ? 7 : 6);
    while (b.length() < n) {
      switch (charset) {
        case 0 -> b.append((char) ('a' + r.nextInt(26)));
        case 1 -> b.append(ROOM_CHARS.charAt(r.nextInt(ROOM_CHARS.length())));
        case 2 -> b.append((char) r.nextInt(0x20)); // control characters, NUL included
        case 3 ->
            b.append("\"\\/'{}[]:,\u2028\u2029\u200b\u202e\ufeff\ufffd".charAt(r.nextInt(16)));
        case 4 -> b.append((char) (0x80 + r.nextInt(0xD800 - 0x80)));
        case 5 -> {
          if (b.length() + 2 > n) {
            b.append('e');
          } else {
            b.appendCodePoint(0x1F300 + r.nextInt(0x400));
          }
        }
        default -> b.append((char) (0xD800 + r.nextInt(0x800)));
      }
      if (r.nextInt(8) == 0) {
        charset = r.nextInt(loneSurrogates ? 7 : 6);
      }
    }
    return b.toString();
  }

  /**
   * {@code s} as a JSON string literal; some characters escaped as {@code \}{@code uXXXX} at
   * random.
   */
  static String quote(String s, SplittableRandom r) {
    boolean escapeMore = r.nextInt(4) == 0;
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)
          ? c < 0x20 || isLone(s, i)
          : escapeMore && r.nextInt(3) == 0) {
        b.append(String.format("\\u%04x", (int) c));
      } else if (c == '/' && escapeMore) {
        b.append("\\/");
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static boolean isLone(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** A finite JSON number of a random spelling (integers, big integers, fractions, exponents). */
  static String number(SplittableRandom r) {
    return switch (r.nextInt(10)) {
      case 0 -> "0";
      case 1 -> "-0";
      case 2 -> Integer.toString(r.nextInt());
      case 3 -> Long.toString(r.nextLong());
      case 4 -> "9223372036854775808"; // Long.MAX + 1
      case 5 -> "-" + digits(r, 20 + r.nextInt(60));
      case 6 -> r.nextInt(1000) + "." + digits(r, 1 + r.nextInt(20));
      case 7 ->
          r.nextInt(100)
              + (r.nextBoolean() ? "e" : "E")
              + (r.nextBoolean() ? "-" : "+")
              + r.nextInt(300);
      case 8 -> "1.5e-400"; // underflows to zero
      default -> r.nextInt(10) + ".0";
    };
  }

  /**
   * A number that overflows a double ({@code 1e400}): finite in JSON, infinite once parsed as a
   * double.
   */
  static String overflowing(SplittableRandom r) {
    return (r.nextBoolean() ? "-" : "") + (1 + r.nextInt(9)) + "e" + (309 + r.nextInt(700));
  }

  static String digits(SplittableRandom r, int n) {
    StringBuilder b = new StringBuilder(n).append((char) ('1' + r.nextInt(9)));
    for (int i = 1; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /** Any finite JSON value of roughly at most {@code budget} characters, nesting included. */
  static String value(SplittableRandom r, int budget) {
    int pick = r.nextInt(budget < 8 ? 6 : 9);
    return switch (pick) {
      case 0 -> "null";
      case 1 -> r.nextBoolean() ? "true" : "false";
      case 2, 3 -> number(r);
      case 4, 5 -> quote(content(r, Math.max(0, Math.min(budget / 2, 64)), true), r);
      case 6 -> array(r, budget);
      case 7 -> object(r, budget);
      default -> nested(r, 1 + r.nextInt(Math.min(budget / 2, 200)));
    };
  }

  private static String array(SplittableRandom r, int budget) {
    StringBuilder b = new StringBuilder("[");
    int n = r.nextInt(6);
    for (int i = 0; i < n && b.length() < budget; i++) {
      b.append(i == 0 ? "" : ",").append(value(r, (budget - b.length()) / 2));
    }
    return b.append(']').toString();
  }

  private static String object(SplittableRandom r, int budget) {
    StringBuilder b = new StringBuilder("{");
    int n = r.nextInt(6);
    for (int i = 0; i < n && b.length() < budget; i++) {
      b.append(i == 0 ? "" : ",")
          .append(quote(content(r, 12, true), r))
          .append(':')
          .append(value(r, (budget - b.length()) / 2));
    }
    return b.append('}').toString();
  }

  /** {@code depth} nested arrays or objects around a scalar ({@code depth} levels of nesting). */
  static String nested(SplittableRandom r, int depth) {
    StringBuilder open = new StringBuilder(depth * 5);
    StringBuilder close = new StringBuilder(depth);
    for (int i = 0; i < depth; i++) {
      if (r.nextBoolean()) {
        open.append('[');
        close.append(']');
      } else {
        open.append("{\"k\":");
        close.append('}');
      }
    }
    return open.append("0").append(close.reverse()).toString();
  }
}
