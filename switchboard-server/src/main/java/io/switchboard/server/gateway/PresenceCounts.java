package io.switchboard.server.gateway;

import io.switchboard.core.presence.PresenceStore;
import io.switchboard.server.config.NamespaceConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code presence_count} frames for large rooms (SPEC C1 "Rooms": above a member count join/leave
 * frames stop; issue 7). A local room whose member count is above its namespace's {@code
 * presenceEventsMaxMembers} is tracked here; every {@code presenceCountInterval} the node reads its
 * count (one O(log n) read per large room, whatever its size) and, when it changed, sends the local
 * members one frame encoded once. When the count falls back to the limit or below, the last count
 * is sent and join/leave frames resume. A namespace with {@code presenceCountInterval: 0} gets no
 * counts at all.
 *
 * <p>A room becomes tracked when a join on this node sees it large, or when another node's join
 * crosses the limit and publishes the count ({@link #received}). Thread-safe.
 */
final class PresenceCounts {
  private static final long MIN_TICK_MILLIS = 100;

  private final Vertx vertx;
  private final PresenceStore presence;
  private final Map<LocalRoom, Tracked> large = new ConcurrentHashMap<>();
  private final long timer;

  PresenceCounts(Vertx vertx, PresenceStore presence, Collection<NamespaceConfig> namespaces) {
    this.vertx = vertx;
    this.presence = presence;
    long tick =
        namespaces.stream()
            .map(NamespaceConfig::presenceCountInterval)
            .filter(d -> !d.isZero() && !d.isNegative())
            .mapToLong(Duration::toMillis)
            .min()
            .orElse(1000);
    tick = Math.max(MIN_TICK_MILLIS, tick);
    this.timer = vertx.setPeriodic(tick, tick, id -> tick());
  }

  /** A presence write on this node saw {@code members} in {@code room}. */
  void observed(LocalRoom room, NamespaceConfig config, int members) {
    if (counted(config) && members > config.presenceEventsMaxMembers()) {
      large.computeIfAbsent(room, r -> new Tracked(config));
    }
  }

  /**
   * Another node crossed the limit and published the count: the local members get it now, and the
   * room is tracked (above the limit) or not (back at or below it).
   */
  void received(LocalRoom room, NamespaceConfig config, int count) {
    if (!counted(config)) {
      return;
    }
    // a room this node stopped tracking already had its last count sent by the periodic read
    Tracked t =
        count > config.presenceEventsMaxMembers()
            ? large.computeIfAbsent(room, r -> new Tracked(config))
            : large.remove(room);
    if (t != null && t.lastSent != count) {
      t.lastSent = count;
      send(room, count);
    }
  }

  /** How many rooms are tracked (tests, metrics). */
  int tracked() {
    return large.size();
  }

  /** Stops the timer. */
  void stop() {
    vertx.cancelTimer(timer);
  }

  private static boolean counted(NamespaceConfig config) {
    return config.presence() && config.presenceCountInterval().toMillis() > 0;
  }

  private void tick() {
    long now = System.nanoTime();
    for (Map.Entry<LocalRoom, Tracked> e : large.entrySet()) {
      LocalRoom room = e.getKey();
      Tracked t = e.getValue();
      if (room.isEmpty()) {
        large.remove(room, t);
      } else if (now - t.lastRead >= t.config.presenceCountInterval().toNanos()) {
        t.lastRead = now;
        presence.count(room.name()).onSuccess(count -> update(room, t, count));
      }
    }
  }

  private void update(LocalRoom room, Tracked t, int count) {
    if (count != t.lastSent) {
      t.lastSent = count;
      send(room, count);
    }
    if (count <= t.config.presenceEventsMaxMembers()) {
      large.remove(room, t);
    }
  }

  private static void send(LocalRoom room, int count) {
    byte[] json = Frames.presenceCount(room.name(), count);
    room.broadcast(WireFrames.text(json, true), json.length, null);
  }

  /** A tracked room: its policy, the last count sent and when the count was last read. */
  private static final class Tracked {
    final NamespaceConfig config;
    volatile int lastSent = -1;
    volatile long lastRead = System.nanoTime();

    Tracked(NamespaceConfig config) {
      this.config = config;
    }
  }
}
