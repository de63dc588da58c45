package io.switchboard.server.config;

import java.time.Duration;

/**
 * The event buffer toward the broker (SPEC C1 "Event buffer"; seed 003 flushed every 100 ms
 * from a channel of 1000).
 *
 * @param flushInterval flush at least this often, default 100 ms
 * @param flushSize flush as soon as this many are pending, default 1000
 * @param capacity the most items the buffer holds while the broker is down; a publish that would
 *     exceed it is rejected with {@code buffer_full}, default 100000
 * @param retryInitial first backoff after a failed flush, default 100 ms (doubling)
 * @param retryMax the longest backoff, default 5 s
 */
public record BufferConfig(
    Duration flushInterval, int flushSize, int capacity, Duration retryInitial, Duration retryMax) {
  public static final BufferConfig DEFAULT =
      new BufferConfig(
          Duration.ofMillis(100), 1000, 100_000, Duration.ofMillis(100), Duration.ofSeconds(5));
}
