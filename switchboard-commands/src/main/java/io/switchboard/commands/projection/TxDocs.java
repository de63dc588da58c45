package io.switchboard.commands.projection;

import io.switchboard.commands.domain.ProjectionDocs;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The projection documents one transaction reads and writes (issue 8: projection updates in the
 * command's transaction), buffered so that each document is written once, at {@link #flush}, with a
 * conditional put on the revision it was read at: a document another transaction changed meanwhile
 * fails the commit ({@code DocumentConflictException}) instead of losing its update (a document
 * written without being read is put unconditionally). Confined to the transaction's thread.
 */
public final class TxDocs {
  private final StoreTransaction tx;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** A document as read (its revision, 0 when absent) and as this transaction left it. */
  private static final class Entry {
    final String collection;
    final String key;
    final long revision;
    JsonObject value;
    boolean dirty;

    Entry(String collection, String key, long revision, JsonObject value) {
      this.collection = collection;
      this.key = key;
      this.revision = revision;
      this.value = value;
    }
  }

  /**
   * @param tx the transaction the writes go to
   */
  public TxDocs(StoreTransaction tx) {
    this.tx = tx;
  }

  /** The documents of {@code collection}. */
  public ProjectionDocs of(String collection) {
    return new ProjectionDocs() {
      @Override
      public Future<JsonObject> get(String key) {
        return read(collection, key).map(e -> e.value == null ? null : e.value.copy());
      }

      @Override
      public void put(String key, JsonObject document) {
        write(collection, key, document.copy());
      }

      @Override
      public void delete(String key) {
        write(collection, key, null);
      }
    };
  }

  private Future<Entry> read(String collection, String key) {
    Entry e = entries.get(collection + "\u0000" + key);
    if (e != null) {
      return Future.succeededFuture(e);
    }
    return tx.get(collection, key)
        .map(
            d ->
                entries.computeIfAbsent(
                    collection + "\u0000" + key,
                    k ->
                        new Entry(
                            collection,
                            key,
                            d == null ? 0 : d.revision(),
                            d == null ? null : new JsonObject(d.json()))));
  }

  private void write(String collection, String key, JsonObject value) {
    // a document written without being read first is put unconditionally (revision -1)
    Entry e =
        entries.computeIfAbsent(
            collection + "\u0000" + key, k -> new Entry(collection, key, -1, null));
    e.value = value;
    e.dirty = true;
  }

  /** Gives every changed document to the transaction: one conditional put (or a delete) each. */
  public void flush() {
    for (Entry e : entries.values()) {
      if (!e.dirty) {
        continue;
      }
      if (e.value == null) {
        tx.delete(e.collection, e.key);
      } else if (e.revision < 0) {
        tx.put(e.collection, e.key, e.value.encode());
      } else {
        tx.put(e.collection, e.key, e.value.encode(), e.revision);
      }
      e.dirty = false;
    }
  }
}
