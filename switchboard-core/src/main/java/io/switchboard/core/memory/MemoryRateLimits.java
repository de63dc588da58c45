package io.switchboard.core.memory;

import io.switchboard.core.limit.RateDecision;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.limit.RateRule;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * In-memory {@link RateLimits} (SPEC C5): token buckets of one process, in a map bounded by {@code
 * maxKeys} that forgets the least recently used bucket first. Forgetting a bucket refills it, so
 * the bound errs towards letting requests through, never towards growing without limit (many source
 * addresses cannot exhaust the heap). Every future is already completed; thread-safe.
 */
public final class MemoryRateLimits implements RateLimits {
  /** The default bound on buckets held: 100,000 (a few MB). */
  public static final int DEFAULT_MAX_KEYS = 100_000;

  private final LongSupplier nanos;
  private final Map<String, double[]> buckets;

  /** Buckets on the system's monotonic clock, at most {@link #DEFAULT_MAX_KEYS}. */
  public MemoryRateLimits() {
    this(System::nanoTime, DEFAULT_MAX_KEYS);
  }

  /**
   * @param nanos a monotonic clock in nanoseconds
   * @param maxKeys the most buckets held at once, at least 1
   */
  public MemoryRateLimits(LongSupplier nanos, int maxKeys) {
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be at least 1: " + maxKeys);
    }
    this.buckets =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > maxKeys;
          }
        };
  }

  /** {@inheritDoc} Already completed. */
  @Override
  public Future<RateDecision> take(String key, RateRule rule) {
    Objects.requireNonNull(key, "key");
    double now = nanos.getAsLong() / 1e6; // milliseconds
    synchronized (buckets) {
      double[] b = buckets.computeIfAbsent(key, k -> new double[] {rule.burst(), now});
      double tokens = Math.min(rule.burst(), b[0] + (now - b[1]) * rule.perSecond() / 1000.0);
      b[1] = now;
      if (tokens >= 1) {
        b[0] = tokens - 1;
        return Future.succeededFuture(new RateDecision(true, (int) b[0], 0));
      }
      b[0] = tokens;
      long wait = (long) Math.ceil((1 - tokens) * 1000.0 / rule.perSecond());
      return Future.succeededFuture(new RateDecision(false, 0, Math.max(1, wait)));
    }
  }

  /** How many buckets are held now (the {@code switchboard_rate_limit_keys} gauge). */
  public int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }
}
