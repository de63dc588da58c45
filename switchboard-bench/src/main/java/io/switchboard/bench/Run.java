package io.switchboard.bench;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** Shared state of one scenario run against one system. */
final class Run {
  /**
   * All timestamps in the bench are {@code System.nanoTime() - BASE} (same JVM, monotonic, >= 0).
   */
  static final long BASE = System.nanoTime();

  static final long MAX_LATENCY_MICROS = 3_600_000_000L;

  final Vertx vertx;
  final Target target;
  final Bench cfg;
  final String pad;

  final Recorder latency = new Recorder(3);

  /** join sent → joined (switchboard) or join ack (Socket.IO), microseconds. */
  final Recorder joinLatency = new Recorder(3);

  final LongAdder received = new LongAdder();
  final LongAdder windowDelivered = new LongAdder();
  final LongAdder acks = new LongAdder();
  final LongAdder serverErrors = new LongAdder();
  final LongAdder protocolErrors = new LongAdder();
  final LongAdder otherFrames = new LongAdder();
  final LongAdder wsErrors = new LongAdder();
  final LongAdder unexpectedCloses = new LongAdder();
  final LongAdder publisherBackpressure = new LongAdder();
  final AtomicReference<String> firstError = new AtomicReference<>();

  // ---- every frame the clients read (joinroom counts them by type, like a browser reads them all)
  final LongAdder framesIn = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder joinedFrames = new LongAdder();
  final LongAdder joinedBytes = new LongAdder();

  /** {@code presence} frames without an id: a member joined or left. */
  final LongAdder presenceFrames = new LongAdder();

  final LongAdder presenceCountFrames = new LongAdder();

  /**
   * Largest {@code presenceCount} seen in a {@code joined} frame (0: the namespace has no
   * presence).
   */
  final AtomicLong maxPresenceCount = new AtomicLong();

  /** When each join completed, µs after {@link #rampStart} (joinroom: how the ramp progressed). */
  final Recorder joinDone = new Recorder(3);

  /** joinroom: when the first connection was launched, bench nanos. */
  volatile long rampStart;

  /** When the last join completed ({@code joined} / join ack), bench nanos; 0 before the first. */
  final AtomicLong lastJoinedAt = new AtomicLong();

  /** When the last presence join/leave frame arrived, bench nanos; 0 if none did. */
  final AtomicLong lastPresenceAt = new AtomicLong();

  volatile boolean stopping;
  volatile long pubStart = Long.MAX_VALUE;
  volatile long windowStart = Long.MAX_VALUE;
  volatile long windowEnd = Long.MAX_VALUE;

  Run(Vertx vertx, Target target, Bench cfg) {
    this.vertx = vertx;
    this.target = target;
    this.cfg = cfg;
    this.pad = "x".repeat(Math.max(0, cfg.payloadBytes));
  }

  /** The event data object, {@code cfg.payloadBytes} long: {"t0":<nanos>,"pad":"xxx"}. */
  String payload(long t0) {
    String head = "{\"t0\":" + t0 + ",\"pad\":\"";
    int padLen = Math.max(0, cfg.payloadBytes - head.length() - 2);
    return head + pad.substring(0, Math.min(padLen, pad.length())) + "\"}";
  }

  void noteError(String msg) {
    firstError.compareAndSet(null, msg.length() > 300 ? msg.substring(0, 300) : msg);
  }
}
