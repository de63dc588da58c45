package io.switchboard.app.engine;

import io.switchboard.core.Engine;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.engine.rabbitmq.RabbitEngine;
import io.switchboard.engine.rabbitmq.RabbitEngineOptions;
import io.switchboard.engine.redis.RedisEngine;
import io.switchboard.engine.redis.RedisEngineOptions;
import io.switchboard.server.config.EngineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Builds the node's {@link Engine} from {@code engine.*} configuration (SPEC "Engines"; the
 * preset-plus-override wiring of Centrifugo's {@code configureEngines}): {@code engine.type}
 * picks pub/sub, history, presence, snapshots and locks, {@code engine.broker} the broker.
 *
 * <pre>
 * type=memory broker=memory    the embedded default, one node
 * type=memory broker=rabbitmq  one node, forwarded publications to RabbitMQ
 * type=redis  broker=memory    many nodes, forwarded publications kept per node
 * type=redis  broker=rabbitmq  many nodes, production
 * </pre>
 */
public final class Engines {
  private Engines() {}

  /**
   * Connects the configured engines.
   *
   * @return the engine, ready to use; failed when Redis or RabbitMQ cannot be reached at start
   *     (a wrong URL must stop the start, not surface later)
   */
  public static Future<Engine> create(Vertx vertx, EngineConfig config) {
    Future<Engine> broker = config.broker().equals("rabbitmq")
        ? RabbitEngine.create(vertx, RabbitEngineOptions.defaults().withUri(config.rabbitmq().uri()))
        : Future.succeededFuture(MemoryEngine.create());
    if (!config.type().equals("redis")) {
      return broker;
    }
    RedisEngineOptions redis = RedisEngineOptions.DEFAULTS.withConnectionString(config.redis().url())
        .withKeyPrefix(config.redis().prefix()).withPresenceTtl(config.redis().presenceTtl());
    return broker.compose(b -> RedisEngine.create(vertx, redis, b.broker())
        .map(r -> combine(r, b))
        .recover(e -> b.close().get().transform(ignored -> Future.<Engine>failedFuture(e))));
  }

  /** The Redis ports with the broker of {@code brokerEngine}; ready and closed together. */
  private static Engine combine(Engine redis, Engine brokerEngine) {
    return new Engine(redis.pubSub(), redis.history(), redis.presence(), redis.snapshots(), redis.locks(),
        brokerEngine.broker(),
        () -> Future.all(redis.ready().get(), brokerEngine.ready().get()).mapEmpty(),
        () -> Future.join(redis.close().get(), brokerEngine.close().get()).mapEmpty());
  }
}
