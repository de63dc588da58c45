package io.switchboard.core.memory;

import io.switchboard.core.registry.Registry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory {@link Registry} (SPEC "Engines", registries): a map of keys to members with their
 * expiry in epoch milliseconds. Expired members are dropped when their key is read or written.
 * Every future is already completed; thread-safe.
 */
public final class MemoryRegistry implements Registry {
  private final LongSupplier clock;
  private final Map<String, Map<String, Long>> keys = new ConcurrentHashMap<>();

  /** A registry on the system clock. */
  public MemoryRegistry() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock the time in epoch milliseconds, for TTLs
   */
  public MemoryRegistry(LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<Void> put(String key, String member, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(member, "member");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    long now = clock.getAsLong();
    keys.compute(
        key,
        (k, members) -> {
          Map<String, Long> m = members == null ? new ConcurrentHashMap<>() : members;
          m.values().removeIf(expiry -> expiry <= now);
          m.put(member, now + ttl.toMillis());
          return m;
        });
    return Future.succeededFuture();
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<Void> remove(String key, String member) {
    Objects.requireNonNull(member, "member");
    keys.computeIfPresent(
        key,
        (k, members) -> {
          members.remove(member);
          return members.isEmpty() ? null : members;
        });
    return Future.succeededFuture();
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<List<String>> members(String key) {
    long now = clock.getAsLong();
    Map<String, Long> members =
        keys.computeIfPresent(
            key,
            (k, m) -> {
              m.values().removeIf(expiry -> expiry <= now);
              return m.isEmpty() ? null : m;
            });
    return Future.succeededFuture(members == null ? List.of() : List.copyOf(members.keySet()));
  }
}
