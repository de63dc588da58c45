package io.switchboard.engine.postgres;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.DocumentPage;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.OutboxEntry;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link Store} on PostgreSQL (SPEC "Engines", store; issue 8 point 0), on the reactive
 * client's pool; schema in {@code db/switchboard/V1__store.sql}. A transaction buffers its writes
 * ({@link PgTransaction}) and {@link PgCommit} applies them at the end on one pooled connection;
 * the work's reads are plain {@code SELECT}s on any pooled connection.
 *
 * <p>Global order: an event's {@link Position} is {@code (position_tx, seq)}, the writing
 * transaction's {@code xid8} as a number and the event's row sequence. {@link #readAll} returns
 * only events of transactions below the current snapshot's {@code xmin}: every transaction below it
 * has ended, and every event not yet visible belongs to a transaction at or above it, so it sorts
 * after everything returned and a reader that goes on from its last position never skips it
 * (research/workflow-cqrs-tunnel.md B1). The price: an event shows in {@code readAll} only once
 * every older writing transaction on the server (in any database) has ended.
 *
 * <p>Thread-safe; futures complete on the pool's event loops.
 */
public final class PgStore implements Store {
  /**
   * The {@code LISTEN/NOTIFY} channel a commit with outbox rows notifies (after it committed,
   * {@link PgNotify}).
   */
  public static final String CHANNEL = "switchboard_outbox";

  private static final String EVENT_COLUMNS =
      "stream, version, position_tx::text as tx, seq, id, type, data, command_id, user_id,"
          + " correlation_id, causation_id, time";
  private static final String READ_STREAM =
      "select "
          + EVENT_COLUMNS
          + " from events where stream = $1 and version > $2 order by version limit $3";
  private static final String READ_ALL =
      "select "
          + EVENT_COLUMNS
          + " from events where (position_tx, seq) > ($1::text::xid8, $2)"
          + " and position_tx < pg_snapshot_xmin(pg_current_snapshot())"
          + " order by position_tx, seq limit $3";
  private static final String GET =
      "select json, revision from documents where collection = $1 and key = $2";
  private static final String LIST_FIRST =
      "select key, json, revision from documents where collection = $1 order by key limit $2";
  private static final String LIST_AFTER =
      "select key, json, revision from documents where collection = $1 and key > $2"
          + " order by key limit $3";
  private static final String PENDING =
      "select id, exchange, routing_key, headers, body, message_id from outbox order by id"
          + " limit $1";
  private static final String PUBLISHED = "delete from outbox where id = any($1)";

  private final Pool pool;
  private final PgNotify notify;
  private volatile Runnable wakeUp = () -> {};

  /**
   * @param pool the engine's pool, on a migrated database
   */
  PgStore(Pool pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.notify = new PgNotify(pool);
  }

  @Override
  public <T> Future<T> transaction(Function<StoreTransaction, Future<T>> work) {
    PgTransaction tx = new PgTransaction(this);
    Future<T> done;
    try {
      done = Objects.requireNonNull(work.apply(tx), "work returned null");
    } catch (RuntimeException e) {
      tx.close();
      return Future.failedFuture(e);
    }
    return done.transform(
        ar -> {
          tx.close();
          if (ar.failed()) {
            return Future.failedFuture(ar.cause());
          }
          T result = ar.result();
          if (tx.isEmpty()) {
            return Future.succeededFuture(result);
          }
          return PgCommit.run(pool, tx)
              .map(
                  v -> {
                    if (!tx.outbox().isEmpty()) {
                      notify.send();
                    }
                    return result;
                  });
        });
  }

  @Override
  public Future<List<RecordedEvent>> readStream(String stream, long afterVersion, int limit) {
    return pool.preparedQuery(READ_STREAM)
        .execute(Tuple.of(stream, Math.max(0, afterVersion), Math.max(1, limit)))
        .map(PgStore::events);
  }

  @Override
  public Future<EventPage> readAll(Position after, int limit) {
    Objects.requireNonNull(after, "after");
    return pool.preparedQuery(READ_ALL)
        .execute(Tuple.of(String.valueOf(after.transaction()), after.index(), Math.max(1, limit)))
        .map(
            rows -> {
              List<RecordedEvent> page = events(rows);
              return new EventPage(
                  page, page.isEmpty() ? after : page.get(page.size() - 1).position());
            });
  }

  private static List<RecordedEvent> events(RowSet<Row> rows) {
    List<RecordedEvent> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(
          new RecordedEvent(
              r.getString("stream"),
              r.getLong("version"),
              new Position(Long.parseLong(r.getString("tx")), r.getLong("seq")),
              r.getString("id"),
              r.getString("type"),
              r.getString("data"),
              new EventMetadata(
                  r.getString("command_id"),
                  r.getString("user_id"),
                  r.getString("correlation_id"),
                  r.getString("causation_id")),
              r.getOffsetDateTime("time").toInstant().toEpochMilli()));
    }
    return out;
  }

  @Override
  public Future<Document> get(String collection, String key) {
    return pool.preparedQuery(GET)
        .execute(Tuple.of(collection, key))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row r = rows.iterator().next();
              return new Document(collection, key, r.getString("json"), r.getLong("revision"));
            });
  }

  @Override
  public Future<DocumentPage> list(String collection, String afterKey, int limit) {
    int n = Math.max(1, limit);
    Future<RowSet<Row>> rows =
        afterKey == null
            ? pool.preparedQuery(LIST_FIRST).execute(Tuple.of(collection, n + 1))
            : pool.preparedQuery(LIST_AFTER).execute(Tuple.of(collection, afterKey, n + 1));
    return rows.map(
        set -> {
          List<Document> page = new ArrayList<>();
          for (Row r : set) {
            if (page.size() == n) {
              return new DocumentPage(page, page.get(n - 1).key());
            }
            page.add(
                new Document(
                    collection, r.getString("key"), r.getString("json"), r.getLong("revision")));
          }
          return new DocumentPage(page, null);
        });
  }

  @Override
  public Future<List<OutboxEntry>> pendingOutbox(int limit) {
    return pool.preparedQuery(PENDING)
        .execute(Tuple.of(Math.max(1, limit)))
        .map(
            rows -> {
              List<OutboxEntry> out = new ArrayList<>(rows.size());
              for (Row r : rows) {
                Map<String, String> headers = new HashMap<>();
                JsonObject json = r.getJsonObject("headers");
                json.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
                out.add(
                    new OutboxEntry(
                        r.getLong("id"),
                        new BrokerMessage(
                            r.getString("exchange"),
                            r.getString("routing_key"),
                            headers,
                            r.getBuffer("body").getBytes(),
                            r.getString("message_id"))));
              }
              return out;
            });
  }

  @Override
  public Future<Void> markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(PUBLISHED).execute(Tuple.of(ids.toArray(new Long[0]))).mapEmpty();
  }

  /**
   * {@inheritDoc} Called on the LISTEN connection's event loop for every notification on {@link
   * #CHANNEL}, and once each time that connection (re)subscribes, since notifications sent while it
   * was down are lost.
   */
  @Override
  public void onOutbox(Runnable wakeUp) {
    this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp");
  }

  /** Runs the outbox listener (from the engine's LISTEN connection). */
  void wakeUp() {
    wakeUp.run();
  }
}
