package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.store.AppendConflictException;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.DocumentPage;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.OutboxEntry;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Store} (see its Javadoc): atomic transactions, streams with optimistic
 * concurrency, a global order that keeps stream order and never skips an event a reader that goes
 * on from its last position would miss, documents with revisions, and the outbox.
 */
public abstract class StoreContract extends PortContract {
  /**
   * A fresh, empty, ready store for one test; register what closes it with {@link #closeAfterTest}.
   */
  protected abstract Store newStore();

  /** Concurrent transactions the global-order test runs at once (an engine with a pool: more). */
  protected int concurrency() {
    return 8;
  }

  private Store store;
  private String stream;

  @BeforeEach
  void open() {
    store = newStore();
    stream = unique("board-");
  }

  @Test
  void appendedEventsReadBackInOrderWithTheirMetadata() {
    EventMetadata meta = new EventMetadata("cmd-1", "alice", "corr-1", "cmd-1");
    NewEvent a = event("card.added", "{\"card\":1}", meta);
    NewEvent b = event("card.moved", "{\"card\":1,\"to\":\"done\"}", meta);
    long version =
        await(store.transaction(tx -> Future.succeededFuture(tx.append(stream, 0, List.of(a, b)))));
    assertThat(version).isEqualTo(2);
    List<RecordedEvent> read = await(store.readStream(stream, 0, 100));
    assertThat(read).extracting(RecordedEvent::version).containsExactly(1L, 2L);
    assertThat(read).extracting(RecordedEvent::id).containsExactly(a.id(), b.id());
    assertThat(read.get(1).type()).isEqualTo("card.moved");
    assertThat(read.get(1).data()).isEqualTo("{\"card\":1,\"to\":\"done\"}");
    assertThat(read.get(0).metadata()).isEqualTo(meta);
    assertThat(read.get(0).stream()).isEqualTo(stream);
    assertThat(read.get(0).time()).isPositive();
    assertThat(read.get(0).position()).isLessThan(read.get(1).position());
    assertThat(await(store.readStream(stream, 1, 100)))
        .extracting(RecordedEvent::version)
        .containsExactly(2L);
    assertThat(await(store.readStream(stream, 0, 1))).hasSize(1);
    assertThat(await(store.readStream(unique("none-"), 0, 10))).isEmpty();
  }

  @Test
  void ofTwoTransactionsExpectingTheSameVersionOneConflictsAndWritesNothing() {
    append(stream, 0, "first");
    Future<Void> winner =
        store.transaction(
            tx -> {
              tx.append(stream, 1, List.of(event("second", "{}", EventMetadata.NONE)));
              return Future.succeededFuture();
            });
    await(winner);
    Future<Void> loser =
        store.transaction(
            tx -> {
              tx.append(stream, 1, List.of(event("late", "{}", EventMetadata.NONE)));
              tx.put("boards", stream, "{\"late\":true}");
              tx.outbox(message("late"), stream);
              return Future.succeededFuture();
            });
    Throwable failure = failure(loser);
    assertThat(failure).isInstanceOf(AppendConflictException.class);
    AppendConflictException conflict = (AppendConflictException) failure;
    assertThat(conflict.stream()).isEqualTo(stream);
    assertThat(conflict.expected()).isEqualTo(1);
    assertThat(conflict.actual()).isEqualTo(2);
    assertThat(await(store.readStream(stream, 0, 10)))
        .extracting(RecordedEvent::type)
        .containsExactly("first", "second");
    assertThat(await(store.get("boards", stream))).isNull();
    assertThat(pendingBodies()).doesNotContain("late");
  }

  @Test
  void anAppendToAStreamThatIsNotAtTheExpectedVersionConflicts() {
    assertThat(
            failure(
                store.transaction(
                    tx -> {
                      tx.append(stream, 3, List.of(event("e", "{}", EventMetadata.NONE)));
                      return Future.succeededFuture();
                    })))
        .isInstanceOf(AppendConflictException.class);
    assertThat(await(store.readStream(stream, 0, 10))).isEmpty();
  }

