package io.switchboard.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.Ports;
import io.switchboard.core.memory.MemoryStore;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.engine.postgres.PgStore;
import io.switchboard.server.config.EngineConfig;
import io.switchboard.server.config.PostgresConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.store} picks the store port (issue 8 point 0): {@code memory} builds a {@link
 * MemoryStore}, {@code postgres} connects the PostgreSQL engine on the local server ({@code
 * 127.0.0.1:5432}, user {@code postgres}; a missing server fails the test) in a database of this
 * class, dropped at the end, and a start against a missing database fails with the password masked.
 */
class EnginesIT {
  private static final Vertx VERTX = Vertx.vertx();
  private static final String DATABASE =
      "sbt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

  @BeforeAll
  static void createDatabase() throws Exception {
    admin("create database " + DATABASE);
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    admin("drop database if exists " + DATABASE + " with (force)");
    VERTX.close();
  }

  @Test
  void theMemoryStoreIsTheDefault() throws Exception {
    Ports ports = join(Engines.create(VERTX, EngineConfig.DEFAULT));
    assertThat(ports.store()).isInstanceOf(MemoryStore.class);
    assertThat(ports.engines()).isEmpty();
    join(ports.close());
  }

  @Test
  void storePostgresConnectsThePostgresEngine() throws Exception {
    Ports ports =
        join(Engines.create(VERTX, postgres("postgresql://postgres@127.0.0.1/" + DATABASE)));
    try {
      assertThat(ports.store()).isInstanceOf(PgStore.class);
      assertThat(ports.engines()).extracting(e -> e.name()).containsExactly("postgres");
      join(ports.ready());
      String stream = "board-" + UUID.randomUUID();
      join(
          ports
              .store()
              .transaction(
                  tx ->
                      Future.succeededFuture(
                          tx.append(
                              stream,
                              0,
                              List.of(
                                  new NewEvent(
                                      UUID.randomUUID().toString(),
                                      "board.created",
                                      "{}",
                                      EventMetadata.NONE))))));
      assertThat(join(ports.store().readStream(stream, 0, 10))).hasSize(1);
    } finally {
      join(ports.close());
    }
  }

  @Test
  void aMissingDatabaseStopsTheStartWithThePasswordMasked() {
    String url = "postgresql://postgres:s3cret-pw@127.0.0.1/sbt_missing_" + DATABASE.substring(4);
    Future<Ports> start = Engines.create(VERTX, postgres(url));
    ExecutionException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () -> start.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS));
    assertThat(failed.getCause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("postgres:***@127.0.0.1")
        .hasMessageContaining("does not exist")
        .hasMessageNotContaining("s3cret-pw");
  }

  private static EngineConfig postgres(String url) {
    EngineConfig d = EngineConfig.DEFAULT;
    return new EngineConfig(
        d.type(),
        d.broker(),
        "postgres",
        d.memory(),
        d.redis(),
        d.rabbitmq(),
        new PostgresConfig(url, 2));
  }

  private static void admin(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static <T> T join(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
