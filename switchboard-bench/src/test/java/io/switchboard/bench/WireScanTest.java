package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WireScan} over plain byte arrays: the same server stream cut into two reads at every byte
 * boundary, and fed one byte per read, must give the same deliveries, samples, texts, pings and
 * closes as one read (7-, 16- and 64-bit lengths, a ping in the middle, a fragmented message).
 */
class WireScanTest {

  /** What the walker reported. */
  static final class Seen implements WireFrame.Handler {
    final List<String> texts = new ArrayList<>();
    final List<String> pings = new ArrayList<>();
    final List<Integer> closes = new ArrayList<>();
    final List<Long> samples = new ArrayList<>();
    final List<String> violations = new ArrayList<>();

    @Override
    public void text(byte[] a, int len) {
      texts.add(new String(a, 0, len, StandardCharsets.UTF_8));
    }

    @Override
    public void ping(byte[] a, int len) {
      pings.add(new String(a, 0, len, StandardCharsets.UTF_8));
    }

    @Override
    public void close(int code) {
      closes.add(code);
    }

    @Override
    public void sample(long t0) {
      samples.add(t0);
    }

    @Override
    public void violation(String what) {
      violations.add(what);
    }

    String summary(WireFrame st, WireFrame.Tally t) {
      return "delivered="
          + st.delivered
          + " tally="
          + t.deliveries
          + " frames="
          + t.frames
          + " texts="
          + texts
          + " pings="
          + pings
          + " closes="
          + closes
          + " samples="
          + samples
          + " violations="
          + violations;
    }
  }

