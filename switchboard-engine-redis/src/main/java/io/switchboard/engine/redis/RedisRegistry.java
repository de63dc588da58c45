package io.switchboard.engine.redis;

import io.switchboard.core.registry.Registry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Redis {@link Registry} (SPEC "Engines", registries; SPEC C4). A key is the ZSET {@code
 * <p>.registry.<key>} of member → expiry in epoch milliseconds on Redis's own clock ({@code TIME}
 * inside the scripts, so nodes with skewed clocks agree). A put drops expired members and keeps the
 * key itself alive as long as its longest-lived member, so an abandoned key disappears.
 */
final class RedisRegistry implements Registry {
  private static final String NOW =
      "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2])"
          + " / 1000)\n";

  private static final RedisScript PUT =
      new RedisScript(
          NOW
              + """
      local ttl = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
      if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
      return 1
      """);

  private static final RedisScript MEMBERS =
      new RedisScript(NOW + "return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')\n");

  private final Redis redis;
  private final RedisKeys keys;

  RedisRegistry(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** {@inheritDoc} One Lua script; fails with {@link IllegalArgumentException} on a bad TTL. */
  @Override
  public Future<Void> put(String key, String member, Duration ttl) {
    Objects.requireNonNull(member, "member");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    return PUT.run(redis, List.of(keys.registry(key)), member, ttl.toMillis()).mapEmpty();
  }

  /** {@inheritDoc} {@code ZREM}. */
  @Override
  public Future<Void> remove(String key, String member) {
    Objects.requireNonNull(member, "member");
    return redis.send(Request.cmd(Command.ZREM).arg(keys.registry(key)).arg(member)).mapEmpty();
  }

  /** {@inheritDoc} {@code ZRANGEBYSCORE} above Redis's current time. */
  @Override
  public Future<List<String>> members(String key) {
    return MEMBERS
        .run(redis, List.of(keys.registry(key)))
        .map(
            r -> {
              List<String> out = new ArrayList<>(r == null ? 0 : r.size());
              if (r != null) {
                for (Response m : r) {
                  out.add(m.toString());
                }
              }
              return out;
            });
  }
}
