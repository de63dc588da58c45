package io.switchboard.engine.postgres;

import io.switchboard.core.store.BufferedTransaction;
import io.switchboard.core.store.Document;
import io.vertx.core.Future;

/**
 * A {@link PgStore} transaction (issue 8): the buffered writes of {@link BufferedTransaction};
 * nothing touches the database until {@link PgCommit} applies them, on one pooled connection, after
 * the work's future succeeded. A read past the buffer reads the committed document from the pool.
 */
final class PgTransaction extends BufferedTransaction {
  private final PgStore store;

  PgTransaction(PgStore store) {
    this.store = store;
  }

  @Override
  protected Future<Document> committed(String collection, String key) {
    return store.get(collection, key);
  }
}
