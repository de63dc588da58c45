package io.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Walks the WebSocket frames a server sends (RFC 6455 §5.2: server frames are unmasked, payload
 * lengths of 7, 16 or 64 bits) through a read buffer without building a String or Buffer (issue 13
 * point 1, "count frames without parsing them"). A text frame whose payload starts with the
 * system's delivery prefix ({@link WireFrame}) is only counted; every {@code --latency-sample}-th
 * one (per thread) has its {@code "t0":} number parsed. Everything else (setup frames, errors,
 * heartbeats, control frames) is handed to the {@link WireFrame.Handler} as a copied byte array:
 * those are rare once the connection is ready.
 *
 * <p>A frame may straddle reads at any byte: the header is carried in {@link WireFrame}'s 14-byte
 * array, a payload that must be read (setup, control, a sampled delivery, a prefix not yet
 * complete) in a small heap array allocated only then; a counted delivery's remaining bytes are
 * merely skipped. Stateless; all state is in {@link WireFrame} (per connection) and {@link
 * WireFrame.Tally} (per selector thread).
 */
final class WireScan {
  private static final byte[] T0 = "\"t0\":".getBytes(StandardCharsets.US_ASCII);

  private WireScan() {}

  /**
   * Walks {@code b} from its position to its limit (the position is left unchanged).
   *
   * @param b the bytes just read
   * @param st the connection's carry-over
   * @param t the thread's counters
   * @param h receives non-delivery frames, samples and violations
   * @return false after a protocol violation (stop reading this connection)
   */
  static boolean scan(ByteBuffer b, WireFrame st, WireFrame.Tally t, WireFrame.Handler h) {
    int p = b.position();
    int lim = b.limit();
    while (p < lim) {
      if (st.mode != WireFrame.HEADER) {
        p = body(b, p, lim, st, t, h);
        continue;
      }
      int hdrEnd;
      if (st.hdrLen == 0) {
        int need = lim - p >= 2 ? WireFrame.headerLength(b.get(p + 1)) : Integer.MAX_VALUE;
        if (lim - p < need) { // carry the partial header
          while (p < lim) st.hdr[st.hdrLen++] = b.get(p++);
          return true;
        }
        if (!header(st, b.get(p), b.get(p + 1), b, p + 2, h)) return false;
        hdrEnd = p + need;
      } else {
        while (p < lim && (st.hdrLen < 2 || st.hdrLen < WireFrame.headerLength(st.hdr[1]))) {
          st.hdr[st.hdrLen++] = b.get(p++);
        }
        if (st.hdrLen < 2 || st.hdrLen < WireFrame.headerLength(st.hdr[1])) return true;
        if (!header(st, st.hdr[0], st.hdr[1], ByteBuffer.wrap(st.hdr), 2, h)) return false;
        st.hdrLen = 0;
        hdrEnd = p;
      }
      t.frames++;
      p = begin(b, hdrEnd, lim, st, t, h);
    }
    return true;
  }

