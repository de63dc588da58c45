package io.switchboard.core.memory;

import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory {@link SnapshotStore} (SPEC "Engines", snapshots; C1 "snapshot"). A put is kept only if
 * its offset is {@code >=} the stored, unexpired one; each put sets the TTL. The data array is
 * copied on put and on get, so callers cannot alter the stored bytes. Expired entries are dropped
 * on access and swept at most once a second, so memory is bounded by the live snapshots. Every
 * future is already completed; thread-safe.
 */
public final class MemorySnapshotStore implements SnapshotStore {
  private static final long SWEEP_EVERY_MS = 1_000;

  private final LongSupplier clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /** A store on the system clock. */
  public MemorySnapshotStore() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock the time in epoch milliseconds, for TTLs
   */
  public MemorySnapshotStore(LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@inheritDoc} Already completed; a non-positive {@code ttl} fails it with {@link
   * IllegalArgumentException}.
   */
  @Override
  public Future<Boolean> put(String room, Snapshot snapshot, Duration ttl) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(snapshot, "snapshot");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    long now = clock.getAsLong();
    sweep(now);
    Entry fresh = new Entry(copy(snapshot), now + ttl.toMillis());
    Entry kept =
        entries.compute(
            room,
            (r, old) ->
                old == null || old.expiresAt <= now || old.snapshot.offset() <= snapshot.offset()
                    ? fresh
                    : old);
    return Future.succeededFuture(kept == fresh);
  }

  /** {@inheritDoc} Already completed; the data is a fresh copy. */
  @Override
  public Future<Snapshot> get(String room) {
    Objects.requireNonNull(room, "room");
    long now = clock.getAsLong();
    Entry e = entries.get(room);
    if (e == null) {
      return Future.succeededFuture();
    }
    if (e.expiresAt <= now) {
      entries.remove(room, e);
      return Future.succeededFuture();
    }
    return Future.succeededFuture(copy(e.snapshot));
  }

  private void sweep(long now) {
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      entries.values().removeIf(e -> e.expiresAt <= now);
    }
  }

  private static Snapshot copy(Snapshot s) {
    return new Snapshot(s.event(), s.offset(), s.encoding(), s.data().clone(), s.ts());
  }

  private record Entry(Snapshot snapshot, long expiresAt) {}
}
