package io.switchboard.engine.redis;

import io.switchboard.core.Engine;
import io.switchboard.core.broker.Broker;
import io.switchboard.core.memory.MemoryBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.Objects;

/**
 * The Redis engine (SPEC "Engines": pub/sub, room history, presence, snapshots and locks on
 * Redis; issue 3 point 1). Two kinds of connection per node: a command pool of {@link
 * RedisEngineOptions#poolSize()} connections and one dedicated pub/sub connection ({@link
 * RedisPubSub}). The broker port is not Redis's job: it is RabbitMQ's (issue 3 point 2), so
 * the caller passes a broker in, or gets a {@link MemoryBroker} placeholder.
 */
public final class RedisEngine {
  private RedisEngine() {}

  /** {@link #create(Vertx, RedisEngineOptions, Broker)} with a {@link MemoryBroker}. */
  public static Future<Engine> create(Vertx vertx, RedisEngineOptions options) {
    return create(vertx, options, new MemoryBroker());
  }

  /**
   * Connects to Redis and assembles the engine.
   *
   * <p>{@code ready} succeeds when a {@code PING} on the command pool and one on the pub/sub
   * connection are both answered, and fails while either is unreachable ({@code
   * /health/ready}). {@code close} stops the presence refresh (this node's entries then expire
   * within the presence TTL) and closes both clients; it does not close the broker.
   *
   * @param vertx the Vert.x instance; the pub/sub listener runs on a context of it
   * @param options connection, key prefix, TTLs, pool, probe and backoff
   * @param broker the broker port to put in the engine
   * @return the engine once both connections answer; failed (and everything closed) if Redis
   *     is unreachable at start
   */
  public static Future<Engine> create(Vertx vertx, RedisEngineOptions options, Broker broker) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(broker, "broker");
    Redis commands = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(options.connectionString())
        .setMaxPoolSize(options.poolSize())
        .setMaxPoolWaiting(Math.max(1024, options.poolSize() * 128)));
    RedisKeys keys = new RedisKeys(options.keyPrefix());
    RedisPubSub pubSub = new RedisPubSub(vertx, commands, keys, options);
    RedisPresenceStore presence = new RedisPresenceStore(vertx, commands, keys, options);
    Engine engine = new Engine(
        pubSub,
        new RedisRoomHistory(commands, keys, options),
        presence,
        new RedisSnapshotStore(commands, keys),
        new RedisLocks(commands, keys),
        broker,
        () -> Future.all(ping(commands), pubSub.probeNow()).mapEmpty(),
        () -> {
          presence.stop();
          return pubSub.close().transform(ar -> commands.close());
        });
    return ping(commands)
        .compose(v -> pubSub.start())
        .map(v -> {
          presence.start();
          return engine;
        })
        .recover(e -> pubSub.close().transform(ar -> commands.close())
            .transform(ar -> Future.failedFuture(
                new IllegalStateException("Redis unreachable at "
                    + options.connectionString() + ": " + e.getMessage(), e))));
  }

  private static Future<Void> ping(Redis commands) {
    return commands.send(Request.cmd(Command.PING)).mapEmpty();
  }
}
