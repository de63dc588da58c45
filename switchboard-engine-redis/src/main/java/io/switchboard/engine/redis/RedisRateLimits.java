package io.switchboard.engine.redis;

import io.switchboard.core.limit.RateDecision;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.limit.RateRule;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.Objects;

/**
 * Redis {@link RateLimits} (SPEC C5: rate limits shared across nodes). A bucket is the hash {@code
 * <p>.rate.<key>} of {@code tokens} and {@code at}; one Lua script refills it on Redis's own clock
 * ({@code TIME}, so nodes with skewed clocks agree), takes a token or computes the wait, and sets
 * the key to expire once it would be full again, so idle buckets leave Redis by themselves. One
 * round trip per request.
 */
final class RedisRateLimits implements RateLimits {
  private static final RedisScript TAKE =
      new RedisScript(
          """
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local rate = tonumber(ARGV[1])
          local burst = tonumber(ARGV[2])
          local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
          local tokens = tonumber(b[1]) or burst
          local at = tonumber(b[2]) or now
          tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
          local allowed = 0
          local wait = 0
          if tokens >= 1 then
            tokens = tokens - 1
            allowed = 1
          else
            wait = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
          end
          redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
          redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
          return {allowed, math.floor(tokens), wait}
          """);

  private final Redis redis;
  private final RedisKeys keys;

  RedisRateLimits(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** {@inheritDoc} One Lua script, one round trip. */
  @Override
  public Future<RateDecision> take(String key, RateRule rule) {
    Objects.requireNonNull(key, "key");
    return TAKE.run(redis, List.of(keys.rate(key)), rule.perSecond(), rule.burst())
        .map(
            r ->
                new RateDecision(
                    r.get(0).toInteger() == 1, r.get(1).toInteger(), r.get(2).toLong()));
  }
}