  @Test
  void anEventIdThatIsStoredAlreadyConflicts() {
    NewEvent once = event("e", "{}", EventMetadata.NONE);
    await(store.transaction(tx -> Future.succeededFuture(tx.append(stream, 0, List.of(once)))));
    assertThat(
            failure(
                store.transaction(
                    tx -> Future.succeededFuture(tx.append(unique("other-"), 0, List.of(once))))))
        .isInstanceOf(AppendConflictException.class);
  }

  @Test
  void aFailedWorkRollsEverythingBack() {
    RuntimeException boom = new IllegalStateException("boom");
    Throwable failure =
        failure(
            store.transaction(
                tx -> {
                  tx.append(stream, 0, List.of(event("e", "{}", EventMetadata.NONE)));
                  tx.put("boards", stream, "{}");
                  tx.outbox(message("rolled-back"), stream);
                  return Future.failedFuture(boom);
                }));
    assertThat(failure).isSameAs(boom);
    assertThat(await(store.readStream(stream, 0, 10))).isEmpty();
    assertThat(await(store.get("boards", stream))).isNull();
    assertThat(pendingBodies()).doesNotContain("rolled-back");
  }

  @Test
  void appendsInOneTransactionContinueEachOtherAndSpanStreams() {
    String other = unique("board-");
    await(
        store.transaction(
            tx -> {
              tx.append(stream, 0, List.of(event("a", "{}", EventMetadata.NONE)));
              tx.append(stream, 1, List.of(event("b", "{}", EventMetadata.NONE)));
              tx.append(other, 0, List.of(event("c", "{}", EventMetadata.NONE)));
              return Future.succeededFuture();
            }));
    assertThat(await(store.readStream(stream, 0, 10)))
        .extracting(RecordedEvent::type)
        .containsExactly("a", "b");
    assertThat(await(store.readStream(other, 0, 10)))
        .extracting(RecordedEvent::type)
        .containsExactly("c");
  }

