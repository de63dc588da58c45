package io.switchboard.engine.redis;

import io.switchboard.core.Engine;
import io.switchboard.core.Secrets;
import io.switchboard.core.limit.RateLimits;
import io.switchboard.core.lock.Locks;
import io.switchboard.core.presence.PresenceStore;
import io.switchboard.core.registry.Registry;
import io.switchboard.core.room.RoomHistory;
import io.switchboard.core.snapshot.SnapshotStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The Redis engine (SPEC "Engines": pub/sub, room history, presence, snapshots and locks on Redis;
 * issue 3 point 1): the ports it provides and the connections behind them. Two kinds of connection
 * per node: a command pool of {@link RedisEngineOptions#poolSize()} connections and one dedicated
 * pub/sub connection ({@link RedisPubSub}). Every command on the pool fails after {@link
 * RedisEngineOptions#commandTimeout()} without a reply ({@link TimedRedis}). The app's wiring takes
 * the ports it wants from here; the broker is another engine's job.
 */
public final class RedisEngine implements Engine {
  private final Redis commands;
  private final RedisPubSub pubSub;
  private final RedisRoomHistory history;
  private final RedisPresenceStore presence;
  private final RedisSnapshotStore snapshots;
  private final RedisLocks locks;
  private final RedisRegistry registry;
  private final RedisRateLimits rateLimits;

  private RedisEngine(Vertx vertx, RedisEngineOptions options) {
    // every command times out (issue 7); a command waiting for a pooled connection is bounded by
    // maxPoolWaiting (beyond it the client fails at once), and each connection by its own
    // maxWaitingHandlers (2048 replies outstanding)
    this.commands =
        new TimedRedis(
            vertx,
            Redis.createClient(
                vertx,
                new RedisOptions()
                    .setConnectionString(options.connectionString())
                    .setMaxPoolSize(options.poolSize())
                    .setMaxPoolWaiting(Math.max(1024, options.poolSize() * 128))),
            options.commandTimeout());
    RedisKeys keys = new RedisKeys(options.keyPrefix());
    this.pubSub = new RedisPubSub(vertx, commands, keys, options);
    this.history = new RedisRoomHistory(commands, keys, options);
    this.presence = new RedisPresenceStore(vertx, commands, keys, options);
    this.snapshots = new RedisSnapshotStore(commands, keys);
    this.locks = new RedisLocks(commands, keys);
    this.registry = new RedisRegistry(commands, keys);
    this.rateLimits = new RedisRateLimits(commands, keys);
  }

  /**
   * Connects to Redis.
   *
   * @param vertx the Vert.x instance; the pub/sub listener runs on a context of it (the caller's,
   *     when called on one)
   * @param options connection, key prefix, TTLs, pool, probe and backoff
   * @return the engine once the command pool and the pub/sub connection both answer {@code PING}
   *     and the presence refresh runs; failed with an {@link IllegalStateException} (and everything
   *     closed) if Redis is unreachable at start, with a message that names the server without its
   *     password
   */
  public static Future<RedisEngine> connect(Vertx vertx, RedisEngineOptions options) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    RedisEngine engine = new RedisEngine(vertx, options);
    return engine
        .ping()
        .compose(v -> engine.pubSub.start())
        .map(
            v -> {
              engine.presence.start();
              return engine;
            })
        .recover(
            e ->
                engine
                    .close()
                    .transform(
                        ar ->
                            Future.failedFuture(
                                new IllegalStateException(
                                    "Redis unreachable at "
                                        + Secrets.mask(options.connectionString())
                                        + ": "
                                        + Secrets.mask(e.getMessage())))));
  }

  /**
   * Fan-out between nodes: exact, reference-counted channels on one dedicated pub/sub connection,
   * {@code PUBLISH} through the command pool.
   */
  public RedisPubSub pubSub() {
    return pubSub;
  }

  /**
   * Room streams: one Lua script per publish (offset, {@code XADD}, {@code PUBLISH} on {@link
   * #pubSub()}).
   */
  public RoomHistory history() {
    return history;
  }

  /** Room membership, refreshed by this node; a dead node's entries expire. */
  public PresenceStore presence() {
    return presence;
  }

  /** Room snapshots: one HASH per room, the newer-or-equal offset wins (one Lua script). */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  /** Distributed locks: {@code SET NX PX} with a UUID token, released by compare-and-delete. */
  public Locks locks() {
    return locks;
  }

  /** Registries: one ZSET of member → expiry per key, on Redis's clock (Lua). */
  public Registry registry() {
    return registry;
  }

  /**
   * Rate limits: one token bucket per key in a hash, taken from in one Lua script on Redis's clock.
   */
  public RateLimits rateLimits() {
    return rateLimits;
  }

  /**
   * {@inheritDoc} {@code switchboard_redis_pipeline_waiting}: the publish scripts and {@code
   * PUBLISH}es waiting for their pipelined batch on this node ({@link RedisPipeline}; at most
   * {@value RedisPipeline#MAX_PENDING} per event loop and kind, beyond which a publish fails at
   * once).
   */
  @Override
  public Map<String, LongSupplier> gauges() {
    return Map.of(
        "switchboard_redis_pipeline_waiting",
        () -> history.pipelineWaiting() + pubSub.pipelineWaiting());
  }

  /** Always {@code redis}. */
  @Override
  public String name() {
    return "redis";
  }

  /**
   * {@inheritDoc} A {@code PING} on the command pool and one on the pub/sub connection must both be
   * answered.
   */
  @Override
  public Future<Void> ready() {
    return Future.all(ping(), pubSub.probeNow()).mapEmpty();
  }

  /**
   * {@inheritDoc} Stops the presence refresh (this node's entries then expire within the presence
   * TTL) and closes both clients.
   */
  @Override
  public Future<Void> close() {
    presence.stop();
    return pubSub.close().transform(ar -> commands.close()).otherwiseEmpty();
  }

  private Future<Void> ping() {
    return commands.send(Request.cmd(Command.PING)).mapEmpty();
  }
}
