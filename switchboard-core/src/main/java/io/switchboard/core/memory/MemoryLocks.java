package io.switchboard.core.memory;

import io.switchboard.core.lock.Lock;
import io.switchboard.core.lock.Locks;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory {@link Locks} (SPEC "Engines", locks; the {@code SET NX PX} + compare-and-delete
 * pattern in one process). A lock is held until released with its token or until its TTL passes;
 * the token is a random UUID. Expired holdings are dropped on access and swept at most once a
 * second. Every future is already completed; thread-safe (each name is updated atomically).
 */
public final class MemoryLocks implements Locks {
  private static final long SWEEP_EVERY_MS = 1_000;

  private final LongSupplier clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /** Locks on the system clock. */
  public MemoryLocks() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock the time in epoch milliseconds, for TTLs
   */
  public MemoryLocks(LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@inheritDoc} Already completed; a non-positive {@code ttl} fails it with {@link
   * IllegalArgumentException}.
   */
  @Override
  public Future<Lock> tryAcquire(String name, Duration ttl) {
    Objects.requireNonNull(name, "name");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    long now = clock.getAsLong();
    sweep(now);
    Held mine = new Held(UUID.randomUUID().toString(), now + ttl.toMillis());
    Held current = held.compute(name, (n, h) -> h == null || h.expiresAt <= now ? mine : h);
    return Future.succeededFuture(current == mine ? new Lock(name, mine.token) : null);
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<Boolean> release(Lock lock) {
    Objects.requireNonNull(lock, "lock");
    long now = clock.getAsLong();
    boolean[] released = {false};
    held.computeIfPresent(
        lock.name(),
        (n, h) -> {
          if (h.expiresAt <= now) {
            return null; // expired: drop it, but it was not ours to release any more
          }
          if (h.token.equals(lock.token())) {
            released[0] = true;
            return null;
          }
          return h;
        });
    return Future.succeededFuture(released[0]);
  }

  private void sweep(long now) {
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now;
      held.values().removeIf(h -> h.expiresAt <= now);
    }
  }

  private record Held(String token, long expiresAt) {}
}