  @Test
  void theGlobalOrderKeepsStreamOrderAndATailingReaderMissesNothing() {
    int streams = 6;
    int perStream = 25;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      names.add(unique("s" + i + "-"));
    }
    Position start = await(store.readAll(Position.START, Integer.MAX_VALUE / 2)).next();
    Map<String, AtomicInteger> versions = new HashMap<>();
    names.forEach(n -> versions.put(n, new AtomicInteger()));
    List<RecordedEvent> tailed = new ArrayList<>();
    Position[] checkpoint = {start};
    AtomicInteger writes = new AtomicInteger();
    List<Future<Void>> writers = new ArrayList<>();
    for (int w = 0; w < concurrency(); w++) {
      writers.add(writer(names, versions, perStream * streams, writes));
    }
    // a reader tails while the writers commit, each time from where it got to
    while (!Future.all(writers).isComplete()) {
      EventPage page = await(store.readAll(checkpoint[0], 50));
      tailed.addAll(page.events());
      checkpoint[0] = page.next();
    }
    await(Future.all(writers));
    // every event is committed now, but may show in readAll a little later (the port allows it:
    // PostgreSQL holds it back while an older transaction anywhere on the server is open)
    Awaitility.await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              EventPage page;
              do {
                page = await(store.readAll(checkpoint[0], 50));
                tailed.addAll(page.events());
                checkpoint[0] = page.next();
              } while (!page.events().isEmpty());
              assertThat(tailed.stream().filter(e -> names.contains(e.stream())).count())
                  .as("events of this test's streams the tailing reader got")
                  .isEqualTo(streams * perStream);
            });
    List<RecordedEvent> mine = tailed.stream().filter(e -> names.contains(e.stream())).toList();
    assertThat(mine).hasSize(streams * perStream);
    assertThat(mine.stream().map(RecordedEvent::id).distinct().count())
        .isEqualTo(streams * perStream);
    for (String n : names) {
      List<Long> seen =
          mine.stream().filter(e -> e.stream().equals(n)).map(RecordedEvent::version).toList();
      List<Long> expected =
          java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList();
      assertThat(seen)
          .as("stream %s complete and in order in the global feed", n)
          .isEqualTo(expected);
    }
    for (int i = 1; i < tailed.size(); i++) {
      assertThat(tailed.get(i).position()).isGreaterThan(tailed.get(i - 1).position());
    }
  }

  /**
   * Appends to random streams until {@code total} events are written, retrying conflicts. {@code
   * writes} counts the appends written or under way, never more than {@code total}: a writer claims
   * one before appending and gives it back on a conflict (then claims again), so concurrent writers
   * end with exactly {@code total} appends.
   */
  private Future<Void> writer(
      List<String> names, Map<String, AtomicInteger> versions, int total, AtomicInteger writes) {
    int claimed;
    do {
      claimed = writes.get();
      if (claimed >= total) {
        return Future.succeededFuture();
      }
    } while (!writes.compareAndSet(claimed, claimed + 1));
    String s = names.get(Math.floorMod(UUID.randomUUID().hashCode(), names.size()));
    return store
        .readStream(s, 0, Integer.MAX_VALUE / 2)
        .compose(
            read ->
                store.<Void>transaction(
                    tx -> {
                      tx.append(
                          s,
                          read.size(),
                          List.of(
                              event("n", "{\"n\":" + (read.size() + 1) + "}", EventMetadata.NONE)));
                      tx.outbox(message(s + ":" + (read.size() + 1)), s);
                      return Future.succeededFuture();
                    }))
        .recover(
            e -> {
              if (e instanceof AppendConflictException) {
                writes.decrementAndGet(); // this one is written again
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            })
        .compose(v -> writer(names, versions, total, writes));
  }

  @Test
  void documentsArePutReadListedAndDeletedWithRevisions() {
    String c = unique("c");
    await(
        store.transaction(
            tx -> {
              for (int i = 1; i <= 5; i++) {
                tx.put(c, "k" + i, "{\"n\":" + i + "}");
              }
              return Future.succeededFuture();
            }));
    Document k1 = await(store.get(c, "k1"));
    assertThat(k1.json()).isEqualTo("{\"n\":1}");
    assertThat(k1.revision()).isEqualTo(1);
    await(
        store.transaction(
            tx -> {
              tx.put(c, "k1", "{\"n\":10}");
              tx.delete(c, "k2");
              return Future.succeededFuture();
            }));
    assertThat(await(store.get(c, "k1")).revision()).isEqualTo(2);
    assertThat(await(store.get(c, "k1")).json()).isEqualTo("{\"n\":10}");
    assertThat(await(store.get(c, "k2"))).isNull();
    DocumentPage first = await(store.list(c, null, 2));
    assertThat(first.documents()).extracting(Document::key).containsExactly("k1", "k3");
    assertThat(first.next()).isEqualTo("k3");
    DocumentPage second = await(store.list(c, first.next(), 2));
    assertThat(second.documents()).extracting(Document::key).containsExactly("k4", "k5");
    assertThat(second.next()).isNull();
    assertThat(await(store.list(unique("none"), null, 5)).documents()).isEmpty();
  }

  @Test
  void aTransactionReadsItsOwnWrites() {
    String c = unique("c");
    String seen =
        await(
            store.transaction(
                tx -> {
                  tx.put(c, "k", "{\"v\":1}");
                  return tx.get(c, "k")
                      .compose(
                          d -> {
                            tx.delete(c, "k");
                            return tx.get(c, "k").map(gone -> d.json() + "|" + gone);
                          });
                }));
    assertThat(seen).isEqualTo("{\"v\":1}|null");
    assertThat(await(store.get(c, "k"))).isNull();
  }

  @Test
  void aConditionalPutConflictsWhenTheRevisionMovedAndWritesNothing() {
    String c = unique("c");
    await(
        store.transaction(
            tx -> {
              tx.put(c, "k", "{}", 0); // created: it was absent
              return Future.succeededFuture();
            }));
    Throwable again =
        failure(
            store.transaction(
                tx -> {
                  tx.put(c, "k", "{\"again\":1}", 0);
                  tx.append(stream, 0, List.of(event("e", "{}", EventMetadata.NONE)));
                  return Future.succeededFuture();
                }));
    assertThat(again).isInstanceOf(DocumentConflictException.class);
    assertThat(((DocumentConflictException) again).key()).isEqualTo("k");
    assertThat(await(store.readStream(stream, 0, 10))).isEmpty();
    await(
        store.transaction(
            tx -> {
              tx.put(c, "k", "{\"v\":2}", 1);
              return Future.succeededFuture();
            }));
    assertThat(await(store.get(c, "k")).json()).isEqualTo("{\"v\":2}");
    assertThat(
            failure(
                store.transaction(
                    tx -> {
                      tx.put(c, "k", "{\"v\":3}", 1);
                      return Future.succeededFuture();
                    })))
        .isInstanceOf(DocumentConflictException.class);
  }

  @Test
  void committedOutboxMessagesArePendingInOrderUntilPublished() {
    List<Long> before = await(store.pendingOutbox(10_000)).stream().map(OutboxEntry::id).toList();
    await(store.markPublished(before));
    BrokerMessage first =
        new BrokerMessage(
            "sb.events",
            "board.card.added",
            Map.of("stream", stream),
            "one".getBytes(StandardCharsets.UTF_8),
            "id-1");
    await(
        store.transaction(
            tx -> {
              tx.outbox(first, stream);
              tx.outbox(message("two"), stream);
              return Future.succeededFuture();
            }));
    await(
        store.transaction(
            tx -> {
              tx.outbox(message("three"), stream);
              return Future.succeededFuture();
            }));
    List<OutboxEntry> pending = await(store.pendingOutbox(100));
    assertThat(pending)
        .extracting(e -> new String(e.message().body(), StandardCharsets.UTF_8))
        .containsExactly("one", "two", "three");
    BrokerMessage stored = pending.get(0).message();
    assertThat(stored.exchange()).isEqualTo("sb.events");
    assertThat(stored.routingKey()).isEqualTo("board.card.added");
    assertThat(stored.headers()).isEqualTo(Map.of("stream", stream));
    assertThat(stored.messageId()).isEqualTo("id-1");
    assertThat(await(store.pendingOutbox(2))).hasSize(2);
    await(store.markPublished(List.of(pending.get(0).id(), pending.get(1).id())));
    assertThat(pendingBodies()).containsExactly("three");
    await(store.markPublished(List.of(pending.get(0).id(), pending.get(2).id())));
    assertThat(await(store.pendingOutbox(10))).isEmpty();
  }

  @Test
  void aCommitThatWritesTheOutboxWakesTheListener() {
    AtomicInteger woken = new AtomicInteger();
    store.onOutbox(woken::incrementAndGet);
    await(
        store.transaction(
            tx -> {
              tx.put(unique("c"), "k", "{}");
              return Future.succeededFuture();
            }));
    await(
        store.transaction(
            tx -> {
              tx.outbox(message("wake"), stream);
              return Future.succeededFuture();
            }));
    Awaitility.await().atMost(PATIENCE).until(() -> woken.get() >= 1);
  }

  @Test
  void badNamesAreRefused() {
    assertThatThrownBy(
            () ->
                await(
                    store.transaction(
                        tx ->
                            Future.succeededFuture(
                                tx.append(
                                    "has space",
                                    0,
                                    List.of(event("e", "{}", EventMetadata.NONE)))))))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                await(
                    store.transaction(
                        tx -> {
                          tx.put("bad/collection", "k", "{}");
                          return Future.succeededFuture();
                        })))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
  }

  private void append(String s, long expected, String type) {
    await(
        store.transaction(
            tx ->
                Future.succeededFuture(
                    tx.append(s, expected, List.of(event(type, "{}", EventMetadata.NONE))))));
  }

  private List<String> pendingBodies() {
    return await(store.pendingOutbox(10_000)).stream()
        .map(e -> new String(e.message().body(), StandardCharsets.UTF_8))
        .toList();
  }

  private static NewEvent event(String type, String data, EventMetadata meta) {
    return new NewEvent(UUID.randomUUID().toString(), type, data, meta);
  }

  private static BrokerMessage message(String body) {
    return new BrokerMessage(
        "sb.events",
        "test",
        Map.of(),
        body.getBytes(StandardCharsets.UTF_8),
        UUID.randomUUID().toString());
  }

  private static Throwable failure(Future<?> f) {
    try {
      await(f);
    } catch (AssertionError e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got success");
  }
}
