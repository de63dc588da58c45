package io.switchboard.server.config;

import java.time.Duration;

/**
 * The event buffer toward the broker (SPEC C1 "Event buffer"; seed 003 flushed every 100 ms from a
 * channel of 1000).
 *
 * @param flushInterval flush at least this often, positive, default 100 ms
 * @param flushSize flush as soon as this many are pending, and the largest batch; 1 to {@code
 *     capacity}, default 1000
 * @param capacity the most items the buffer holds while the broker is down, counting publications
 *     in progress (each reserves its place before it is appended); a publish beyond it is refused
 *     with {@code buffer_full}, default 100000
 * @param retryInitial first backoff after a failed flush, positive, default 100 ms (doubling)
 * @param retryMax the longest backoff, positive, default 5 s
 */
public record BufferConfig(
    Duration flushInterval, int flushSize, int capacity, Duration retryInitial, Duration retryMax) {
  /** The SPEC defaults: 100 ms, 1000, 100000, backoff 100 ms to 5 s. */
  public static final BufferConfig DEFAULT =
      new BufferConfig(
          Duration.ofMillis(100), 1000, 100_000, Duration.ofMillis(100), Duration.ofSeconds(5));
}
