package io.switchboard.server.gateway;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * WebSocket-level input for {@link FuzzIT}, below what a client library lets one send: fragmented
 * messages (with pings between the fragments), every RFC 6455 protocol violation, lengths that lie,
 * binary frames, invalid UTF-8, control frames and floods of them, close frames with valid and
 * invalid codes, and plain random bytes.
 */
final class FuzzRaw {
  /** Close codes for a broken frame (RFC 6455 §7.4.1: protocol error, invalid payload data). */
  static final Set<Integer> PROTOCOL_ERROR = Set.of(1002, 1007);

  private final SplittableRandom r;
  private final int maxFrame;

  FuzzRaw(SplittableRandom r, int maxFrame) {
    this.r = r;
    this.maxFrame = maxFrame;
  }

  /** {@code text} (a request whose outcome {@code expected} describes) split into fragments. */
  FuzzInput fragmented(String text, FuzzInput expected) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int pieces = 2 + r.nextInt(5);
    Buffer out = Buffer.buffer();
    FuzzInput in = new FuzzInput("raw:fragmented", out, text);
    int start = 0;
    for (int i = 0; i < pieces; i++) {
      int end =
          i == pieces - 1
              ? b.length
              : start + r.nextInt(b.length - start + 1); // may split a UTF-8 character
      byte[] part = java.util.Arrays.copyOfRange(b, start, end);
      out.appendBuffer(
          FuzzWire.frame(
              i == pieces - 1,
              0,
              i == 0 ? FuzzWire.TEXT : FuzzWire.CONTINUATION,
              part,
              r.nextInt()));
      if (i < pieces - 1 && r.nextInt(3) == 0) {
        byte[] ping = ("p" + r.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
        out.appendBuffer(FuzzWire.frame(FuzzWire.PING, ping, r));
        in.pings.add(Buffer.buffer(ping));
      }
      start = end;
    }
    // while one pong waits to be written, only the latest ping is answered (docs/protocol.md)
    in.pongsAtMost = in.pings.size() > 1;
    in.replies = expected.replies;
    in.outcomes = expected.outcomes;
    in.checkId = expected.checkId;
    in.id = expected.id;
    in.closes = expected.closes;
    in.mustEnd = expected.mustEnd;
    in.dropAllowed = expected.dropAllowed;
    return in;
  }

