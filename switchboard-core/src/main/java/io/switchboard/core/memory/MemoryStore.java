package io.switchboard.core.memory;

import io.switchboard.core.store.AppendConflictException;
import io.switchboard.core.store.BufferedTransaction;
import io.switchboard.core.store.BufferedTransaction.Append;
import io.switchboard.core.store.BufferedTransaction.DocumentWrite;
import io.switchboard.core.store.BufferedTransaction.OutboxWrite;
import io.switchboard.core.store.Document;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.DocumentPage;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.OutboxEntry;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * In-memory {@link Store} (SPEC "Engines": memory is the embedded default; issue 8). Every commit
 * runs under the store's lock, so transactions are serializable and the global order is the commit
 * order: {@link Position#transaction()} counts commits, {@link Position#index()} counts events.
 * Everything lives as long as the process; nothing is bounded but by what is written and not
 * deleted (outbox messages go when published). Thread-safe; every future is completed by the time
 * it is returned, except a transaction's, which completes when its work's future does.
 */
public final class MemoryStore implements Store {
  private final LongSupplier clock;
  private final Map<String, List<RecordedEvent>> streams = new HashMap<>();
  private final List<RecordedEvent> all = new ArrayList<>();
  private final Set<String> eventIds = new HashSet<>();
  private final Map<String, NavigableMap<String, Document>> collections = new HashMap<>();
  private final NavigableMap<Long, OutboxEntry> outbox = new TreeMap<>();
  private long commits;
  private long indexes;
  private long outboxIds;
  private volatile Runnable wakeUp = () -> {};

  /** A store on the system clock. */
  public MemoryStore() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock epoch milliseconds, stamped on appended events
   */
  public MemoryStore(LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public <T> Future<T> transaction(Function<StoreTransaction, Future<T>> work) {
    Tx tx = new Tx();
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
          try {
            if (commit(tx)) {
              wakeUp.run();
            }
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
          return Future.succeededFuture(ar.result());
        });
  }

  /**
   * Applies a transaction's writes, or throws the first conflict; returns whether it wrote to the
   * outbox.
   */
  private synchronized boolean commit(Tx tx) {
    for (Map.Entry<String, Append> e : tx.appends().entrySet()) {
      long actual = version(e.getKey());
      if (actual != e.getValue().expected()) {
        throw new AppendConflictException(e.getKey(), e.getValue().expected(), actual);
      }
      for (NewEvent ev : e.getValue().events()) {
        if (eventIds.contains(ev.id())) {
          throw new AppendConflictException(e.getKey(), e.getValue().expected(), -1);
        }
      }
    }
    for (DocumentWrite w : tx.documents()) {
      if (w.expected() != null) {
        Document current = committed(w.collection(), w.key());
        long actual = current == null ? 0 : current.revision();
        if (actual != w.expected()) {
          throw new DocumentConflictException(w.collection(), w.key(), w.expected(), actual);
        }
      }
    }
    long transaction = ++commits;
    long now = clock.getAsLong();
    for (Map.Entry<String, Append> e : tx.appends().entrySet()) {
      List<RecordedEvent> stream = streams.computeIfAbsent(e.getKey(), s -> new ArrayList<>());
      for (NewEvent ev : e.getValue().events()) {
        RecordedEvent r =
            new RecordedEvent(
                e.getKey(),
                stream.size() + 1L,
                new Position(transaction, ++indexes),
                ev.id(),
                ev.type(),
                ev.data(),
                ev.metadata(),
                now);
        stream.add(r);
        all.add(r);
        eventIds.add(ev.id());
      }
    }
    for (DocumentWrite w : tx.documents()) {
      NavigableMap<String, Document> c =
          collections.computeIfAbsent(w.collection(), n -> new TreeMap<>());
      if (w.json() == null) {
        c.remove(w.key());
      } else {
        Document old = c.get(w.key());
        c.put(
            w.key(),
            new Document(w.collection(), w.key(), w.json(), old == null ? 1 : old.revision() + 1));
      }
    }
    for (OutboxWrite o : tx.outbox()) {
      long id = ++outboxIds;
      outbox.put(id, new OutboxEntry(id, o.message()));
    }
    return !tx.outbox().isEmpty();
  }

  private long version(String stream) {
    List<RecordedEvent> s = streams.get(stream);
    return s == null ? 0 : s.size();
  }

  private Document committed(String collection, String key) {
    NavigableMap<String, Document> c = collections.get(collection);
    return c == null ? null : c.get(key);
  }

  @Override
  public synchronized Future<List<RecordedEvent>> readStream(
      String stream, long afterVersion, int limit) {
    List<RecordedEvent> s = streams.getOrDefault(stream, List.of());
    int from = (int) Math.min(s.size(), Math.max(0, afterVersion));
    return Future.succeededFuture(
        List.copyOf(s.subList(from, (int) Math.min(s.size(), from + (long) Math.max(1, limit)))));
  }

  @Override
  public synchronized Future<EventPage> readAll(Position after, int limit) {
    int lo = 0;
    int hi = all.size(); // the first event after `after` is in [lo, hi]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).position().compareTo(after) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int from = lo;
    List<RecordedEvent> page =
        List.copyOf(all.subList(from, Math.min(all.size(), from + Math.max(1, limit))));
    return Future.succeededFuture(
        new EventPage(page, page.isEmpty() ? after : page.get(page.size() - 1).position()));
  }

  @Override
  public synchronized Future<Document> get(String collection, String key) {
    return Future.succeededFuture(committed(collection, key));
  }

  @Override
  public synchronized Future<DocumentPage> list(String collection, String afterKey, int limit) {
    NavigableMap<String, Document> c = collections.getOrDefault(collection, new TreeMap<>());
    NavigableMap<String, Document> rest = afterKey == null ? c : c.tailMap(afterKey, false);
    List<Document> page = new ArrayList<>();
    for (Document d : rest.values()) {
      if (page.size() == Math.max(1, limit)) {
        break;
      }
      page.add(d);
    }
    boolean more = !page.isEmpty() && rest.lastKey().compareTo(page.get(page.size() - 1).key()) > 0;
    return Future.succeededFuture(
        new DocumentPage(page, more ? page.get(page.size() - 1).key() : null));
  }

  @Override
  public synchronized Future<List<OutboxEntry>> pendingOutbox(int limit) {
    return Future.succeededFuture(outbox.values().stream().limit(Math.max(1, limit)).toList());
  }

  @Override
  public synchronized Future<Void> markPublished(List<Long> ids) {
    ids.forEach(outbox::remove);
    return Future.succeededFuture();
  }

  @Override
  public void onOutbox(Runnable wakeUp) {
    this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp");
  }

  /** A transaction's buffered writes; applied by {@link #commit}. */
  private final class Tx extends BufferedTransaction {
    @Override
    protected Future<Document> committed(String collection, String key) {
      synchronized (MemoryStore.this) {
        return Future.succeededFuture(MemoryStore.this.committed(collection, key));
      }
    }
  }
}
