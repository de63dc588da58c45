package io.switchboard.commands.testing;

import io.switchboard.core.store.DocumentPage;
import io.switchboard.core.store.EventMetadata;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.NewEvent;
import io.switchboard.core.store.OutboxEntry;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A store double that races the command handler: after every {@code every}-th read of a {@code
 * board-} stream it appends one {@code card.added} of another writer to that stream, then returns
 * what it read, so the handler decides on a version that is already gone and its commit conflicts.
 */
public final class RacingStore implements Store {
  private final Store delegate;
  private final int every;
  private final AtomicInteger reads = new AtomicInteger();
  public final AtomicInteger races = new AtomicInteger();

  public RacingStore(Store delegate, int every) {
    this.delegate = delegate;
    this.every = every;
  }

  @Override
  public Future<List<RecordedEvent>> readStream(String stream, long afterVersion, int limit) {
    return delegate
        .readStream(stream, afterVersion, limit)
        .compose(
            read -> {
              if (!stream.startsWith("board-")
                  || read.size() >= limit
                  || (afterVersion == 0 && read.isEmpty())
                  || reads.incrementAndGet() % every != 0) {
                return Future.succeededFuture(read);
              }
              long version = read.isEmpty() ? afterVersion : read.get(read.size() - 1).version();
              String card = "raced-" + races.incrementAndGet();
              NewEvent e =
                  new NewEvent(
                      UUID.randomUUID().toString(),
                      "card.added",
                      new JsonObject()
                          .put("cardId", card)
                          .put("title", card)
                          .put("column", "raced")
                          .encode(),
                      EventMetadata.NONE);
              return delegate
                  .transaction(
                      tx -> {
                        tx.append(stream, version, List.of(e));
                        return Future.succeededFuture();
                      })
                  .map(read);
            });
  }

  @Override
  public <T> Future<T> transaction(Function<StoreTransaction, Future<T>> work) {
    return delegate.transaction(work);
  }

  @Override
  public Future<EventPage> readAll(Position after, int limit) {
    return delegate.readAll(after, limit);
  }

  @Override
  public Future<io.switchboard.core.store.Document> get(String collection, String key) {
    return delegate.get(collection, key);
  }

  @Override
  public Future<DocumentPage> list(String collection, String afterKey, int limit) {
    return delegate.list(collection, afterKey, limit);
  }

  @Override
  public Future<List<OutboxEntry>> pendingOutbox(int limit) {
    return delegate.pendingOutbox(limit);
  }

  @Override
  public Future<Void> markPublished(List<Long> ids) {
    return delegate.markPublished(ids);
  }

  @Override
  public void onOutbox(Runnable wakeUp) {
    delegate.onOutbox(wakeUp);
  }
}
