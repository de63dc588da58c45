package io.switchboard.engine.postgres;

import io.switchboard.core.store.Store;
import io.switchboard.tck.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs {@link StoreContract} against the local PostgreSQL (issue 8 point 0 and 8: the store
 * contract suite runs against both engines), in a database of its own. Each test connects a new
 * engine, which runs the migrations again (a no-op after the first).
 */
class PgContractsIT extends StoreContract {
  private static String database;

  @BeforeAll
  static void createDatabase() {
    database = PgTestSupport.createDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    PgTestSupport.dropDatabase(database);
  }

  @Override
  protected Store newStore() {
    PgEngine engine = PgTestSupport.connect(PgTestSupport.options(database));
    closeAfterTest(engine::close);
    return engine.store();
  }

  /** Twice the pool: writers wait for connections and for each other's stream locks. */
  @Override
  protected int concurrency() {
    return 16;
  }
}
