package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What an NIO receiver writes, by hand (RFC 6455): the HTTP/1.1 Upgrade request with a random
 * {@code Sec-WebSocket-Key}, the check of the {@code 101} answer and its {@code
 * Sec-WebSocket-Accept}, and masked client frames (§5.3: every client frame is masked with a fresh
 * 4-byte key).
 */
final class ClientWire {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

  private ClientWire() {}

  /** A fresh base64 {@code Sec-WebSocket-Key} (16 random bytes). */
  static String newKey(SplittableRandom rnd) {
    byte[] k = new byte[16];
    rnd.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  /** The Upgrade request for {@code uri} (path + query) on {@code host:port}, US-ASCII. */
  static byte[] upgradeRequest(String host, int port, String uri, String key) {
    return ("GET "
            + uri
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The {@code Sec-WebSocket-Accept} the server must answer to {@code key}. */
  static String accept(String key) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Index just past the blank line ending the HTTP head in {@code a[0, len)}, or -1. */
  static int headEnd(byte[] a, int len) {
    outer:
    for (int i = 0; i + 4 <= len; i++) {
      for (int j = 0; j < 4; j++) if (a[i + j] != CRLFCRLF[j]) continue outer;
      return i + 4;
    }
    return -1;
  }

  /**
   * Checks an HTTP response head: status 101 and the expected accept value.
   *
   * @return null if it is a valid upgrade, else what is wrong (with the status line)
   */
  static String checkUpgrade(byte[] a, int headLen, String key) {
    String head = new String(a, 0, headLen, StandardCharsets.ISO_8859_1);
    int eol = head.indexOf("\r\n");
    String status = eol < 0 ? head : head.substring(0, eol);
    if (!status.startsWith("HTTP/1.1 101")) return "upgrade refused: " + status;
    String want = "sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT);
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).replace(":  ", ": ").trim().equals(want)) return null;
    }
    return "bad Sec-WebSocket-Accept in " + status;
  }

  /** A masked client frame with FIN set. */
  static ByteBuffer frame(int opcode, byte[] payload, int len, SplittableRandom rnd) {
    int hl = len < 126 ? 2 : len < 65536 ? 4 : 10;
    ByteBuffer f = ByteBuffer.allocate(hl + 4 + len);
    f.put((byte) (0x80 | opcode));
    if (len < 126) {
      f.put((byte) (0x80 | len));
    } else if (len < 65536) {
      f.put((byte) (0x80 | 126)).putShort((short) len);
    } else {
      f.put((byte) (0x80 | 127)).putLong(len);
    }
    int mask = rnd.nextInt();
    f.putInt(mask);
    for (int i = 0; i < len; i++) f.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
    return f.flip();
  }

  /** A masked text frame of {@code text}. */
  static ByteBuffer text(String text, SplittableRandom rnd) {
    byte[] p = text.getBytes(StandardCharsets.UTF_8);
    return frame(WireFrame.OP_TEXT, p, p.length, rnd);
  }
}
