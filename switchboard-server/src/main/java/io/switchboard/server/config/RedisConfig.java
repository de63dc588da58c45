package io.switchboard.server.config;

import java.time.Duration;

/**
 * The Redis connection of the Redis engine (issue 3; SPEC "Engines").
 *
 * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://…}, default {@code
 *     redis://127.0.0.1:6379}; a password belongs in {@code SWITCHBOARD_ENGINE_REDIS_URL}
 * @param prefix the prefix of every key and channel, 1 to 32 of {@code A-Z a-z 0-9 _ -}, default
 *     {@code sb}; nodes of one cluster share it, separate clusters on one Redis use different ones
 * @param presenceTtl how long a node's presence entries outlive it, at least 1 s, default 60 s
 *     (refreshed every third of it while the node lives)
 * @param emptyRoomTtl how long the epoch of a room never published to (a join creates it) lives
 *     after its last read, default 5 min; a publication makes it live 24 h (issue 7)
 * @param commandTimeout how long any command on the command pool, and any connect, may wait for its
 *     reply before it fails (the request is then answered {@code unavailable}), default 5 s (issue
 *     7)
 */
public record RedisConfig(
    String url,
    String prefix,
    Duration presenceTtl,
    Duration emptyRoomTtl,
    Duration commandTimeout) {
  /** Local Redis, prefix {@code sb}, presence 60 s, empty room 5 min, command timeout 5 s. */
  public static final RedisConfig DEFAULT =
      new RedisConfig(
          "redis://127.0.0.1:6379",
          "sb",
          Duration.ofSeconds(60),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5));

  /** Every component, with the URL's password masked, so it may be logged. */
  @Override
  public String toString() {
    return "RedisConfig[url="
        + EngineConfig.masked(url)
        + ", prefix="
        + prefix
        + ", presenceTtl="
        + presenceTtl
        + ", emptyRoomTtl="
        + emptyRoomTtl
        + ", commandTimeout="
        + commandTimeout
        + "]";
  }
}
