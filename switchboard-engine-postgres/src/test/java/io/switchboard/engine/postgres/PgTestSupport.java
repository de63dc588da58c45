package io.switchboard.engine.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test helpers on the local PostgreSQL ({@code 127.0.0.1:5432}, user {@code postgres}, trust
 * authentication; started by {@code .ci/run}): a database per test class, created with a random
 * {@code sbt_} name and dropped {@code WITH (FORCE)} at the end, so runs sharing the server never
 * see each other's data. A missing server fails the test (no skipping).
 */
final class PgTestSupport {
  /** The Vert.x of every test engine in this JVM; engines come and go, it stays. */
  static final Vertx VERTX = Vertx.vertx();

  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private PgTestSupport() {}

  /** Creates a new empty database and returns its name ({@code sbt_} and 16 hex digits). */
  static String createDatabase() {
    String name = "sbt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    admin("create database " + name);
    return name;
  }

  /** Drops a database made by {@link #createDatabase}, closing its connections. */
  static void dropDatabase(String name) {
    if (!name.matches("sbt_[0-9a-f]{16}")) {
      throw new IllegalArgumentException("not a test database: " + name);
    }
    admin("drop database if exists " + name + " with (force)");
  }

  /** The engine URL of a database (user postgres, no password). */
  static String url(String database) {
    return "postgresql://postgres@127.0.0.1:5432/" + database;
  }

  /** Options for a database, with a short reconnect backoff. */
  static PgEngineOptions options(String database) {
    return PgEngineOptions.DEFAULTS
        .withUrl(url(database))
        .withReconnect(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(500));
  }

  /** A connected engine; the caller closes it. */
  static PgEngine connect(PgEngineOptions options) {
    return join(PgEngine.connect(VERTX, options));
  }

  /** Runs statements on the admin database. */
  static void admin(String... sql) {
    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", null);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL at 127.0.0.1:5432 (admin): " + e.getMessage(), e);
    }
  }

  /** A JDBC connection to a test database; the caller closes it. */
  static Connection jdbc(String database) {
    try {
      return DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", null);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL at 127.0.0.1:5432/" + database + ": " + e, e);
    }
  }

  /** Runs one query on a test database; every row's columns as text. */
  static List<List<String>> query(String database, String sql) {
    try (Connection c = jdbc(database);
        Statement s = c.createStatement()) {
      List<List<String>> rows = new ArrayList<>();
      if (s.execute(sql)) {
        try (ResultSet r = s.getResultSet()) {
          int n = r.getMetaData().getColumnCount();
          while (r.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
              row.add(r.getString(i));
            }
            rows.add(row);
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql + ": " + e.getMessage(), e);
    }
  }

  /** Waits up to 10 s for a future. */
  static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no completion within 10 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The failure of a future, waiting up to 20 s; an assertion error if it succeeds. */
  static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException | InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure, got success");
  }
}
