package io.switchboard.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread of {@code --client nio}: owns a {@link Selector}, one reusable direct read
 * buffer ({@value #READ_BUFFER} bytes) and the {@link NioConn}s handed to it. After each select
 * round it adds what its connections counted to {@link Run}'s adders (received, window deliveries,
 * frames, bytes) once, not per frame; every {@value #SWEEP_MILLIS} ms it fails handshakes past
 * their deadline and sends the switchboard.v1 application pings that are due.
 */
final class NioLoop implements Runnable {
  static final int READ_BUFFER = 256 << 10;
  static final long SWEEP_MILLIS = 250;
  private static final long CLOSE_WAIT_NANOS = 3_000_000_000L;

  final NioReceivers owner;
  final Run run;
  final WireFrame.Tally tally;
  final SplittableRandom rnd = new SplittableRandom();
  private final Selector selector;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(READ_BUFFER);
  private final ConcurrentLinkedQueue<NioConn> inbox = new ConcurrentLinkedQueue<>();
  private final List<NioConn> conns = new ArrayList<>();
  private volatile boolean closing;
  private long flushedDeliveries;
  private long flushedFrames;
  private long bytesRead;

  /** Select rounds and reads of this loop (how many syscalls the deliveries cost). */
  volatile long rounds;

  volatile long reads;

  NioLoop(NioReceivers owner, Run run, int sampleEvery) throws IOException {
    this.owner = owner;
    this.run = run;
    this.tally = new WireFrame.Tally(sampleEvery);
    this.selector = Selector.open();
  }

  /** Hands {@code c} to this loop, which opens and connects it (any thread). */
  void submit(NioConn c) {
    inbox.add(c);
    selector.wakeup();
  }

  /** Asks the loop to close its connections (close frame 1000, ≤ 3 s for the server's) and end. */
  void shutdown() {
    closing = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    long lastSweep = System.nanoTime();
    long closeDeadline = 0;
    try {
      while (true) {
        // the action form of select: no selected-key set to fill, iterate and clear per round
        selector.select(this::handle, SWEEP_MILLIS);
        rounds++;
        long now = System.nanoTime();
        for (NioConn c; (c = inbox.poll()) != null; ) open(c, now);
        flush(now);
        if (now - lastSweep >= SWEEP_MILLIS * 1_000_000L) {
          sweep(now);
          lastSweep = now;
        }
        if (closing) {
          if (closeDeadline == 0) {
            closeDeadline = now + CLOSE_WAIT_NANOS;
            for (int i = conns.size() - 1; i >= 0; i--) conns.get(i).goodbye();
          }
          if (conns.isEmpty() || now > closeDeadline) break;
        }
      }
    } catch (IOException | RuntimeException e) {
      run.noteError("nio loop: " + e);
      Bench.log("nio loop failed: %s", e);
    } finally {
      for (int i = conns.size() - 1; i >= 0; i--) closeConn(conns.get(i));
      try {
        selector.close();
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  private void open(NioConn c, long now) {
    c.deadline = now + run.cfg.handshakeTimeoutMs * 1_000_000L;
    c.slot = conns.size();
    conns.add(c);
    if (closing) {
      c.fail("shutting down");
      return;
    }
    try {
      SocketChannel ch = SocketChannel.open();
      c.ch = ch;
      ch.configureBlocking(false);
      ch.bind(c.local);
      boolean done = ch.connect(c.remote);
      c.sk = ch.register(selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
      if (done) c.connected();
    } catch (IOException e) {
      c.fail("connect " + c.remote + " from " + c.local + ": " + e);
    }
  }

  private void handle(SelectionKey k) {
    NioConn c = (NioConn) k.attachment();
    try {
      if (!k.isValid()) return;
      if (k.isConnectable()) {
        c.connected();
        return;
      }
      if (k.isWritable()) c.onWritable();
      if (k.isReadable()) read(c);
    } catch (IOException e) {
      c.lost(e.toString());
    } catch (CancelledKeyException e) {
      // closed while handling
    }
  }

  /** Reads until the socket has nothing more (at most 4 full buffers per round, for fairness). */
  private void read(NioConn c) throws IOException {
    for (int i = 0; i < 4; i++) {
      buf.clear();
      int n = c.ch.read(buf);
      reads++;
      if (n < 0) {
        c.lost("EOF");
        return;
      }
      if (n == 0) return;
      bytesRead += n;
      buf.flip();
      long before = c.wire.delivered;
      boolean ok = c.onRead(buf);
      if (c.wire.delivered != before) c.conn.received = c.wire.delivered;
      if (!ok || n < READ_BUFFER) return;
    }
  }

  /** Adds this round's counts to the shared adders, once. */
  private void flush(long now) {
    long d = tally.deliveries - flushedDeliveries;
    if (d > 0) {
      run.received.add(d);
      long t = now - Run.BASE;
      if (t >= run.windowStart && t < run.windowEnd) run.windowDelivered.add(d);
      flushedDeliveries = tally.deliveries;
    }
    long f = tally.frames - flushedFrames;
    if (f > 0) {
      run.framesIn.add(f);
      flushedFrames = tally.frames;
    }
    if (bytesRead > 0) {
      run.bytesIn.add(bytesRead);
      bytesRead = 0;
    }
  }

  private void sweep(long now) {
    for (int i = conns.size() - 1; i >= 0; i--) {
      NioConn c = conns.get(i);
      if (c.state < NioConn.READY && now > c.deadline) {
        c.fail("handshake timeout in state " + c.state);
      } else if (c.state == NioConn.READY && now >= c.nextPingAt) {
        c.appPing();
        c.nextPingAt += c.pingPeriod;
      }
    }
  }

  /** Closes {@code c}'s channel and forgets it (idempotent). */
  void closeConn(NioConn c) {
    if (c.state == NioConn.CLOSED) return;
    c.state = NioConn.CLOSED;
    c.conn.closed = true;
    if (c.ch != null) {
      try {
        c.ch.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    NioConn last = conns.remove(conns.size() - 1);
    if (last != c) {
      conns.set(c.slot, last);
      last.slot = c.slot;
    }
  }
}
