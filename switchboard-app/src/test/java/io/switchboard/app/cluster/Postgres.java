package io.switchboard.app.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's real PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust auth) as the cluster
 * tests use it: databases of their own, and read-only looks at what the nodes stored (the event
 * store's {@code events} table, issue 8). A missing server fails the test.
 */
final class Postgres {
  private Postgres() {}

  /** The {@code engine.postgres.url} of {@code database}. */
  static String url(String database) {
    return "postgresql://postgres@127.0.0.1:5432/" + database;
  }

  /** Runs {@code sql} on the {@code postgres} database (create or drop a database). */
  static void admin(String sql) {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL on 127.0.0.1:5432 refused: " + sql, e);
    }
  }

  /** The first column of every row of {@code sql} on {@code database}, as strings. */
  static List<String> column(String database, String sql) {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (r.next()) {
        values.add(r.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new AssertionError("query failed on " + database + ": " + sql, e);
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", null);
  }
}
