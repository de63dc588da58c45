package io.switchboard.engine.postgres;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The store's schema in versioned migrations ({@code
 * src/main/resources/db/switchboard/V<n>__*.sql}; issue 8 point 0), applied with Flyway over JDBC.
 * Blocking: call it on a worker thread, never an event loop ({@link PgEngine#connect} does). Flyway
 * takes a PostgreSQL advisory lock while it migrates, so nodes starting together apply each
 * migration once.
 *
 * <p>A node refuses a schema newer than it knows: a database whose {@code flyway_schema_history}
 * holds a version that this node's migrations do not reach (a newer node migrated it) fails with an
 * {@link IllegalStateException} naming both versions, before anything is changed.
 */
final class PgMigrations {
  /** Where the migrations are on the class path. */
  static final String LOCATION = "classpath:db/switchboard";

  private PgMigrations() {}

  /**
   * Checks the schema's version and applies the pending migrations.
   *
   * @param url the database
   * @param connectTimeout JDBC connect timeout (whole seconds, at least 1)
   * @return the schema version after migrating, e.g. {@code 1}
   * @throws IllegalStateException when the schema is newer than this node's migrations, or an
   *     applied migration does not match its script (Flyway's validation)
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a
   *     migration fails (the password is not in the message: it is passed apart from the URL)
   */
  static String migrate(PgUrl url, Duration connectTimeout) {
    Flyway flyway =
        Flyway.configure(PgMigrations.class.getClassLoader())
            .dataSource(url.jdbcUrl(connectTimeout), url.user(), url.password())
            .locations(LOCATION)
            .ignoreMigrationPatterns(
                new String[0]) // an applied migration unknown here fails validation
            .validateOnMigrate(true)
            .cleanDisabled(true)
            .connectRetries(0)
            .load();
    refuseNewerSchema(flyway.info());
    MigrateResult result = flyway.migrate();
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : String.valueOf(result.initialSchemaVersion);
  }

  /**
   * @throws IllegalStateException when an applied migration is newer than every local one
   */
  static void refuseNewerSchema(MigrationInfoService info) {
    List<MigrationInfo> all = Arrays.asList(info.all());
    List<String> future =
        all.stream()
            .filter(
                i ->
                    i.getState() == MigrationState.FUTURE_SUCCESS
                        || i.getState() == MigrationState.FUTURE_FAILED)
            .map(i -> i.getVersion().getVersion())
            .toList();
    if (future.isEmpty()) {
      return;
    }
    String known =
        all.stream()
            .filter(i -> i.getState().isResolved() && i.getVersion() != null)
            .map(MigrationInfo::getVersion)
            .max(Comparator.naturalOrder())
            .map(MigrationVersion::getVersion)
            .orElse("none");
    throw new IllegalStateException(
        "the database schema is at version "
            + future.get(future.size() - 1)
            + ", newer than this node knows (its migrations go up to version "
            + known
            + "; applied but unknown here: "
            + String.join(", ", future)
            + "): run a node of that version or newer against this database");
  }
}
