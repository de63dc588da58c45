package io.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One receiving connection driven by raw java.nio on an {@link NioLoop} (issue 13 point 1): the
 * hand-written Upgrade, then the same setup as {@link Conn} (switchboard.v1: {@code welcome} →
 * {@code join} → {@code joined}; Socket.IO: {@code 0{…}} → {@code 40} → {@code 40{…}} → join emit
 * with ack → {@code 43<id>[…]}), then only {@link WireScan} walking frames. Deliveries are written
 * into the plan's {@link Conn#received} so {@link Publishing} reads them as for Vert.x connections.
 * Confined to its loop's thread.
 */
final class NioConn implements WireFrame.Handler {
  /** Setup states; {@link #READY} and later are after the handshake. */
  static final int CONNECTING = 0;

  static final int HTTP = 1;
  static final int SETUP_OPEN = 2; // waiting for welcome / Engine.IO open
  static final int SETUP_CONNECT = 3; // Socket.IO: waiting for 40{sid}
  static final int SETUP_JOIN = 4; // waiting for joined / the join ack
  static final int READY = 5;
  static final int CLOSED = 6;

  final Conn conn;
  final NioLoop loop;
  final Run run;
  final InetSocketAddress local;
  final InetSocketAddress remote;
  private byte[] request;
  final String key;
  final WireFrame wire;
  SocketChannel ch;
  SelectionKey sk;
  int state = CONNECTING;

  /** Index in the loop's connection list. */
  int slot;

  /** We sent a close frame (teardown): the server's answer needs no echo. */
  boolean closeSent;

  long deadline;
  long joinSentAt;
  long nextPingAt = Long.MAX_VALUE;
  long pingPeriod;
  private long nextId = 1;
  private byte[] head;
  private int headLen;
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>(0);

  NioConn(Conn conn, NioLoop loop, InetSocketAddress local, byte[] request, String key) {
    this.conn = conn;
    this.loop = loop;
    this.run = conn.run;
    this.local = local;
    this.remote = new InetSocketAddress(conn.node.host(), conn.node.port());
    this.request = request;
    this.key = key;
    this.wire =
        new WireFrame(run.target.sys.v1() ? WireFrame.SWITCHBOARD_EVENT : WireFrame.SOCKETIO_EVENT);
  }

  /** The TCP connect finished: send the Upgrade request. */
  void connected() throws IOException {
    ch.finishConnect();
    state = HTTP;
    sk.interestOps(SelectionKey.OP_READ);
    send(ByteBuffer.wrap(request));
    request = null;
  }

  /**
   * Handles the bytes of one read in {@code b} (position..limit).
   *
   * @return false when the connection is to be closed
   */
  boolean onRead(ByteBuffer b) {
    if (state == HTTP) {
      int n = b.remaining();
      if (head == null) head = new byte[Math.max(1024, n)];
      if (headLen + n > head.length) {
        if (headLen + n > 65536) return fail("HTTP answer head too long");
        head = java.util.Arrays.copyOf(head, headLen + n);
      }
      b.get(b.position(), head, headLen, n);
      headLen += n;
      int end = ClientWire.headEnd(head, headLen);
      if (end < 0) return true;
      String bad = ClientWire.checkUpgrade(head, end, key);
      if (bad != null) return fail(bad);
      b.position(b.position() + n - (headLen - end)); // the frames that came with the 101
      head = null;
      state = SETUP_OPEN;
    }
    return WireScan.scan(b, wire, loop.tally, this) && state != CLOSED;
  }

  /** Queues or writes {@code f}; returns false if the channel failed. */
  boolean send(ByteBuffer f) {
    try {
      if (out.isEmpty()) {
        ch.write(f);
        if (!f.hasRemaining()) return true;
        sk.interestOps(sk.interestOps() | SelectionKey.OP_WRITE);
      }
      out.add(f);
      return true;
    } catch (IOException e) {
      return fail("write: " + e.getMessage());
    }
  }

  /** The channel can take more: write what is queued. */
  void onWritable() throws IOException {
    while (!out.isEmpty()) {
      ByteBuffer f = out.peek();
      ch.write(f);
      if (f.hasRemaining()) return;
      out.poll();
    }
    sk.interestOps(sk.interestOps() & ~SelectionKey.OP_WRITE);
  }

  void sendText(String s) {
    send(ClientWire.text(s, loop.rnd));
  }

  /** switchboard.v1 application ping, as {@link Conn} sends it at 80% of the heartbeat. */
  void appPing() {
    sendText("{\"type\":\"ping\",\"id\":" + (nextId++) + "}");
  }

  // ------------------------------------------------------------------ WireFrame.Handler

  @Override
  public void text(byte[] a, int len) {
    if (run.target.sys.v1()) NioSetup.switchboard(this, a, len);
    else NioSetup.socketIo(this, a, len);
  }

  @Override
  public void ping(byte[] a, int len) {
    send(ClientWire.frame(WireFrame.OP_PONG, a, len, loop.rnd));
  }

  @Override
  public void close(int code) {
    if (state < READY) {
      fail("closed during handshake, state " + state + " code " + code);
      return;
    }
    if (!run.stopping && state == READY) run.unexpectedCloses.increment();
    if (!closeSent) {
      byte[] echo = {(byte) (code >> 8), (byte) code};
      send(ClientWire.frame(WireFrame.OP_CLOSE, echo, code < 0 ? 0 : 2, loop.rnd));
    }
    loop.closeConn(this);
  }

  @Override
  public void sample(long t0) {
    if (t0 < 0) return;
    long now = System.nanoTime() - Run.BASE;
    if (now >= run.windowStart && now < run.windowEnd && t0 >= run.pubStart) {
      run.latency.recordValue(Math.min(Math.max(0, (now - t0) / 1000), Run.MAX_LATENCY_MICROS));
    }
  }

  @Override
  public void violation(String what) {
    run.protocolErrors.increment();
    run.noteError(what);
    if (state < READY) fail(what);
    else loop.closeConn(this);
  }

  /** The end of the stream (EOF or I/O error) without a close frame. */
  void lost(String why) {
    if (state < READY) fail(why);
    else {
      if (!run.stopping && state == READY) run.unexpectedCloses.increment();
      loop.closeConn(this);
    }
  }

  /** Teardown: a close frame (1000) to a ready connection, the others are just closed. */
  void goodbye() {
    if (state != READY) {
      loop.closeConn(this);
      return;
    }
    closeSent = true;
    send(ClientWire.frame(WireFrame.OP_CLOSE, new byte[] {0x03, (byte) 0xE8}, 2, loop.rnd));
  }

  /** Setup failed: counts and reports it, closes the channel. */
  boolean fail(String why) {
    if (state < READY) loop.owner.failed(this, why);
    loop.closeConn(this);
    return false;
  }

  /** Setup complete. */
  void ready() {
    state = READY;
    loop.owner.ready(this);
  }

  long nextId() {
    return nextId++;
  }
}
