package io.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The text frames of an {@link NioConn} that are not counted deliveries: the setup, exactly as
 * {@link Conn} does it, and the rare frames after it (acks, pongs, Engine.IO pings, errors,
 * disconnects). These may be parsed; they are copied once and scanned like Conn scans them.
 */
final class NioSetup {
  private static final byte[] TYPE = ascii("\"type\":\"");
  private static final byte[] EVENT = ascii("event\"");
  private static final byte[] WELCOME = ascii("welcome\"");
  private static final byte[] JOINED = ascii("joined\"");
  private static final byte[] ERROR = ascii("error\"");
  private static final byte[] ACK = ascii("ack\"");
  private static final byte[] PONG = ascii("pong\"");
  private static final byte[] PRESENCE = ascii("presence\"");
  private static final byte[] PRESENCE_COUNT = ascii("presence_count\"");
  private static final byte[] HEARTBEAT = ascii("\"heartbeat\":");

  private NioSetup() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A switchboard.v1 frame ({@code {"type":…}}) that is not an {@code event}. */
  static void switchboard(NioConn c, byte[] buf, int len) {
    byte[] a = Arrays.copyOf(buf, len);
    Run run = c.run;
    int t = Conn.indexOf(a, TYPE, 0);
    if (t < 0) {
      run.protocolErrors.increment();
      return;
    }
    int v = t + TYPE.length;
    if (Conn.startsWith(a, v, EVENT)) { // an event whose "type" is not first: Conn counts it too
      c.wire.delivered++;
      c.loop.tally.deliveries++;
    } else if (Conn.startsWith(a, v, ACK)) {
      run.acks.increment();
    } else if (Conn.startsWith(a, v, PONG)) {
      // heartbeat reply
    } else if (Conn.startsWith(a, v, WELCOME)) {
      if (c.state != NioConn.SETUP_OPEN) return;
      int hb = Conn.indexOf(a, HEARTBEAT, v);
      if (hb >= 0 && run.cfg.clientPing) {
        long secs = Conn.parseLong(a, hb + HEARTBEAT.length);
        if (secs > 0) { // ping at 80% of the advertised interval, first one at a random phase
          c.pingPeriod = secs * 800_000_000L;
          c.nextPingAt =
              System.nanoTime()
                  + ThreadLocalRandom.current().nextLong(c.pingPeriod / 2, c.pingPeriod);
        }
      }
      c.state = NioConn.SETUP_JOIN;
      c.joinSentAt = System.nanoTime();
      c.sendText("{\"type\":\"join\",\"id\":" + c.nextId() + ",\"room\":\"" + c.conn.room + "\"}");
    } else if (Conn.startsWith(a, v, JOINED)) {
      run.joinedFrames.increment();
      run.joinedBytes.add(len);
      if (c.state == NioConn.SETUP_JOIN) joined(c);
    } else if (Conn.startsWith(a, v, ERROR)) {
      String text = new String(a, StandardCharsets.UTF_8);
      run.serverErrors.increment();
      run.noteError(text);
      if (c.state < NioConn.READY) c.fail("server error: " + text);
    } else if (Conn.startsWith(a, v, PRESENCE)) {
      run.presenceFrames.increment();
    } else if (Conn.startsWith(a, v, PRESENCE_COUNT)) {
      run.presenceCountFrames.increment();
    } else {
      run.otherFrames.increment();
    }
  }

  /** An Engine.IO v4 / Socket.IO v5 packet that is not {@code 42["event",…]}. */
  static void socketIo(NioConn c, byte[] a, int len) {
    if (len == 0) return;
    Run run = c.run;
    switch (a[0]) {
      case '0' -> { // Engine.IO open: connect to the main namespace
        if (c.state == NioConn.SETUP_OPEN) {
          c.state = NioConn.SETUP_CONNECT;
          c.sendText("40");
        }
      }
      case '2' -> c.sendText("3"); // Engine.IO ping -> pong
      case '4' -> {
        if (len < 2) return;
        switch (a[1]) {
          case '3' -> { // ACK: 43<id>[...]
            if (c.state == NioConn.SETUP_JOIN) {
              run.joinedFrames.increment();
              run.joinedBytes.add(len);
              joined(c);
            } else {
              run.acks.increment();
            }
          }
          case '0' -> { // CONNECT ok: join the room with an ack id
            if (c.state == NioConn.SETUP_CONNECT) {
              c.state = NioConn.SETUP_JOIN;
              c.joinSentAt = System.nanoTime();
              c.sendText("42" + c.nextId() + "[\"join\",\"" + c.conn.room + "\"]");
            }
          }
          case '4' -> { // CONNECT_ERROR
            String text = new String(a, 0, len, StandardCharsets.UTF_8);
            run.serverErrors.increment();
            run.noteError(text);
            c.fail("connect_error " + text);
          }
          case '1' -> { // DISCONNECT
            if (!run.stopping) run.unexpectedCloses.increment();
          }
          default -> run.otherFrames.increment(); // incl. a 42 that is not an "event"
        }
      }
      case '1' -> {
        if (!run.stopping) run.unexpectedCloses.increment();
      }
      case '6', '3' -> {}
      default -> run.otherFrames.increment();
    }
  }

  /** Records the join latency as {@link Conn} does and marks the connection ready. */
  private static void joined(NioConn c) {
    long now = System.nanoTime();
    c.run.joinLatency.recordValue(Math.max(1, (now - c.joinSentAt) / 1000));
    c.run.lastJoinedAt.accumulateAndGet(now - Run.BASE, Math::max);
    c.ready();
  }
}
