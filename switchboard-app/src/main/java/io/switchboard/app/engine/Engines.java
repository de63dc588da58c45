package io.switchboard.app.engine;

import io.switchboard.core.Engine;
import io.switchboard.core.Ports;
import io.switchboard.core.broker.Broker;
import io.switchboard.core.memory.MemoryBroker;
import io.switchboard.core.memory.MemoryLocks;
import io.switchboard.core.memory.MemoryPresenceStore;
import io.switchboard.core.memory.MemoryPubSub;
import io.switchboard.core.memory.MemoryRateLimits;
import io.switchboard.core.memory.MemoryRegistry;
import io.switchboard.core.memory.MemoryRoomHistory;
import io.switchboard.core.memory.MemorySnapshotStore;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.store.Store;
import io.switchboard.engine.postgres.PgEngine;
import io.switchboard.engine.postgres.PgEngineOptions;
import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.engine.redis.RedisEngine;
import io.switchboard.engine.redis.RedisEngineOptions;
import io.switchboard.server.config.EngineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds the node's {@link Ports} from {@code engine.*} configuration, port by port (SPEC
 * "Engines"; Centrifugo's {@code configureEngines}): each engine module provides only its own
 * ports, and this class picks each port from the engine configuration names for it.
 *
 * <pre>
 * port                                       engine.type=memory   engine.type=redis
 * pub/sub, room history, presence,           memory               RedisEngine
 *   snapshots, locks (history fans out
 *   through pub/sub, so they go together)
 *
 * port                                       engine.broker=memory engine.broker=rabbitmq
 * broker                                     MemoryBroker         RabbitEngine
 *
 * port                                       engine.store=memory  engine.store=postgres
 * store (events, documents, outbox)          MemoryStore          PgEngine
 * </pre>
 */
public final class Engines {
  private Engines() {}

  /**
   * Connects the configured engines, at the same time, and assembles the ports; the memory ports
   * are made here ({@code engine.memory.maxRooms} streams at most).
   *
   * @param vertx the node's Vert.x
   * @param config {@code engine.*}, validated
   * @return the ports with their engines connected; failed with the engine's {@link
   *     IllegalStateException} (password masked; RabbitMQ's, else Redis's, when several fail) when
   *     Redis, RabbitMQ or PostgreSQL cannot be reached at start (a wrong URL must stop the start,
   *     not surface later) or PostgreSQL holds a schema newer than this node, after closing
   *     whatever did connect
   */
  public static Future<Ports> create(Vertx vertx, EngineConfig config) {
    List<Engine> connected = new CopyOnWriteArrayList<>(); // added from the engines' threads
    Future<RabbitEngine> rabbit =
        config.broker().equals("rabbitmq")
            ? RabbitEngine.connect(
                    vertx, RabbitEngineOptions.defaults().withUri(config.rabbitmq().uri()))
                .onSuccess(connected::add)
            : Future.succeededFuture();
    Future<RedisEngine> redis =
        config.type().equals("redis")
            ? RedisEngine.connect(
                    vertx,
                    RedisEngineOptions.DEFAULTS
                        .withConnectionString(config.redis().url())
                        .withKeyPrefix(config.redis().prefix())
                        .withPresenceTtl(config.redis().presenceTtl())
                        .withEmptyRoomTtl(config.redis().emptyRoomTtl())
                        .withCommandTimeout(config.redis().commandTimeout()))
                .onSuccess(connected::add)
            : Future.succeededFuture();
    Future<PgEngine> postgres =
        config.store().equals("postgres")
            ? Future.<Void>succeededFuture()
                .compose( // a bad URL (not validated) fails the future instead of throwing here
                    v ->
                        PgEngine.connect(
                            vertx,
                            PgEngineOptions.DEFAULTS
                                .withUrl(config.postgres().url())
                                .withPoolSize(config.postgres().poolSize())))
                .onSuccess(connected::add)
            : Future.succeededFuture();
    return Future.join(rabbit, redis, postgres)
        .map(v -> assemble(redis.result(), rabbit.result(), postgres.result(), config))
        .recover(
            e -> {
              Throwable cause =
                  rabbit.failed()
                      ? rabbit.cause()
                      : redis.failed() ? redis.cause() : postgres.failed() ? postgres.cause() : e;
              return Future.join(connected.stream().map(Engine::close).toList())
                  .transform(ignored -> Future.failedFuture(cause));
            });
  }

  private static Ports assemble(
      RedisEngine redis, RabbitEngine rabbit, PgEngine postgres, EngineConfig config) {
    Broker broker = rabbit == null ? new MemoryBroker() : rabbit.broker();
    List<Engine> engines = new ArrayList<>();
    if (rabbit != null) {
      engines.add(rabbit);
    }
    Store store = postgres == null ? new MemoryStore() : postgres.store();
    if (postgres != null) {
      engines.add(postgres);
    }
    if (redis == null) {
      MemoryPubSub pubSub = new MemoryPubSub();
      MemoryRoomHistory history =
          new MemoryRoomHistory(
              pubSub,
              System::currentTimeMillis,
              MemoryRoomHistory.DEFAULT_STREAM_RETENTION,
              config.memory().maxRooms());
      return new Ports(
          pubSub,
          history,
          new MemoryPresenceStore(),
          new MemorySnapshotStore(),
          new MemoryLocks(),
          new MemoryRegistry(),
          new MemoryRateLimits(),
          broker,
          store,
          engines);
    }
    engines.add(redis);
    return new Ports(
        redis.pubSub(),
        redis.history(),
        redis.presence(),
        redis.snapshots(),
        redis.locks(),
        redis.registry(),
        redis.rateLimits(),
        broker,
        store,
        engines);
  }
}
