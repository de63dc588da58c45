package io.switchboard.server.config;

import java.time.Duration;

/**
 * The Redis connection of the Redis engine (issue 3; SPEC "Engines").
 *
 * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://…}, default {@code
 *     redis://127.0.0.1:6379}; a password belongs in {@code SWITCHBOARD_ENGINE_REDIS_URL}
 * @param prefix the prefix of every key and channel, default {@code sb}; nodes of one cluster
 *     share it, separate clusters on one Redis use different ones
 * @param presenceTtl how long a node's presence entries outlive it, default 60 s (refreshed every
 *     third of it while the node lives)
 */
public record RedisConfig(String url, String prefix, Duration presenceTtl) {
  public static final RedisConfig DEFAULT =
      new RedisConfig("redis://127.0.0.1:6379", "sb", Duration.ofSeconds(60));

  @Override
  public String toString() {
    return "RedisConfig[url=" + EngineConfig.masked(url) + ", prefix=" + prefix + ", presenceTtl=" + presenceTtl + "]";
  }
}
