package io.switchboard.engine.redis;

import io.switchboard.core.lock.Lock;
import io.switchboard.core.lock.Locks;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Redis {@link Locks} (SPEC "Engines", locks; issue 3 point 1; seed 000 released its lock before
 * use). A lock is the STRING {@code <p>.lock.<name>} holding a random UUID token, taken with {@code
 * SET NX PX <ttl ms>} and released by a compare-and-delete Lua script, so a holder whose lock
 * expired cannot release the next holding.
 */
public final class RedisLocks implements Locks {
  private static final RedisScript RELEASE =
      new RedisScript(
          """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  private final Redis redis;
  private final RedisKeys keys;

  RedisLocks(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** {@inheritDoc} Fails with {@link IllegalArgumentException} if {@code ttl} is not positive. */
  @Override
  public Future<Lock> tryAcquire(String name, Duration ttl) {
    Objects.requireNonNull(name, "name");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    String token = UUID.randomUUID().toString();
    return redis
        .send(
            Request.cmd(Command.SET)
                .arg(keys.lock(name))
                .arg(token)
                .arg("NX")
                .arg("PX")
                .arg(ttl.toMillis()))
        .map(r -> r != null && "OK".equals(r.toString()) ? new Lock(name, token) : null);
  }

  /** {@inheritDoc} One Lua script: {@code GET}, compare with the token, {@code DEL}. */
  @Override
  public Future<Boolean> release(Lock lock) {
    Objects.requireNonNull(lock, "lock");
    return RELEASE
        .run(redis, List.of(keys.lock(lock.name())), lock.token())
        .map(r -> r.toLong() == 1);
  }
}
