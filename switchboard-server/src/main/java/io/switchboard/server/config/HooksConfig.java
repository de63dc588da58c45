package io.switchboard.server.config;

import java.time.Duration;

/**
 * Signed webhooks (SPEC C5; issue 11 point 3), served by the {@code switchboard-hooks} module
 * (docs/hooks.md): endpoints registered on {@code /api/v1/server/webhooks} receive the signals they
 * subscribed to. With no endpoint registered the module sends nothing.
 *
 * @param enabled whether the node serves the webhook routes and delivers, default true
 * @param maxAttempts attempts per delivery before it is dead-lettered, default 6
 * @param queueSize most deliveries a node holds at once (queued, in flight or waiting to be
 *     retried), default 10000; one over it is dead-lettered at once and counted
 * @param timeout how long one attempt waits for the receiver's answer, default 5 s
 * @param retryInitial the pause before the first retry, doubled on each next one (with ±50 %
 *     jitter), default 1 s
 * @param retryMax the longest pause between two attempts, default 5 min
 */
public record HooksConfig(
    boolean enabled,
    int maxAttempts,
    int queueSize,
    Duration timeout,
    Duration retryInitial,
    Duration retryMax) {
  /** Enabled, 6 attempts, 10000 deliveries, 5 s, 1 s doubling up to 5 min. */
  public static final HooksConfig DEFAULT =
      new HooksConfig(
          true, 6, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5));

  /** A copy with other retry settings (tests use short pauses). */
  public HooksConfig withRetries(int maxAttempts, Duration retryInitial, Duration retryMax) {
    return new HooksConfig(enabled, maxAttempts, queueSize, timeout, retryInitial, retryMax);
  }

  /** A copy with another {@code queueSize}. */
  public HooksConfig withQueueSize(int queueSize) {
    return new HooksConfig(enabled, maxAttempts, queueSize, timeout, retryInitial, retryMax);
  }
}
