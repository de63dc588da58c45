package io.switchboard.engine.postgres;

import static io.switchboard.engine.postgres.PgTestSupport.failure;
import static io.switchboard.engine.postgres.PgTestSupport.join;
import static io.switchboard.engine.postgres.PgTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.RecordedEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starting the PostgreSQL engine (issue 8 point 0): migrations at start, idempotent on the next
 * start; a schema newer than the node refused with both versions named; an unreachable server or a
 * missing database refused with the password masked. One database per test class (and one more for
 * the newer schema), dropped at the end.
 */
class PgEngineIT {
  private static String database;

  @BeforeAll
  static void createDatabase() {
    database = PgTestSupport.createDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    PgTestSupport.dropDatabase(database);
  }

  @Test
  void migrationsRunAtStartAndAgainIdempotently() {
    PgEngine first = PgTestSupport.connect(PgTestSupport.options(database));
    assertThat(history(database)).containsExactly(List.of("1", "store", "t"));
    assertThat(
            query(
                database,
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_name in ('events', 'documents', 'outbox') order by 1"))
        .containsExactly(List.of("documents"), List.of("events"), List.of("outbox"));
    String stream = "board-" + UUID.randomUUID();
    join(
        first
            .store()
            .transaction(
                tx ->
                    Future.succeededFuture(
                        tx.append(
                            stream,
                            0,
                            List.of(new NewEvent("e-" + stream, "t", "{}", EventMetadata.NONE))))));
    join(first.close());

    PgEngine second = PgTestSupport.connect(PgTestSupport.options(database));
    try {
      assertThat(history(database)).containsExactly(List.of("1", "store", "t"));
      assertThat(join(second.store().readStream(stream, 0, 10)))
          .extracting(RecordedEvent::id)
          .containsExactly("e-" + stream);
      join(second.ready());
      assertThat(second.name()).isEqualTo("postgres");
    } finally {
      join(second.close());
    }
  }

  @Test
  void aSchemaNewerThanTheNodeIsRefusedWithBothVersionsNamed() {
    String newer = PgTestSupport.createDatabase();
    try {
      join(PgTestSupport.connect(PgTestSupport.options(newer)).close());
      query(
          newer,
          "insert into flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success) select max(installed_rank) + 1,"
              + " '999', 'from a newer node', 'SQL', 'V999__from_a_newer_node.sql', 0, 'test', 0,"
              + " true from flyway_schema_history");
      Throwable refused = failure(PgEngine.connect(PgTestSupport.VERTX, options(newer)));
      assertThat(refused)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("schema is at version 999")
          .hasMessageContaining("up to version 1")
          .hasMessageContaining("postgresql://postgres@127.0.0.1:5432/" + newer);
      assertThat(history(newer)).extracting(r -> r.get(0)).containsExactly("1", "999");
    } finally {
      PgTestSupport.dropDatabase(newer);
    }
  }

  @Test
  void aMissingDatabaseFailsTheStartWithThePasswordMasked() {
    String missing = "sbt_missing_" + UUID.randomUUID().toString().substring(0, 8);
    String url = "postgresql://postgres:s3cret-pw@127.0.0.1:5432/" + missing;
    Throwable refused =
        failure(PgEngine.connect(PgTestSupport.VERTX, PgEngineOptions.DEFAULTS.withUrl(url)));
    assertThat(refused)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("postgresql://postgres:***@127.0.0.1:5432/" + missing)
        .hasMessageContaining("does not exist");
    assertThat(everyMessage(refused)).doesNotContain("s3cret-pw");
  }

  @Test
  void anUnreachableServerFailsTheStartWithThePasswordMasked() {
    String url = "postgresql://postgres:s3cret-pw@127.0.0.1:1/switchboard";
    Throwable refused =
        failure(PgEngine.connect(PgTestSupport.VERTX, PgEngineOptions.DEFAULTS.withUrl(url)));
    assertThat(refused)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("postgresql://postgres:***@127.0.0.1:1/switchboard")
        .hasMessageContaining("refused");
    assertThat(everyMessage(refused)).doesNotContain("s3cret-pw");
  }

  private static PgEngineOptions options(String db) {
    return PgTestSupport.options(db);
  }

  /** Version, description and success of every applied migration, in order. */
  private static List<List<String>> history(String db) {
    return query(
        db,
        "select version, description, success from flyway_schema_history order by installed_rank");
  }

  /** The messages of a throwable and its causes, and its stack trace's text. */
  private static String everyMessage(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
