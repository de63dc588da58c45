package io.switchboard.grpc.transcode;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a path segment or query value (RFC 3986 section 2): every byte of the UTF-8
 * form but the unreserved {@code A-Z a-z 0-9 - . _ ~} is written {@code %XX}, so a room name such
 * as {@code chat:lobby} or one the twin refuses ({@code a/b}, {@code a b}) reaches the HTTP route
 * as the caller wrote it.
 */
public final class PathSegments {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  /** {@code text} percent-encoded; never null ({@code null} encodes as empty). */
  public static String encode(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
