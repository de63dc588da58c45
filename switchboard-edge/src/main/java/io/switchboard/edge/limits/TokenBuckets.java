package io.switchboard.edge.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-process token buckets by key (issue 11 point 1 "login failures rate-limited"): each key holds
 * at most {@code capacity} tokens and regains {@code capacity} per minute, continuously. Buckets
 * that are full again are dropped when the table grows past {@link #MAX_KEYS}, so memory stays
 * bounded under a spray of keys. Thread-safe.
 */
public final class TokenBuckets {
  /** Keys kept before full buckets are swept. */
  static final int MAX_KEYS = 100_000;

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int capacity;
  private final LongSupplier nanos;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param capacity tokens per key and per minute, 1 or more
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public TokenBuckets(int capacity, LongSupplier nanos) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more");
    }
    this.capacity = capacity;
    this.nanos = nanos;
  }

  /**
   * Takes one token of {@code key}.
   *
   * @return 0 when taken; else the whole seconds (1 or more) until one is back, nothing taken
   */
  public long take(String key) {
    if (buckets.size() > MAX_KEYS) {
      sweep();
    }
    long[] wait = new long[1];
    buckets.compute(
        key,
        (k, b) -> {
          Bucket now = refill(b == null ? new Bucket(capacity, nanos.getAsLong()) : b);
          if (now.tokens >= 1) {
            return new Bucket(now.tokens - 1, now.at);
          }
          double missing = 1 - now.tokens;
          wait[0] = Math.max(1, (long) Math.ceil(missing * MINUTE_NANOS / capacity / 1e9 - 1e-6));
          return now;
        });
    return wait[0];
  }

  /** Gives back a token taken by {@link #take} (an attempt that succeeded costs nothing). */
  public void refund(String key) {
    buckets.computeIfPresent(
        key, (k, b) -> new Bucket(Math.min(capacity, refill(b).tokens + 1), refill(b).at));
  }

  private Bucket refill(Bucket b) {
    long now = nanos.getAsLong();
    double gained = (double) (now - b.at) * capacity / MINUTE_NANOS;
    return new Bucket(Math.min(capacity, b.tokens + Math.max(0, gained)), now);
  }

  private void sweep() {
    buckets.entrySet().removeIf(e -> refill(e.getValue()).tokens >= capacity);
  }

  private record Bucket(double tokens, long at) {}
}
