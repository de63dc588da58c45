package io.switchboard.engine.postgres;

import static io.switchboard.engine.postgres.PgTestSupport.failure;
import static io.switchboard.engine.postgres.PgTestSupport.join;
import static io.switchboard.engine.postgres.PgTestSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL store adds to {@code StoreContract} (issue 8 point 0): readAll holds back
 * what an older open transaction could still precede; the outbox wake-up crosses engines and
 * survives a killed LISTEN connection; commits touching the same documents in opposite orders do
 * not deadlock; a database error writes nothing; event data is the writer's exact text; the lock
 * key is the same in Java and SQL. One database for the class, dropped at the end.
 */
class PgStoreIT {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static String database;
  private PgEngine engine;
  private Store store;

  @BeforeAll
  static void createDatabase() {
    database = PgTestSupport.createDatabase();
  }

  @AfterAll
  static void dropDatabase() {
    PgTestSupport.dropDatabase(database);
  }

  @BeforeEach
  void connect() {
    engine = PgTestSupport.connect(PgTestSupport.options(database));
    store = engine.store();
  }

  @AfterEach
  void close() {
    join(engine.close());
  }

  @Test
  void readAllHoldsBackEventsWhileAnOlderTransactionIsOpen() throws Exception {
    String stream = "s-" + UUID.randomUUID();
    Position start = join(store.readAll(Position.START, Integer.MAX_VALUE / 2)).next();
    try (Connection older = PgTestSupport.jdbc(database);
        Statement s = older.createStatement()) {
      older.setAutoCommit(false);
      s.execute("select pg_current_xact_id()"); // takes a transaction id, below the append's
      append(stream, 0, "{}");
      assertThat(join(store.readStream(stream, 0, 10))).hasSize(1); // committed
      assertThat(join(store.readAll(start, 100)).events())
          .as("an event above an open transaction's id may still be preceded: held back")
          .noneMatch(e -> e.stream().equals(stream));
      older.rollback();
    }
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () ->
                join(store.readAll(start, 100)).events().stream()
                    .anyMatch(e -> e.stream().equals(stream)));
  }

  @Test
  void theOutboxListenerIsWokenFromAnotherEngineAndAfterItsConnectionIsKilled() {
    AtomicInteger woken = new AtomicInteger();
    store.onOutbox(woken::incrementAndGet);
    PgEngine other = PgTestSupport.connect(PgTestSupport.options(database));
    try {
      outbox(other.store(), "first");
      Awaitility.await().atMost(PATIENCE).until(() -> woken.get() >= 1);
      int before = woken.get();
      assertThat(
              query(
                  "postgres",
                  "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                      + database
                      + "' and query like 'LISTEN%'"))
          .as("the LISTEN connections of both engines")
          .hasSize(2);
      // reconnected and listening again: the re-subscription wakes the listener (what was sent
      // meanwhile is lost), and the next commit does too
      Awaitility.await().atMost(PATIENCE).until(() -> woken.get() > before);
      Awaitility.await().atMost(PATIENCE).until(() -> listeners() == 2);
      int reconnected = woken.get();
      outbox(other.store(), "second");
      Awaitility.await().atMost(PATIENCE).until(() -> woken.get() > reconnected);
    } finally {
      join(other.close());
    }
  }

  @Test
  void commitsWritingTheSameDocumentsInOppositeOrdersDoNotDeadlock() {
    String c = "c" + UUID.randomUUID().toString().substring(0, 8);
    List<Future<Void>> commits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<String> keys = i % 2 == 0 ? List.of("a", "b", "c") : List.of("c", "b", "a");
      commits.add(
          store.transaction(
              tx -> {
                keys.forEach(k -> tx.put(c, k, "{}"));
                return Future.succeededFuture();
              }));
    }
    join(Future.all(commits));
    assertThat(join(store.get(c, "a")).revision()).isEqualTo(40);
    assertThat(join(store.get(c, "c")).revision()).isEqualTo(40);
  }

  @Test
  void aDatabaseErrorFailsTheCommitAndWritesNothing() {
    String stream = "s-" + UUID.randomUUID();
    String c = "c" + UUID.randomUUID().toString().substring(0, 8);
    Throwable error =
        failure(
            store.transaction(
                tx -> {
                  tx.put(c, "k", "{}");
                  tx.outbox(message("never"), stream);
                  // PostgreSQL text cannot hold a NUL character: the insert fails
                  tx.append(stream, 0, List.of(event("{\"nul\":\"\u0000\"}")));
                  return Future.succeededFuture();
                }));
    assertThat(error).isInstanceOf(io.vertx.pgclient.PgException.class);
    assertThat(join(store.readStream(stream, 0, 10))).isEmpty();
    assertThat(join(store.get(c, "k"))).isNull();
    assertThat(join(store.pendingOutbox(10_000)))
        .noneMatch(e -> e.message().routingKey().equals("never"));
  }

  @Test
  void eventDataIsTheWritersExactText() {
    String stream = "s-" + UUID.randomUUID();
    String data = "{ \"b\" : 1,\"a\":[1, 2.50], \"u\":\"\\u00e9\" }";
    append(stream, 0, data);
    RecordedEvent read = join(store.readStream(stream, 0, 10)).get(0);
    assertThat(read.data()).isEqualTo(data);
    assertThat(join(store.readAll(Position.START, Integer.MAX_VALUE / 2)).events())
        .filteredOn(e -> e.stream().equals(stream))
        .extracting(RecordedEvent::data)
        .containsExactly(data);
  }

  @Test
  void theLockKeyIsTheSameInJavaAndSql() {
    for (String name : List.of("board-1", "s0-e7f416e91c76", "x", "board:é")) {
      String sql = String.format(PgCommit.LOCK_KEY_SQL, "'" + name + "'");
      assertThat(query(database, "select " + sql))
          .containsExactly(List.of(String.valueOf(PgCommit.lockKey(name))));
    }
  }

  private void append(String stream, long expected, String data) {
    join(
        store.transaction(
            tx -> Future.succeededFuture(tx.append(stream, expected, List.of(event(data))))));
  }

  private static void outbox(Store store, String routingKey) {
    join(
        store.transaction(
            tx -> {
              tx.outbox(message(routingKey), "k");
              return Future.succeededFuture();
            }));
  }

  private static int listeners() {
    return query(
            "postgres",
            "select pid from pg_stat_activity where datname = '"
                + database
                + "' and query like 'LISTEN%'")
        .size();
  }

  private static NewEvent event(String data) {
    return new NewEvent(UUID.randomUUID().toString(), "t", data, EventMetadata.NONE);
  }

  private static BrokerMessage message(String routingKey) {
    return new BrokerMessage("sb.events", routingKey, Map.of(), new byte[] {1}, null);
  }
}