  /** One frame that breaks RFC 6455: the server must fail the connection. */
  FuzzInput violation() {
    byte[] p = "{\"type\":\"ping\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
    int m = r.nextInt(12);
    Buffer b =
        switch (m) {
          case 0 ->
              FuzzWire.frame(
                  true,
                  0,
                  new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}[r.nextInt(10)],
                  p,
                  r.nextInt());
          case 1 -> FuzzWire.frame(true, 1 + r.nextInt(7), FuzzWire.TEXT, p, r.nextInt());
          case 2 -> FuzzWire.frame(true, 0, FuzzWire.TEXT, p, null); // unmasked
          case 3 ->
              FuzzWire.frame(
                  true,
                  0,
                  r.nextBoolean() ? FuzzWire.PING : FuzzWire.PONG,
                  new byte[126 + r.nextInt(200)],
                  r.nextInt());
          case 4 ->
              FuzzWire.frame(
                  false, 0, FuzzWire.PING, new byte[3], r.nextInt()); // fragmented control frame
          case 5 ->
              FuzzWire.frame(true, 0, FuzzWire.CONTINUATION, p, r.nextInt()); // nothing to continue
          case 6 ->
              FuzzWire.frame(false, 0, FuzzWire.TEXT, p, 1)
                  .appendBuffer(FuzzWire.frame(true, 0, FuzzWire.TEXT, p, 2));
          case 7 ->
              FuzzWire.header(true, 0, FuzzWire.TEXT, true, p.length, r.nextBoolean() ? 16 : 64)
                  .appendInt(0)
                  .appendBytes(p); // length not minimally encoded
          case 8 ->
              FuzzWire.header(true, 0, FuzzWire.TEXT, true, Long.MIN_VALUE + r.nextInt(1000), 64)
                  .appendInt(0)
                  .appendBytes(p); // a negative 64-bit length
          case 9 ->
              FuzzWire.frame(
                  FuzzWire.CLOSE,
                  FuzzWire.closePayload(
                      new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999}[r.nextInt(8)],
                      new byte[0]),
                  r);
          case 10 -> FuzzWire.frame(FuzzWire.CLOSE, new byte[] {3}, r); // a one-byte close payload
          default ->
              FuzzWire.frame(
                  FuzzWire.CLOSE,
                  FuzzWire.closePayload(1000, new byte[] {'o', (byte) 0xC3, 0x28}),
                  r);
        };
    return new FuzzInput("violation:" + m, b, "violation " + m).ends(PROTOCOL_ERROR, false);
  }

  /** A header claiming far more than 16 × the limit, then a little payload: the codec drops it. */
  FuzzInput lyingLength() {
    long claimed =
        new long[] {16L * maxFrame + 1, 1L << 31, 1L << 40, Long.MAX_VALUE}[r.nextInt(4)];
    Buffer b =
        FuzzWire.header(
                true,
                0,
                r.nextBoolean() ? FuzzWire.TEXT : FuzzWire.BINARY,
                true,
                claimed,
                FuzzWire.minimalForm(claimed))
            .appendInt(r.nextInt())
            .appendBytes(new byte[r.nextInt(300)]);
    return new FuzzInput("raw:lying-length", b, "claims " + claimed).ends(Set.of(1009), true);
  }

  /** A binary frame of random bytes, up to twice the limit: {@code binary_not_supported}, no id. */
  FuzzInput binary() {
    byte[] p = new byte[r.nextInt(10) == 0 ? maxFrame + r.nextInt(maxFrame) : r.nextInt(200)];
    r.nextBytes(p);
    FuzzInput in =
        new FuzzInput("raw:binary", FuzzWire.frame(FuzzWire.BINARY, p, r), p.length + " bytes");
    // binary frames pass the same size check as text frames (docs/protocol.md)
    return FuzzRequests.sized(in, p.length, maxFrame)
        ? in
        : in.reply(Set.of("error:binary_not_supported"), null);
  }

  /**
   * A text frame whose bytes are not UTF-8: read as the server reads it (invalid sequences
   * replaced).
   */
  FuzzInput invalidUtf8(String valid) {
    byte[] b = valid.getBytes(StandardCharsets.UTF_8);
    byte[][] bad = {
      {(byte) 0xFF},
      {(byte) 0xC0, (byte) 0x80},
      {(byte) 0x80},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}
    };
    byte[] ins = bad[r.nextInt(bad.length)];
    int at = r.nextInt(b.length + 1);
    byte[] out = new byte[b.length + ins.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(ins, 0, out, at, ins.length);
    System.arraycopy(b, at, out, at + ins.length, b.length - at);
    FuzzInput in =
        new FuzzInput(
            "raw:invalid-utf8",
            FuzzWire.frame(FuzzWire.TEXT, out, r),
            new String(out, StandardCharsets.UTF_8));
    if (FuzzRequests.sized(in, out.length, maxFrame)) {
      return in;
    }
    return FuzzMutations.expect(in, new String(out, StandardCharsets.UTF_8));
  }

  /**
   * Pings (0–125 bytes) answered by pongs, or unsolicited pongs; {@code flood} sends hundreds at
   * once.
   */
  FuzzInput control(boolean flood) {
    if (!flood && r.nextInt(3) == 0) {
      return new FuzzInput(
          "raw:pong", FuzzWire.frame(FuzzWire.PONG, new byte[r.nextInt(126)], r), "pong");
    }
    int n = flood ? 50 + r.nextInt(500) : 1;
    Buffer b = Buffer.buffer();
    FuzzInput in = new FuzzInput(flood ? "raw:ping-flood" : "raw:ping", b, n + " pings");
    for (int i = 0; i < n; i++) {
      byte[] p = new byte[r.nextInt(126)];
      r.nextBytes(p);
      b.appendBuffer(FuzzWire.frame(FuzzWire.PING, p, r));
      in.pings.add(Buffer.buffer(p));
    }
    if (flood) { // a request after the pings: its reply comes after every pong the server sends
      b.appendBuffer(
          FuzzWire.frame(
              FuzzWire.TEXT,
              "{\"type\":\"ping\",\"id\":\"sync\"}".getBytes(StandardCharsets.UTF_8),
              r));
      in.reply(Set.of("pong"), com.fasterxml.jackson.databind.node.TextNode.valueOf("sync"));
      in.pongsAtMost = true;
      in.closes = Set.of(4029); // pings count against the rate limit: a long flood may be closed
      // (docs/protocol.md)
    }
    return in;
  }

  /**
   * A valid close frame: the server echoes the code (or the empty close) and ends the connection.
   */
  FuzzInput close() {
    if (r.nextInt(5) == 0) {
      return new FuzzInput("raw:close", FuzzWire.frame(FuzzWire.CLOSE, new byte[0], r), "close")
          .ends(Set.of(1005), false);
    }
    int code =
        new int[] {1000, 1001, 1003, 1007, 1008, 1009, 1010, 3000, 3999, 4000, 4999, 5000, 65535}
            [r.nextInt(13)];
    byte[] reason = FuzzJson.of(r, "abc é", r.nextInt(60)).getBytes(StandardCharsets.UTF_8);
    // RFC 6455 §7.4.2 defines no code above 4999; Netty's decoder takes them (echoed), or a peer
    // may refuse them
    return new FuzzInput(
            "raw:close",
            FuzzWire.frame(FuzzWire.CLOSE, FuzzWire.closePayload(code, reason), r),
            "close " + code)
        .ends(code > 4999 ? Set.of(code, 1002) : Set.of(code), false);
  }

  /**
   * Random bytes: whatever they mean, the node must not be hurt; the connection is abandoned after.
   */
  FuzzInput garbage() {
    byte[] p = new byte[1 + r.nextInt(400)];
    r.nextBytes(p);
    if ((p[0] & 0x0F) == 0x9) {
      // one start in 16 has the ping opcode, and about one in 32 of those is a well-formed masked
      // ping (FIN, no RSV bits, mask bit) that the server rightly answers: with ~500 garbage inputs
      // a run, that is a pong for a ping the oracle never recorded. Make it a pong (ignored).
      p[0] = (byte) ((p[0] & 0xF0) | 0xA);
    }
    FuzzInput in = new FuzzInput("raw:garbage", Buffer.buffer(p), p.length + " random bytes");
    in.closes = Set.of(1002, 1007, 1009);
    in.dropAllowed = true;
    in.abandon = true;
    return in;
  }

  /**
   * While not reading: {@code kib} KiB of pings and {@code requests} ping requests. The requests
   * are answered (or rate limited) unless the outbound queue overflows (4008) or the flood trips
   * the rate limit (4029); pongs may be fewer than the pings.
   */
  FuzzInput pausedFlood(int kib, int requests) {
    Buffer b = Buffer.buffer();
    FuzzInput out =
        new FuzzInput(
            "raw:paused-flood", b, kib + " KiB of pings, " + requests + " requests, not reading");
    while (b.length() < kib * 1024) {
      b.appendBuffer(FuzzWire.frame(FuzzWire.PING, new byte[125], r));
      out.pings.add(Buffer.buffer(new byte[125]));
    }
    for (int i = 0; i <= requests; i++) { // the last one is the sync of control(true)
      b.appendBuffer(
          FuzzWire.frame(
              FuzzWire.TEXT,
              ("{\"type\":\"ping\",\"id\":" + i + "}").getBytes(StandardCharsets.UTF_8),
              r));
    }
    out.replies = requests + 1;
    out.outcomes = Set.of("pong");
    out.pongsAtMost = true;
    out.paused = true;
    out.closes = Set.of(4008, 4029);
    return out;
  }
}
