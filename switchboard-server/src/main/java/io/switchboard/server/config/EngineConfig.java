package io.switchboard.server.config;

import io.switchboard.core.Secrets;
import java.util.Objects;

/**
 * Which engine backs the ports (SPEC "Engines"; Centrifugo's engine preset with per-port
 * overrides). {@code type} selects pub/sub, room history, presence, snapshots and locks (history
 * must fan out through the same engine's pub/sub, so they always go together); {@code broker}
 * overrides the broker port, {@code store} the store port (issue 8).
 *
 * @param type {@code memory} (one node, the default) or {@code redis} (many nodes sharing Redis)
 * @param broker {@code memory} (the default) or {@code rabbitmq}
 * @param store {@code memory} (the default: events, documents and the outbox in this process, lost
 *     when it stops) or {@code postgres}
 * @param memory the memory engine's limits, used when {@code type} is {@code memory}
 * @param redis the Redis connection, used when {@code type} is {@code redis}
 * @param rabbitmq the RabbitMQ connection, used when {@code broker} is {@code rabbitmq}
 * @param postgres the PostgreSQL connection, used when {@code store} is {@code postgres}
 */
public record EngineConfig(
    String type,
    String broker,
    String store,
    MemoryConfig memory,
    RedisConfig redis,
    RabbitConfig rabbitmq,
    PostgresConfig postgres) {
  /** Everything in memory (one node), with the default connection settings of the others. */
  public static final EngineConfig DEFAULT =
      new EngineConfig(
          "memory",
          "memory",
          "memory",
          MemoryConfig.DEFAULT,
          RedisConfig.DEFAULT,
          RabbitConfig.DEFAULT,
          PostgresConfig.DEFAULT);

  /**
   * Fills what the YAML left out: {@code broker} and {@code store} {@code memory}, the default
   * memory, Redis, RabbitMQ and PostgreSQL settings. Names are checked by the app's validator, not
   * here.
   *
   * @throws NullPointerException if {@code type} is null
   */
  public EngineConfig {
    Objects.requireNonNull(type, "type");
    broker = broker == null || broker.isEmpty() ? "memory" : broker;
    store = store == null || store.isEmpty() ? "memory" : store;
    memory = memory == null ? MemoryConfig.DEFAULT : memory;
    redis = redis == null ? RedisConfig.DEFAULT : redis;
    rabbitmq = rabbitmq == null ? RabbitConfig.DEFAULT : rabbitmq;
    postgres = postgres == null ? PostgresConfig.DEFAULT : postgres;
  }

  /**
   * The URL with its password (user info or a secret query parameter) replaced by {@code ***}, for
   * logs and {@code check-config}; see {@link Secrets#mask}.
   *
   * @param url a connection URL, or {@code null}
   * @return the masked URL ({@code null} for {@code null})
   */
  public static String masked(String url) {
    return Secrets.mask(url);
  }
}
