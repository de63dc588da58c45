package io.switchboard.server.config;

import java.time.Duration;

/**
 * Commands, events and queries (SPEC C2; issue 8), served by the {@code switchboard-commands}
 * capability.
 *
 * @param enabled whether the node mounts {@code /api/v1/commands}, {@code /api/v1/streams}, {@code
 *     /api/v1/projections}, {@code /api/v1/queries} and consumes commands; default true (the
 *     quickstart uses the board example)
 * @param shards how many command queues ({@code switchboard.commands.<k>}) split the commands by
 *     aggregate: commands of one aggregate are handled in order, those of different shards in
 *     parallel; 1 to 256, default 16. Every node of a cluster must use the same number
 * @param handlerRetries how often a command is decided again after a version conflict before the
 *     broker redelivers it later; 0 to 100, default 8
 * @param retryBackoff the first pause before such a retry, doubled each time and jittered;
 *     positive, default 5 ms
 * @param aggregateCache aggregates whose state a node keeps between commands (then only newer
 *     events are read), 0 (none) or more, default 10000
 * @param rebuildBatch events read and applied per transaction by a projection rebuild, 1 to 10000,
 *     default 200
 * @param rebuildGrace how long a rebuild keeps filling in after it switched the active version (a
 *     transaction that began before the rebuild may commit late); positive, default 5 s
 * @param exchange the topic exchange commands are queued on, also the prefix of the shard queues
 *     ({@code <exchange>.<k>}); default {@code switchboard.commands}. Every node of a cluster must
 *     use the same; separate deployments sharing one broker need different ones
 * @param eventsExchange the topic exchange events are published to from the outbox; default {@code
 *     switchboard.events}
 */
public record CommandsConfig(
    boolean enabled,
    int shards,
    int handlerRetries,
    Duration retryBackoff,
    int aggregateCache,
    int rebuildBatch,
    Duration rebuildGrace,
    String exchange,
    String eventsExchange) {
  /**
   * Enabled, 16 shards, 8 retries from 5 ms, 10000 cached aggregates, batches of 200, 5 s, {@code
   * switchboard.commands} and {@code switchboard.events}.
   */
  public static final CommandsConfig DEFAULT =
      new CommandsConfig(
          true,
          16,
          8,
          Duration.ofMillis(5),
          10_000,
          200,
          Duration.ofSeconds(5),
          "switchboard.commands",
          "switchboard.events");

  /** A copy with another {@code enabled}. */
  public CommandsConfig withEnabled(boolean enabled) {
    return new CommandsConfig(
        enabled,
        shards,
        handlerRetries,
        retryBackoff,
        aggregateCache,
        rebuildBatch,
        rebuildGrace,
        exchange,
        eventsExchange);
  }

  /** A copy with another {@code shards}. */
  public CommandsConfig withShards(int shards) {
    return new CommandsConfig(
        enabled,
        shards,
        handlerRetries,
        retryBackoff,
        aggregateCache,
        rebuildBatch,
        rebuildGrace,
        exchange,
        eventsExchange);
  }

  /** A copy with other exchanges ({@code commands.exchange}, {@code commands.eventsExchange}). */
  public CommandsConfig withExchanges(String exchange, String eventsExchange) {
    return new CommandsConfig(
        enabled,
        shards,
        handlerRetries,
        retryBackoff,
        aggregateCache,
        rebuildBatch,
        rebuildGrace,
        exchange,
        eventsExchange);
  }
}
