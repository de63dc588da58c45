package io.switchboard.server.gateway;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server heartbeats (SPEC C1 "Server-side heartbeats (WebSocket ping) detect dead peers"), spread
 * over the interval: connections are split into buckets and each tick pings one bucket, so every
 * connection is pinged once per interval and no tick pings more than about one percent of them
 * (pinging ten thousand connections at once stalled delivery for half a second). A connection
 * silent (no frame, no pong) for two intervals is closed with {@link CloseCode#HEARTBEAT_TIMEOUT}
 * when its bucket comes up, so within three intervals.
 */
final class Heartbeats {
  private static final long MIN_TICK_MILLIS = 250;

  private final Vertx vertx;
  private final long intervalNanos;
  private final List<Set<Connection>> buckets = new ArrayList<>();
  private final long timer;
  private long tick;

  Heartbeats(Vertx vertx, Duration interval) {
    this.vertx = vertx;
    this.intervalNanos = interval.toNanos();
    int slots = (int) Math.max(1, Math.min(100, interval.toMillis() / MIN_TICK_MILLIS));
    for (int i = 0; i < slots; i++) {
      buckets.add(ConcurrentHashMap.newKeySet());
    }
    long tickMillis = Math.max(1, interval.toMillis() / slots);
    this.timer = vertx.setPeriodic(tickMillis, tickMillis, t -> tick());
  }

  /** Starts pinging a connection; {@code sequence} spreads connections over the buckets. */
  void add(Connection c, long sequence) {
    bucket(sequence).add(c);
  }

  /** Stops pinging a connection. */
  void remove(Connection c, long sequence) {
    bucket(sequence).remove(c);
  }

  private Set<Connection> bucket(long sequence) {
    return buckets.get((int) (sequence % buckets.size()));
  }

  private void tick() {
    long deadline = System.nanoTime() - 2 * intervalNanos;
    for (Connection c : buckets.get((int) (tick++ % buckets.size()))) {
      if (c.lastSeenNanos() < deadline) {
        c.close(CloseCode.HEARTBEAT_TIMEOUT);
      } else {
        c.ping();
      }
    }
  }

  /** Stops the timer. */
  void stop() {
    vertx.cancelTimer(timer);
  }
}