  /** An unmasked server frame; {@code lenBits} 7, 16 or 64 picks the length encoding. */
  static byte[] frame(boolean fin, int opcode, byte[] payload, int lenBits) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write((fin ? 0x80 : 0) | opcode);
    int n = payload.length;
    if (lenBits == 7) {
      assertThat(n).as("a 7-bit length").isLessThan(126);
      o.write(n);
    } else if (lenBits == 16) {
      o.write(126);
      o.write(n >>> 8);
      o.write(n);
    } else {
      o.write(127);
      for (int i = 7; i >= 0; i--) o.write((int) ((long) n >>> (8 * i)));
    }
    o.writeBytes(payload);
    return o.toByteArray();
  }

  static byte[] text(String s, int lenBits) {
    return frame(true, WireFrame.OP_TEXT, s.getBytes(StandardCharsets.UTF_8), lenBits);
  }

  static String sbEvent(long t0, int pad) {
    return "{\"type\":\"event\",\"room\":\"bench:r1\",\"event\":\"tick\",\"offset\":3,\"from\":\"u0\","
        + "\"data\":{\"t0\":"
        + t0
        + ",\"pad\":\""
        + "x".repeat(pad)
        + "\"},\"ts\":1764000000000}";
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  /** A switchboard.v1 stream with every length encoding, a ping and a fragmented text. */
  static byte[] switchboardStream() {
    return concat(
        text("{\"type\":\"welcome\",\"data\":{\"heartbeat\":25}}", 7),
        text("{\"type\":\"event\",\"data\":{\"t0\":101}}", 7),
        text("", 7),
        frame(true, WireFrame.OP_PING, "hb".getBytes(StandardCharsets.US_ASCII), 7),
        text(sbEvent(202, 300), 16),
        text(sbEvent(303, 50), 64),
        frame(
            false, WireFrame.OP_TEXT, "{\"type\":\"pong\",".getBytes(StandardCharsets.US_ASCII), 7),
        frame(true, WireFrame.OP_PING, new byte[0], 7),
        frame(true, WireFrame.OP_CONT, "\"id\":7}".getBytes(StandardCharsets.US_ASCII), 7),
        frame(true, WireFrame.OP_PONG, new byte[] {1, 2}, 7),
        frame(true, 2, new byte[200], 16),
        text("{\"type\":\"ack\",\"id\":9,\"data\":{\"offset\":" + "1".repeat(200) + "}}", 16),
        text(sbEvent(404, 0), 16),
        frame(true, WireFrame.OP_CLOSE, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}, 7));
  }

  static String scan(byte[] stream, byte[] prefix, int sampleEvery, int... cuts) {
    WireFrame st = new WireFrame(prefix);
    WireFrame.Tally t = new WireFrame.Tally(sampleEvery);
    Seen seen = new Seen();
    int from = 0;
    int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
    ends[cuts.length] = stream.length;
    for (int end : ends) {
      // each read lands at an arbitrary offset of a larger buffer, as in the selector's buffer
      ByteBuffer b = ByteBuffer.allocate(end - from + 10);
      b.position(5);
      b.put(stream, from, end - from);
      b.flip().position(5);
      WireScan.scan(b, st, t, seen);
      assertThat(b.position()).isEqualTo(5);
      from = end;
    }
    assertThat(st.mode).as("ends between frames").isEqualTo(WireFrame.HEADER);
    assertThat(st.hdrLen).isZero();
    return seen.summary(st, t);
  }

  @Test
  void oneReadCountsDeliveriesAndHandsOverTheRest() {
    String whole = scan(switchboardStream(), WireFrame.SWITCHBOARD_EVENT, 1);
    assertThat(whole)
        .isEqualTo(
            "delivered=4 tally=4 frames=14 texts=[{\"type\":\"welcome\",\"data\":{\"heartbeat\":25}}, ,"
                + " {\"type\":\"pong\",\"id\":7}, {\"type\":\"ack\",\"id\":9,\"data\":{\"offset\":"
                + "1".repeat(200)
                + "}}] pings=[hb, ] closes=[1000] samples=[101, 202, 303, 404] violations=[]");
  }

  @Test
  void everyTwoReadSplitGivesTheSameAsOneRead() {
    byte[] s = switchboardStream();
    String whole = scan(s, WireFrame.SWITCHBOARD_EVENT, 1);
    for (int k = 0; k <= s.length; k++) {
      assertThat(scan(s, WireFrame.SWITCHBOARD_EVENT, 1, k)).as("split at %d", k).isEqualTo(whole);
    }
  }

  @Test
  void everyThreeReadSplitAroundTheSixteenBitFrameGivesTheSame() {
    byte[] s = switchboardStream();
    String whole = scan(s, WireFrame.SWITCHBOARD_EVENT, 1);
    for (int i = 0; i <= 120; i++) {
      for (int j = i; j <= s.length; j += 7) {
        assertThat(scan(s, WireFrame.SWITCHBOARD_EVENT, 1, i, j)).isEqualTo(whole);
      }
    }
  }

  @Test
  void oneBytePerReadGivesTheSame() {
    byte[] s = switchboardStream();
    int[] cuts = new int[s.length - 1];
    for (int i = 0; i < cuts.length; i++) cuts[i] = i + 1;
    assertThat(scan(s, WireFrame.SWITCHBOARD_EVENT, 1, cuts))
        .isEqualTo(scan(s, WireFrame.SWITCHBOARD_EVENT, 1));
  }

  @Test
  void onlyEveryNthDeliveryIsSampled() {
    byte[][] events = new byte[24][];
    for (int i = 0; i < events.length; i++) events[i] = text(sbEvent(1000 + i, 20), 16);
    byte[] s = concat(events);
    String r = scan(s, WireFrame.SWITCHBOARD_EVENT, 8, 100, 101, 333);
    assertThat(r)
        .startsWith("delivered=24 tally=24 frames=24")
        .contains("samples=[1007, 1015, 1023]");
  }

  @Test
  void largeSixtyFourBitFrameStraddlingManyReads() {
    byte[] s =
        concat(
            text(sbEvent(7, 70_000), 64),
            frame(true, WireFrame.OP_PING, "p".getBytes(StandardCharsets.US_ASCII), 7),
            text("{\"type\":\"error\",\"data\":\"" + "e".repeat(70_000) + "\"}", 64));
    String whole = scan(s, WireFrame.SWITCHBOARD_EVENT, 1);
    assertThat(whole)
        .startsWith("delivered=1 tally=1 frames=3")
        .contains("samples=[7]", "pings=[p]");
    int[] cuts = new int[s.length / 997];
    for (int i = 0; i < cuts.length; i++) cuts[i] = 3 + i * 997;
    assertThat(scan(s, WireFrame.SWITCHBOARD_EVENT, 1, cuts)).isEqualTo(whole);
  }

  @Test
  void socketIoEventsCountedEngineIoPingHandedOver() {
    byte[] s =
        concat(
            text("0{\"sid\":\"abc\",\"pingInterval\":25000}", 7),
            text("40{\"sid\":\"def\"}", 7),
            text("431[{\"room\":\"bench:r1\",\"offset\":0}]", 7),
            text("42[\"event\",{\"room\":\"bench:r1\",\"data\":{\"t0\":55,\"pad\":\"xx\"}}]", 7),
            text("2", 7),
            text("42[\"other\",{}]", 7),
            text(
                "42[\"event\",{\"room\":\"bench:r1\",\"data\":{\"t0\":66,\"pad\":\""
                    + "y".repeat(200)
                    + "\"}}]",
                16));
    String whole = scan(s, WireFrame.SOCKETIO_EVENT, 1);
    assertThat(whole)
        .startsWith("delivered=2 tally=2 frames=7")
        .contains("samples=[55, 66]", ", 2, 42[\"other\",{}]]");
    for (int k = 0; k <= s.length; k++) {
      assertThat(scan(s, WireFrame.SOCKETIO_EVENT, 1, k)).isEqualTo(whole);
    }
  }

  @Test
  void maskedServerFrameIsAViolation() {
    byte[] s = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h', 'i'};
    WireFrame st = new WireFrame(WireFrame.SWITCHBOARD_EVENT);
    Seen seen = new Seen();
    assertThat(WireScan.scan(ByteBuffer.wrap(s), st, new WireFrame.Tally(1), seen)).isFalse();
    assertThat(seen.violations).containsExactly("masked server frame");
  }
}
