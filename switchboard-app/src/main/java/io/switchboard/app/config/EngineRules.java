package io.switchboard.app.config;

import io.switchboard.engine.postgres.PgEngineOptions;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.MemoryConfig;
import io.switchboard.server.config.PostgresConfig;
import io.switchboard.server.config.RedisConfig;

/**
 * The {@code engine.*} rules of {@link ConfigValidator} (SPEC "Engines"; issue 3 point 3, issue 8
 * point 0): known engine names, each selected engine's settings, settings of an engine that is not
 * selected (a warning: ignored), and a cluster keeping its store in memory (a warning, not an
 * error, so that cluster configurations written before the store existed still start). URLs are
 * quoted with their password masked. Stateless.
 */
final class EngineRules {
  private EngineRules() {}

  /** Adds the errors and warnings of {@code e} to {@code v}, in rule order. */
  static void check(ConfigValidator v, EngineConfig e) {
    v.check(
        e.type().equals("memory") || e.type().equals("redis"),
        "engine.type",
        "\"" + e.type() + "\" is unknown",
        "memory (one node) or redis (many nodes)");
    v.check(
        e.broker().equals("memory") || e.broker().equals("rabbitmq"),
        "engine.broker",
        "\"" + e.broker() + "\" is unknown",
        "memory or rabbitmq");
    v.check(
        e.store().equals("memory") || e.store().equals("postgres"),
        "engine.store",
        "\"" + e.store() + "\" is unknown",
        "memory (in this process) or postgres");
    if (e.type().equals("memory")) {
      v.atLeastOne("engine.memory.maxRooms", e.memory().maxRooms());
    } else if (!e.memory().equals(MemoryConfig.DEFAULT)) {
      v.warn("engine.memory is set but engine.type is " + e.type() + ", so it is ignored");
    }
    if (e.type().equals("redis")) {
      redis(v, e);
    } else if (!e.redis().equals(RedisConfig.DEFAULT)) {
      v.warn("engine.redis is set but engine.type is " + e.type() + ", so it is ignored");
    }
    if (e.broker().equals("rabbitmq")) {
      v.check(
          e.rabbitmq().uri().matches("amqps?://.+"),
          "engine.rabbitmq.uri",
          "\"" + EngineConfig.masked(e.rabbitmq().uri()) + "\" is not an AMQP URI",
          "amqp://user:password@host:port");
    }
    if (e.store().equals("postgres")) {
      postgres(v, e.postgres());
    } else if (!e.postgres().equals(PostgresConfig.DEFAULT)) {
      v.warn("engine.postgres is set but engine.store is " + e.store() + ", so it is ignored");
    }
    if (e.type().equals("redis") && e.store().equals("memory")) {
      v.warn(
          "engine.store: memory on a cluster (engine.type: redis) keeps events, documents and the"
              + " outbox apart on each node, so commands and queries see only one node's data (a"
              + " command consumed by another node is dead-lettered); set engine.store: postgres");
    }
  }

  private static void redis(ConfigValidator v, EngineConfig e) {
    v.check(
        e.redis().url().matches("rediss?://.+"),
        "engine.redis.url",
        "\"" + EngineConfig.masked(e.redis().url()) + "\" is not a Redis URL",
        "redis://host:port or rediss://host:port");
    v.check(
        e.redis().prefix().matches("[A-Za-z0-9_\\-]{1,32}"),
        "engine.redis.prefix",
        "\"" + e.redis().prefix() + "\" is not a key prefix",
        "1-32 of A-Z a-z 0-9 _ -");
    v.check(
        e.redis().presenceTtl().toMillis() >= 1000,
        "engine.redis.presenceTtl",
        e.redis().presenceTtl() + " is too short to refresh",
        "1s or more (nodes refresh every third of it)");
    v.positive("engine.redis.emptyRoomTtl", e.redis().emptyRoomTtl());
    v.positive("engine.redis.commandTimeout", e.redis().commandTimeout());
  }

  /** The URL as the engine parses it (so check-config accepts what the engine accepts). */
  private static void postgres(ConfigValidator v, PostgresConfig p) {
    String problem = null;
    try {
      PgEngineOptions.DEFAULTS.withUrl(p.url());
    } catch (IllegalArgumentException | NullPointerException e) {
      problem =
          String.valueOf(e.getMessage())
              .replace(" (expected " + PgEngineOptions.URL_SHAPE + ")", "");
    }
    v.check(
        problem == null,
        "engine.postgres.url",
        "\"" + EngineConfig.masked(p.url()) + "\": " + problem,
        PgEngineOptions.URL_SHAPE);
    v.atLeastOne("engine.postgres.poolSize", p.poolSize());
  }
}
