package io.switchboard.engine.redis;

import io.switchboard.core.snapshot.Snapshot;
import io.switchboard.core.snapshot.SnapshotStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Redis {@link SnapshotStore} (SPEC "Engines", C1 "snapshot"; issue 3 point 1: stored compressed).
 * One HASH {@code <p>.snapshot.<room>} with fields {@code o} (offset), {@code e} (event), {@code c}
 * (encoding), {@code d} (the compressed bytes, binary safe) and {@code ts} (epoch ms), expiring
 * {@code ttl} after the last successful put. The newer-or-equal-offset check and the write are one
 * Lua script.
 */
public final class RedisSnapshotStore implements SnapshotStore {
  private static final RedisScript PUT =
      new RedisScript(
          """
      local cur = redis.call('HGET', KEYS[1], 'o')
      if cur and tonumber(cur) > tonumber(ARGV[1]) then return 0 end
      redis.call('HSET', KEYS[1], 'o', ARGV[1], 'e', ARGV[2], 'c', ARGV[3], 'd', ARGV[4],
        'ts', ARGV[5])
      redis.call('PEXPIRE', KEYS[1], ARGV[6])
      return 1
      """);

  private final Redis redis;
  private final RedisKeys keys;

  RedisSnapshotStore(Redis redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * {@inheritDoc} Fails with {@link IllegalArgumentException} if {@code ttl} is not positive.
   * Offsets are compared as Lua numbers, exact up to 2<sup>53</sup>.
   */
  @Override
  public Future<Boolean> put(String room, Snapshot snapshot, Duration ttl) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(snapshot, "snapshot");
    if (ttl.isNegative() || ttl.isZero()) {
      return Future.failedFuture(new IllegalArgumentException("ttl must be positive: " + ttl));
    }
    return PUT.run(
            redis,
            List.of(keys.snapshot(room)),
            snapshot.offset(),
            snapshot.event(),
            snapshot.encoding(),
            Buffer.buffer(snapshot.data()),
            snapshot.ts(),
            ttl.toMillis())
        .map(r -> r.toLong() == 1);
  }

  /** {@inheritDoc} The data is a fresh array. */
  @Override
  public Future<Snapshot> get(String room) {
    Objects.requireNonNull(room, "room");
    return redis
        .send(
            Request.cmd(Command.HMGET)
                .arg(keys.snapshot(room))
                .arg("o")
                .arg("e")
                .arg("c")
                .arg("d")
                .arg("ts"))
        .map(
            r ->
                r == null || r.get(0) == null || r.get(3) == null
                    ? null
                    : new Snapshot(
                        r.get(1).toString(),
                        r.get(0).toLong(),
                        r.get(2).toString(),
                        r.get(3).toBuffer().getBytes(),
                        r.get(4).toLong()));
  }
}