  /** Reads opcode, FIN and the payload length; rejects masked frames and unknown opcodes. */
  private static boolean header(
      WireFrame st, byte b0, byte b1, ByteBuffer lenBytes, int at, WireFrame.Handler h) {
    if ((b1 & 0x80) != 0) {
      h.violation("masked server frame");
      return false;
    }
    int op = b0 & 0x0F;
    if (op > 2 && op < 8 || op > 10) {
      h.violation("reserved opcode " + op);
      return false;
    }
    int len7 = b1 & 0x7F;
    long len = len7;
    if (len7 == 126) {
      len = ((lenBytes.get(at) & 0xFFL) << 8) | (lenBytes.get(at + 1) & 0xFFL);
    } else if (len7 == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) len = (len << 8) | (lenBytes.get(at + i) & 0xFFL);
      if (len < 0) {
        h.violation("64-bit length with the top bit set");
        return false;
      }
    }
    st.opcode = op;
    st.fin = (b0 & 0x80) != 0;
    st.remaining = len;
    return true;
  }

  /**
   * Starts a frame's payload at {@code p}: classifies it in place when possible, else switches to
   * collecting or skipping. Returns the new position.
   */
  private static int begin(
      ByteBuffer b, int p, int lim, WireFrame st, WireFrame.Tally t, WireFrame.Handler h) {
    int op = st.opcode;
    long len = st.remaining;
    int k = st.prefix.length;
    if (op == WireFrame.OP_TEXT) {
      st.msgOpen = false;
      if (len >= k && lim - p >= k) {
        if (startsWith(b, p, st.prefix)) {
          boolean sampled = t.nextSampled();
          st.delivered++;
          t.deliveries++;
          if (sampled) {
            long end = Math.min(lim, p + len);
            int at = indexOf(b, p + k, (int) end, T0);
            if (at >= 0 && numberEnds(b, at + T0.length, (int) end, p + len <= lim)) {
              h.sample(parseLong(b, at + T0.length, (int) end));
              return skip(p, lim, st);
            }
            return collect(b, p, lim, st, WireFrame.KIND_SAMPLE, t, h);
          }
          return skip(p, lim, st);
        }
        if (!st.fin) st.msgOpen = true;
        return collect(b, p, lim, st, WireFrame.KIND_TEXT, t, h);
      }
      if (!st.fin) st.msgOpen = true;
      return collect(b, p, lim, st, len < k ? WireFrame.KIND_TEXT : WireFrame.KIND_UNKNOWN, t, h);
    }
    if (op == WireFrame.OP_CONT) {
      if (st.msgOpen) {
        if (st.fin) st.msgOpen = false;
        st.append = true;
        return collect(b, p, lim, st, WireFrame.KIND_TEXT, t, h);
      }
      return skip(p, lim, st);
    }
    if (op >= WireFrame.OP_CLOSE && op != WireFrame.OP_PONG) {
      return collect(
          b,
          p,
          lim,
          st,
          op == WireFrame.OP_PING ? WireFrame.KIND_PING : WireFrame.KIND_CLOSE,
          t,
          h);
    }
    return skip(p, lim, st); // binary, pong
  }

  private static int skip(int p, int lim, WireFrame st) {
    long take = Math.min(st.remaining, lim - p);
    st.remaining -= take;
    st.mode = st.remaining == 0 ? WireFrame.HEADER : WireFrame.SKIP;
    return p + (int) take;
  }

  private static int collect(
      ByteBuffer b,
      int p,
      int lim,
      WireFrame st,
      int kind,
      WireFrame.Tally t,
      WireFrame.Handler h) {
    st.kind = kind;
    st.mode = WireFrame.COLLECT;
    if (kind >= WireFrame.KIND_PING) st.ctlLen = 0;
    else if (!st.append) st.bodyLen = 0;
    st.append = false;
    return body(b, p, lim, st, t, h);
  }

  /** Continues a payload being skipped or collected; dispatches it once complete. */
  private static int body(
      ByteBuffer b, int p, int lim, WireFrame st, WireFrame.Tally t, WireFrame.Handler h) {
    if (st.mode == WireFrame.SKIP) return skip(p, lim, st);
    int take = (int) Math.min(st.remaining, lim - p);
    st.copy(b, p, take);
    p += take;
    st.remaining -= take;
    if (st.kind == WireFrame.KIND_UNKNOWN && st.bodyLen >= st.prefix.length) {
      if (startsWith(ByteBuffer.wrap(st.body), 0, st.prefix)) {
        st.delivered++;
        t.deliveries++;
        st.msgOpen = false;
        if (!t.nextSampled()) {
          st.bodyLen = 0;
          return skip(p, lim, st);
        }
        st.kind = WireFrame.KIND_SAMPLE;
      } else {
        st.kind = WireFrame.KIND_TEXT;
      }
    }
    if (st.remaining > 0) return p;
    st.mode = WireFrame.HEADER;
    dispatch(st, h);
    return p;
  }

  private static void dispatch(WireFrame st, WireFrame.Handler h) {
    int n = st.bodyLen;
    switch (st.kind) {
      case WireFrame.KIND_SAMPLE -> {
        ByteBuffer w = ByteBuffer.wrap(st.body, 0, n);
        int at = indexOf(w, st.prefix.length, n, T0);
        if (at >= 0) h.sample(parseLong(w, at + T0.length, n));
        st.bodyLen = 0;
      }
      case WireFrame.KIND_TEXT, WireFrame.KIND_UNKNOWN -> {
        if (st.msgOpen) return; // more fragments follow
        h.text(st.body == null ? new byte[0] : st.body, n);
        st.bodyLen = 0;
      }
      case WireFrame.KIND_PING -> h.ping(st.ctlLen == 0 ? new byte[0] : st.ctl, st.ctlLen);
      default -> h.close(st.ctlLen >= 2 ? ((st.ctl[0] & 0xFF) << 8) | (st.ctl[1] & 0xFF) : -1);
    }
    st.release();
  }

  // ---------------------------------------------------------------------- byte helpers

  static boolean startsWith(ByteBuffer b, int at, byte[] pat) {
    for (int j = 0; j < pat.length; j++) {
      if (b.get(at + j) != pat[j]) return false;
    }
    return true;
  }

  /** First index of {@code pat} in {@code b[from, to)}, or -1. */
  static int indexOf(ByteBuffer b, int from, int to, byte[] pat) {
    byte first = pat[0];
    outer:
    for (int i = from; i <= to - pat.length; i++) {
      if (b.get(i) != first) continue;
      for (int j = 1; j < pat.length; j++) {
        if (b.get(i + j) != pat[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  /** True when the digits starting at {@code at} end before {@code to} (or the payload ends). */
  private static boolean numberEnds(ByteBuffer b, int at, int to, boolean payloadEnds) {
    for (int i = at; i < to; i++) {
      byte c = b.get(i);
      if ((c < '0' || c > '9') && c != ' ') return true;
    }
    return payloadEnds;
  }

  /** The non-negative decimal at {@code at} (spaces skipped), or -1. */
  static long parseLong(ByteBuffer b, int at, int to) {
    int i = at;
    while (i < to && b.get(i) == ' ') i++;
    long v = 0;
    boolean any = false;
    while (i < to && b.get(i) >= '0' && b.get(i) <= '9') {
      v = v * 10 + (b.get(i) - '0');
      i++;
      any = true;
    }
    return any ? v : -1;
  }
}
