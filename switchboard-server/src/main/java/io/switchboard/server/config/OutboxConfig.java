package io.switchboard.server.config;

import java.time.Duration;

/**
 * The outbox relay (issue 8, point 4): publishes what store transactions wrote to their outbox to
 * the broker, woken by the store ({@code NOTIFY} on PostgreSQL) and polling in case a hint is lost.
 *
 * @param pollInterval how often the outbox is read without a hint, default 1 s; also the longest
 *     backoff after a failed publish
 * @param batchSize most messages published in one confirmed batch, default 500
 * @param lockTtl how long one node relays before it gives the others a turn (a dead node's turn
 *     ends within it), default 10 s
 */
public record OutboxConfig(Duration pollInterval, int batchSize, Duration lockTtl) {
  /** 1 s, 500, 10 s. */
  public static final OutboxConfig DEFAULT =
      new OutboxConfig(Duration.ofSeconds(1), 500, Duration.ofSeconds(10));
}
