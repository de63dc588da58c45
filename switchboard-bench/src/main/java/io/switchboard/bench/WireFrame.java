package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One connection's carry-over between reads for {@link WireScan}: a partial frame header (at most
 * 14 bytes), how many payload bytes of the current frame are still to come, and, only while a
 * payload that must be read straddles reads, a small heap array holding it. Confined to the
 * connection's selector thread.
 */
final class WireFrame {
  static final int OP_CONT = 0;
  static final int OP_TEXT = 1;
  static final int OP_CLOSE = 8;
  static final int OP_PING = 9;
  static final int OP_PONG = 10;

  /** Walker modes: expecting a header, skipping a payload, copying a payload. */
  static final int HEADER = 0;

  static final int SKIP = 1;
  static final int COLLECT = 2;

  /** What a collected payload is. */
  static final int KIND_TEXT = 0;

  static final int KIND_SAMPLE = 1;

  /** A text frame long enough to be a delivery whose prefix has not arrived yet. */
  static final int KIND_UNKNOWN = 2;

  static final int KIND_PING = 3;
  static final int KIND_CLOSE = 4;

  /** Longest text message kept for the handler (bigger ones are cut there). */
  static final int MAX_TEXT = 1 << 20;

  /**
   * What Conn counts as a delivery, as the servers write it: Switchboard's {@code
   * Frames.eventJson} starts every event frame with {@code {"type":"event",}; Socket.IO's {@code
   * io.to(room).emit("event", …)} is the Socket.IO packet {@code 42["event",…]}.
   */
  static final byte[] SWITCHBOARD_EVENT = "{\"type\":\"event\"".getBytes(StandardCharsets.US_ASCII);

  static final byte[] SOCKETIO_EVENT = "42[\"event\"".getBytes(StandardCharsets.US_ASCII);

  /** Receives what is not a counted delivery. Called on the walking thread. */
  interface Handler {
    /** A complete text message that is not a delivery; {@code a[0, len)} is only valid now. */
    void text(byte[] a, int len);

    /** A ping's application data {@code a[0, len)} (to echo in the pong). */
    void ping(byte[] a, int len);

    /** A close frame; {@code code} is its status code, or -1 without one. */
    void close(int code);

    /** A sampled delivery's {@code t0} (bench nanos of the publisher's send), or -1 if absent. */
    void sample(long t0);

    /** The server broke RFC 6455 (masked frame, reserved opcode); the walk stops. */
    void violation(String what);
  }

  /** Per selector thread: frames and deliveries walked, and the latency-sample sequence. */
  static final class Tally {
    final int sampleEvery;
    long frames;
    long deliveries;
    long seq;

    /**
     * @param sampleEvery parse {@code t0} of every n-th delivery of this thread (1 = all)
     */
    Tally(int sampleEvery) {
      this.sampleEvery = Math.max(1, sampleEvery);
    }

    boolean nextSampled() {
      return ++seq % sampleEvery == 0;
    }
  }

  final byte[] prefix;
  final byte[] hdr = new byte[14];
  int hdrLen;
  int mode = HEADER;
  int opcode;
  boolean fin;
  long remaining;
  int kind;

  /** A text message continues in continuation frames that must be collected too. */
  boolean msgOpen;

  /** The next collect appends (a continuation of {@link #msgOpen}). */
  boolean append;

  /** Deliveries counted on this connection. */
  long delivered;

  byte[] body;
  int bodyLen;

  /** A control frame's payload (≤ 125 bytes), allocated at the first ping or close. */
  byte[] ctl;

  int ctlLen;

  /**
   * @param prefix the bytes a delivery's payload starts with ({@link #SWITCHBOARD_EVENT} or {@link
   *     #SOCKETIO_EVENT})
   */
  WireFrame(byte[] prefix) {
    this.prefix = prefix;
  }

  /** Bytes in the header whose second byte is {@code b1}: 2, + 2 or 8 length bytes, + 4 mask. */
  static int headerLength(byte b1) {
    int len7 = b1 & 0x7F;
    return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
  }

  /**
   * Appends {@code b[p, p+n)} to the control or the message array (the excess of a huge one is
   * dropped).
   */
  void copy(ByteBuffer b, int p, int n) {
    if (kind >= KIND_PING) {
      if (ctl == null) ctl = new byte[125];
      int m = Math.min(n, ctl.length - ctlLen);
      b.get(p, ctl, ctlLen, m);
      ctlLen += m;
      return;
    }
    int m = Math.min(n, MAX_TEXT - bodyLen);
    if (m <= 0) return;
    if (body == null || body.length < bodyLen + m) {
      // remaining still counts these n bytes: size for the whole frame at once
      long want = Math.min(MAX_TEXT, bodyLen + remaining);
      byte[] nb = new byte[(int) Math.max(want, bodyLen + m)];
      if (body != null) System.arraycopy(body, 0, nb, 0, bodyLen);
      body = nb;
    }
    b.get(p, body, bodyLen, m);
    bodyLen += m;
  }

  /** Drops a large message array once nothing is kept in it. */
  void release() {
    if (!msgOpen && bodyLen == 0 && body != null && body.length > 512) body = null;
  }
}
