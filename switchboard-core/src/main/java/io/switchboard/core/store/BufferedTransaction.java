package io.switchboard.core.store;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The write side of a {@link StoreTransaction} that both engines share (issue 8): the work's writes
 * are buffered, checked as they come (names, versions, arguments), and applied by the engine's
 * commit once the work's future succeeded. Appends are kept per stream and documents per
 * (collection, key), both sorted, so a commit can lock and write rows in one global order. A read
 * sees this transaction's own document writes (a buffered write has revision 0: its revision is
 * known only at commit), else the committed document ({@link #committed}). One thread at a time, as
 * the port says; after {@link #close} every call throws {@link IllegalStateException}.
 */
public abstract class BufferedTransaction implements StoreTransaction {
  /**
   * Appends to one stream.
   *
   * @param expected the stream's version the commit expects
   * @param events the events, in order
   */
  public record Append(long expected, List<NewEvent> events) {}

  /**
   * A document's last buffered write.
   *
   * @param json the new JSON text, or {@code null} for a delete
   * @param expected the revision the first conditional put expects (0: absent), or {@code null}
   */
  public record DocumentWrite(String collection, String key, String json, Long expected) {}

  /** An outbox message and its ordering key (see {@link StoreTransaction#outbox}). */
  public record OutboxWrite(BrokerMessage message, String orderingKey) {}

  private final SortedMap<String, Append> appends = new TreeMap<>();
  private final SortedMap<String, DocumentWrite> documents = new TreeMap<>(); // collection \0 key
  private final List<OutboxWrite> outbox = new ArrayList<>();
  private volatile boolean closed;

  /** The committed document, or {@code null}: what {@link #get} reads past the buffer. */
  protected abstract Future<Document> committed(String collection, String key);

  /** Ends the work: later calls throw {@link IllegalStateException}. */
  public final void close() {
    closed = true;
  }

  /** Whether the work wrote nothing (then there is nothing to commit). */
  public final boolean isEmpty() {
    return appends.isEmpty() && documents.isEmpty() && outbox.isEmpty();
  }

  /** The appends by stream, in stream order. */
  public final SortedMap<String, Append> appends() {
    return Collections.unmodifiableSortedMap(appends);
  }

  /** The last write of every document touched, in (collection, key) order. */
  public final Collection<DocumentWrite> documents() {
    return Collections.unmodifiableCollection(documents.values());
  }

  /** The outbox messages, in the order written. */
  public final List<OutboxWrite> outbox() {
    return Collections.unmodifiableList(outbox);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the transaction is over");
    }
  }

  @Override
  public final long append(String stream, long expectedVersion, List<NewEvent> events) {
    open();
    StoreNames.stream(stream);
    if (events.isEmpty() || expectedVersion < 0) {
      throw new IllegalArgumentException("append needs events and a version >= 0");
    }
    events.forEach(e -> Objects.requireNonNull(e, "event"));
    Append a = appends.get(stream);
    if (a == null) {
      a = new Append(expectedVersion, new ArrayList<>());
      appends.put(stream, a);
    } else if (a.expected() + a.events().size() != expectedVersion) {
      throw new IllegalArgumentException(
          "appends to " + stream + " in one transaction must continue each other");
    }
    a.events().addAll(events);
    return a.expected() + a.events().size();
  }

  @Override
  public final Future<Document> get(String collection, String key) {
    open();
    DocumentWrite w = documents.get(key(collection, key));
    if (w != null) {
      return Future.succeededFuture(
          w.json() == null ? null : new Document(collection, key, w.json(), 0));
    }
    return committed(collection, key);
  }

  @Override
  public final void put(String collection, String key, String json) {
    write(collection, key, Objects.requireNonNull(json, "json"), null);
  }

  @Override
  public final void put(String collection, String key, String json, long expectedRevision) {
    if (expectedRevision < 0) {
      throw new IllegalArgumentException("expectedRevision must be >= 0");
    }
    write(collection, key, Objects.requireNonNull(json, "json"), expectedRevision);
  }

  @Override
  public final void delete(String collection, String key) {
    write(collection, key, null, null);
  }

  /** Keeps the last write and the first conditional put's expected revision. */
  private void write(String collection, String key, String json, Long expected) {
    open();
    String k = key(collection, key);
    DocumentWrite before = documents.get(k);
    Long keep = before != null && before.expected() != null ? before.expected() : expected;
    documents.put(k, new DocumentWrite(collection, key, json, keep));
  }

  @Override
  public final void outbox(BrokerMessage message, String orderingKey) {
    open();
    outbox.add(
        new OutboxWrite(
            Objects.requireNonNull(message, "message"),
            Objects.requireNonNull(orderingKey, "orderingKey")));
  }

  private static String key(String collection, String key) {
    return StoreNames.collection(collection) + "\u0000" + StoreNames.key(key);
  }
}
