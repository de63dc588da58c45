package io.switchboard.server.gateway;

import io.vertx.core.buffer.Buffer;
import java.util.SplittableRandom;

/**
 * Client → server WebSocket frames built byte by byte (RFC 6455 §5.2) for {@link FuzzIT}, so the
 * fuzzer can send what a client library never would: reserved opcodes and RSV bits, unmasked
 * frames, lengths that lie or are not minimally encoded, fragmented and oversized control frames.
 */
final class FuzzWire {
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private FuzzWire() {}

  /** A masked final frame with a random key (what a browser sends). */
  static Buffer frame(int opcode, byte[] payload, SplittableRandom random) {
    return frame(true, 0, opcode, payload, random.nextInt());
  }

  /**
   * One frame: {@code fin}, {@code rsv} (0–7, the three RSV bits), {@code opcode} (4 bits), masked
   * with {@code maskKey} or unmasked when it is {@code null}; the length in its minimal encoding.
   */
  static Buffer frame(boolean fin, int rsv, int opcode, byte[] payload, Integer maskKey) {
    Buffer f =
        header(fin, rsv, opcode, maskKey != null, payload.length, minimalForm(payload.length));
    if (maskKey == null) {
      return f.appendBytes(payload);
    }
    f.appendInt(maskKey);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ (maskKey >>> (8 * (3 - (i & 3)))));
    }
    return f.appendBytes(masked);
  }

  /**
   * A frame header claiming {@code length} payload bytes in length form {@code form} (7: the 7-bit
   * field, 16: 126 + 2 bytes, 64: 127 + 8 bytes, whether or not that is minimal), masked with a
   * zero key when {@code masked}; the caller appends whatever payload it likes (or none).
   */
  static Buffer header(boolean fin, int rsv, int opcode, boolean masked, long length, int form) {
    Buffer f =
        Buffer.buffer().appendByte((byte) ((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF)));
    int m = masked ? 0x80 : 0;
    switch (form) {
      case 7 -> f.appendByte((byte) (m | (length & 0x7F)));
      case 16 -> f.appendByte((byte) (m | 126)).appendUnsignedShort((int) (length & 0xFFFF));
      default -> f.appendByte((byte) (m | 127)).appendLong(length);
    }
    return f;
  }

  /** The minimal length form for {@code length} bytes (7, 16 or 64). */
  static int minimalForm(long length) {
    return length < 126 ? 7 : length < 65536 ? 16 : 64;
  }

  /** A close frame's payload: the code, big-endian, then the reason bytes. */
  static byte[] closePayload(int code, byte[] reason) {
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    return p;
  }
}
