package io.switchboard.engine.postgres;

import io.switchboard.core.store.BufferedTransaction.DocumentWrite;
import io.switchboard.core.store.DocumentConflictException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The document step of a {@link PgCommit} (issue 8 point 0): each buffered write becomes one
 * statement on the commit's connection. Unconditional puts upsert ({@code revision + 1}), deletes
 * delete; a conditional put expecting revision 0 inserts {@code on conflict do nothing}, one
 * expecting {@code r} updates {@code where revision = r}, and when no row changed the actual
 * revision is read for the {@link DocumentConflictException}. Under READ COMMITTED a concurrent
 * writer of the same row is waited for and its result re-checked, so a moved revision is always
 * seen. Callers pass the writes sorted by (collection, key), so two commits lock rows in one order.
 */
final class PgDocuments {
  private static final String UPSERT =
      "insert into documents (collection, key, json, revision) values ($1, $2, $3, 1)"
          + " on conflict (collection, key) do update set json = excluded.json,"
          + " revision = documents.revision + 1, updated_at = now()";
  private static final String CREATE =
      "insert into documents (collection, key, json, revision) values ($1, $2, $3, 1)"
          + " on conflict (collection, key) do nothing";
  private static final String REPLACE =
      "update documents set json = $3, revision = revision + 1, updated_at = now()"
          + " where collection = $1 and key = $2 and revision = $4";
  private static final String DELETE = "delete from documents where collection = $1 and key = $2";
  private static final String DELETE_AT = DELETE + " and revision = $3";
  private static final String REVISION =
      "select revision from documents where collection = $1 and key = $2";

  private PgDocuments() {}

  /**
   * Sends every write at once, in the given order: the connection pipelines them and PostgreSQL
   * runs them in that order (rows locked in (collection, key) order still), without a round trip
   * per document.
   *
   * @return fails with a {@link DocumentConflictException} or the database's error
   */
  static Future<Void> write(SqlConnection conn, Collection<DocumentWrite> writes) {
    List<Future<Void>> all = new ArrayList<>(writes.size());
    for (DocumentWrite w : writes) {
      all.add(writeOne(conn, w));
    }
    return Future.all(all).mapEmpty();
  }

  private static Future<Void> writeOne(SqlConnection conn, DocumentWrite w) {
    String c = w.collection();
    String k = w.key();
    if (w.expected() == null) {
      return w.json() == null
          ? conn.preparedQuery(DELETE).execute(Tuple.of(c, k)).mapEmpty()
          : conn.preparedQuery(UPSERT).execute(Tuple.of(c, k, w.json())).mapEmpty();
    }
    long expected = w.expected();
    if (expected == 0) {
      if (w.json() == null) { // put expecting absence, then deleted: it must still be absent
        return conflictUnless(conn, w, 0);
      }
      return conn.preparedQuery(CREATE)
          .execute(Tuple.of(c, k, w.json()))
          .compose(r -> r.rowCount() == 1 ? Future.succeededFuture() : conflict(conn, w));
    }
    Future<Integer> changed =
        w.json() == null
            ? conn.preparedQuery(DELETE_AT).execute(Tuple.of(c, k, expected)).map(r -> r.rowCount())
            : conn.preparedQuery(REPLACE)
                .execute(Tuple.of(c, k, w.json(), expected))
                .map(r -> r.rowCount());
    return changed.compose(n -> n == 1 ? Future.succeededFuture() : conflict(conn, w));
  }

  private static Future<Long> revision(SqlConnection conn, DocumentWrite w) {
    return conn.preparedQuery(REVISION)
        .execute(Tuple.of(w.collection(), w.key()))
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  private static Future<Void> conflictUnless(SqlConnection conn, DocumentWrite w, long wanted) {
    return revision(conn, w)
        .compose(
            actual ->
                actual == wanted
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        new DocumentConflictException(w.collection(), w.key(), wanted, actual)));
  }

  private static Future<Void> conflict(SqlConnection conn, DocumentWrite w) {
    return revision(conn, w)
        .compose(
            actual ->
                Future.failedFuture(
                    new DocumentConflictException(w.collection(), w.key(), w.expected(), actual)));
  }
}
