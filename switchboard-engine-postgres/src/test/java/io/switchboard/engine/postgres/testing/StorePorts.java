package io.switchboard.engine.postgres.testing;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryEngine;
import io.switchboard.core.store.Store;
import io.switchboard.engine.postgres.PgEngine;
import io.switchboard.engine.postgres.PgEngineOptions;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The memory engine's ports with the store of the test's choice (issue 8 point 8: the tests that
 * depend on the store's semantics run on both engines): {@code memory}, or {@code postgres} on the
 * local PostgreSQL ({@code 127.0.0.1:5432}, user {@code postgres}) in a new {@code sbt_} database
 * dropped by {@link #close}. A missing server fails the test. Shared by the capabilities' tests
 * (commands, workflows) through this module's test jar.
 */
public final class StorePorts implements AutoCloseable {
  private static final Vertx VERTX = Vertx.vertx();

  public final Ports ports;
  private final PgEngine engine;
  private final String database;

  private StorePorts(Ports ports, PgEngine engine, String database) {
    this.ports = ports;
    this.engine = engine;
    this.database = database;
  }

  /** Ports on the {@code store} engine: {@code memory} or {@code postgres}. */
  public static StorePorts of(String store) {
    Ports memory = MemoryEngine.ports();
    PgEngine engine = null;
    String database = null;
    Store base = memory.store();
    if (store.equals("postgres")) {
      database = "sbt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      admin("create database " + database);
      engine =
          await(
              PgEngine.connect(
                  VERTX,
                  PgEngineOptions.DEFAULTS.withUrl(
                      "postgresql://postgres@127.0.0.1:5432/" + database)));
      base = engine.store();
    } else if (!store.equals("memory")) {
      throw new IllegalArgumentException("unknown store " + store);
    }
    Ports ports =
        new Ports(
            memory.pubSub(),
            memory.history(),
            memory.presence(),
            memory.snapshots(),
            memory.locks(),
            memory.registry(),
            memory.rateLimits(),
            memory.broker(),
            base,
            memory.engines());
    return new StorePorts(ports, engine, database);
  }

  /** These ports with another store (e.g. this one wrapped). */
  public Ports with(Store store) {
    return new Ports(
        ports.pubSub(),
        ports.history(),
        ports.presence(),
        ports.snapshots(),
        ports.locks(),
        ports.registry(),
        ports.rateLimits(),
        ports.broker(),
        store,
        ports.engines());
  }

  /** These ports with another broker (RabbitMQ in the broker tests). */
  public Ports with(io.switchboard.core.broker.Broker broker) {
    return new Ports(
        ports.pubSub(),
        ports.history(),
        ports.presence(),
        ports.snapshots(),
        ports.locks(),
        ports.registry(),
        ports.rateLimits(),
        broker,
        ports.store(),
        ports.engines());
  }

  @Override
  public void close() {
    if (engine != null) {
      await(engine.close());
      admin("drop database if exists " + database + " with (force)");
    }
  }

  private static void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL at 127.0.0.1:5432 refused " + sql, e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage()
          .toCompletableFuture()
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the PostgreSQL store did not answer: " + e, e);
    }
  }
}
