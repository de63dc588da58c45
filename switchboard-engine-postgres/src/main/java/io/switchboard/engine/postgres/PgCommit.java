package io.switchboard.engine.postgres;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.AppendConflictException;
import io.switchboard.core.store.BufferedTransaction.Append;
import io.switchboard.core.store.BufferedTransaction.OutboxWrite;
import io.switchboard.core.store.NewEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a {@link PgTransaction}'s buffered writes in one database transaction on one pooled
 * connection (issue 8 point 0), in this order, sent in two pipelined groups (1-2, then 3-5):
 *
 * <ol>
 *   <li>{@code pg_advisory_xact_lock} on every appended stream and every outbox ordering key, in
 *       ascending lock-key order (no deadlock between commits), <b>before any write</b>: a
 *       transaction gets its id ({@code xid8}, the events' {@code position_tx}) at its first write,
 *       so a stream's later versions always belong to later ids and {@code (position_tx, seq)}
 *       keeps each stream's order; one ordering key's outbox rows get ascending ids in commit
 *       order;
 *   <li>each stream's version, read with a plain {@code SELECT} and checked against the expected
 *       one ({@link AppendConflictException});
 *   <li>the events (a stored id: {@link AppendConflictException} with actual -1);
 *   <li>the documents, sorted by collection and key ({@link PgDocuments}: a conditional put whose
 *       revision moved fails with a {@link io.switchboard.core.store.DocumentConflictException});
 *   <li>the outbox rows ({@link PgNotify} announces them after the commit).
 * </ol>
 *
 * Any failure rolls the whole transaction back.
 */
final class PgCommit {
  /** Lock key of a stream or ordering key, as SQL computes it: see {@link #lockKey}. */
  static final String LOCK_KEY_SQL = "('x' || left(md5(%s), 16))::bit(64)::bigint";

  private static final String LOCK =
      "select pg_advisory_xact_lock(k) from unnest($1::bigint[]) as t(k)";

  /** Each stream's last version, one backward index probe per stream (null for a new stream). */
  private static final String VERSIONS =
      "select s.stream, (select e.version from events e where e.stream = s.stream"
          + " order by e.version desc limit 1) as version from unnest($1::text[]) as s(stream)";

  private static final String INSERT_EVENT =
      "insert into events (stream, version, id, type, data, command_id, user_id, correlation_id,"
          + " causation_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  private static final String INSERT_OUTBOX =
      "insert into outbox (ordering_key, exchange, routing_key, headers, body, message_id)"
          + " values ($1, $2, $3, $4, $5, $6)";

  private PgCommit() {}

  /**
   * Commits {@code tx} (which must not be empty).
   *
   * @return completes when committed; fails with a {@link
   *     io.switchboard.core.store.StoreConflictException} or the database's error, nothing written
   */
  static Future<Void> run(Pool pool, PgTransaction tx) {
    // two round trips besides BEGIN and COMMIT: the locks with the version read (the server runs
    // the read once it holds the locks), then, the versions being right, every write at once; the
    // connection pipelines each group and PostgreSQL runs it in the order sent
    return pool.withTransaction(
        conn ->
            Future.all(lock(conn, tx), checkVersions(conn, tx))
                .compose(
                    v ->
                        Future.all(
                            insertEvents(conn, tx),
                            PgDocuments.write(conn, tx.documents()),
                            insertOutbox(conn, tx)))
                .mapEmpty());
  }

  /**
   * The advisory lock key of a stream or ordering key: the first 64 bits of the MD5 of its UTF-8
   * bytes, signed; equal to {@link #LOCK_KEY_SQL} in SQL, so a writer in SQL can take the same
   * lock.
   */
  static long lockKey(String name) {
    try {
      byte[] d = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) {
        k = (k << 8) | (d[i] & 0xff);
      }
      return k;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java runtime", e);
    }
  }

  private static Future<Void> lock(SqlConnection conn, PgTransaction tx) {
    TreeSet<Long> keys = new TreeSet<>();
    tx.appends().keySet().forEach(s -> keys.add(lockKey(s)));
    tx.outbox().forEach(o -> keys.add(lockKey(o.orderingKey())));
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(LOCK).execute(Tuple.of(keys.toArray(new Long[0]))).mapEmpty();
  }

  private static Future<Void> checkVersions(SqlConnection conn, PgTransaction tx) {
    if (tx.appends().isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(VERSIONS)
        .execute(Tuple.of(tx.appends().keySet().toArray(new String[0])))
        .compose(
            rows -> {
              Map<String, Long> actual = new HashMap<>();
              for (Row r : rows) {
                Long version = r.getLong("version");
                actual.put(r.getString("stream"), version == null ? 0L : version);
              }
              for (Map.Entry<String, Append> e : tx.appends().entrySet()) {
                long version = actual.getOrDefault(e.getKey(), 0L);
                if (version != e.getValue().expected()) {
                  return Future.failedFuture(
                      new AppendConflictException(e.getKey(), e.getValue().expected(), version));
                }
              }
              return Future.succeededFuture();
            });
  }

  private static Future<Void> insertEvents(SqlConnection conn, PgTransaction tx) {
    if (tx.appends().isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    Map<String, String> streamOfId = new HashMap<>();
    tx.appends()
        .forEach(
            (stream, a) -> {
              long version = a.expected();
              for (NewEvent e : a.events()) {
                streamOfId.putIfAbsent(e.id(), stream);
                rows.add(
                    Tuple.of(stream, ++version, e.id(), e.type(), e.data())
                        .addString(e.metadata().commandId())
                        .addString(e.metadata().user())
                        .addString(e.metadata().correlationId())
                        .addString(e.metadata().causationId()));
              }
            });
    return conn.preparedQuery(INSERT_EVENT)
        .executeBatch(rows)
        .<Void>mapEmpty()
        .recover(
            err -> {
              if (err instanceof PgException pg
                  && "23505".equals(pg.getSqlState())
                  && "events_id".equals(pg.getConstraint())) {
                String stream = streamOf(pg.getDetail(), streamOfId, tx);
                return Future.failedFuture(
                    new AppendConflictException(stream, tx.appends().get(stream).expected(), -1));
              }
              return Future.failedFuture(err);
            });
  }

  /** The stream of the duplicate id named in {@code Key (id)=(<id>) already exists.}. */
  private static String streamOf(String detail, Map<String, String> streamOfId, PgTransaction tx) {
    if (detail != null) {
      int from = detail.indexOf(")=(");
      int to = detail.lastIndexOf(") already exists");
      if (from >= 0 && to > from) {
        String stream = streamOfId.get(detail.substring(from + 3, to));
        if (stream != null) {
          return stream;
        }
      }
    }
    return tx.appends().keySet().iterator().next();
  }

  private static Future<Void> insertOutbox(SqlConnection conn, PgTransaction tx) {
    if (tx.outbox().isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>();
    for (OutboxWrite o : tx.outbox()) {
      BrokerMessage m = o.message();
      rows.add(
          Tuple.of(
              o.orderingKey(),
              m.exchange(),
              m.routingKey(),
              new JsonObject(new HashMap<>(m.headers())),
              Buffer.buffer(m.body()),
              m.messageId()));
    }
    return conn.preparedQuery(INSERT_OUTBOX).executeBatch(rows).mapEmpty();
  }
}
