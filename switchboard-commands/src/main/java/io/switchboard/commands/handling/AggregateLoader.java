package io.switchboard.commands.handling;

import io.switchboard.commands.domain.Aggregate;
import io.switchboard.core.store.RecordedEvent;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads aggregates from their streams (SPEC C2: "handlers load the aggregate's events"), keeping
 * the last {@code capacity} states on this node so that a next command reads only newer events
 * (another node's appends included: events never change, so a cached state plus what follows it is
 * the current state). Thread-safe.
 */
final class AggregateLoader {
  private static final int PAGE = 500;

  private final Store store;
  private final int capacity;
  private final Map<String, Loaded<?>> cache;

  /**
   * A state and the stream version it reflects.
   *
   * @param state the folded state
   * @param version the version of the last event folded (0: none)
   */
  record Loaded<S>(S state, long version) {}

  AggregateLoader(Store store, int capacity) {
    this.store = store;
    this.capacity = capacity;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Loaded<?>> eldest) {
            return size() > AggregateLoader.this.capacity;
          }
        };
  }

  /** The current state of {@code stream}. */
  @SuppressWarnings("unchecked")
  <S> Future<Loaded<S>> load(Aggregate<S> aggregate, String stream) {
    Loaded<?> cached;
    synchronized (cache) {
      cached = cache.get(stream);
    }
    Loaded<S> from = cached == null ? new Loaded<>(aggregate.initial(), 0) : (Loaded<S>) cached;
    return fold(aggregate, stream, from);
  }

  private <S> Future<Loaded<S>> fold(Aggregate<S> aggregate, String stream, Loaded<S> from) {
    return store
        .readStream(stream, from.version(), PAGE)
        .compose(
            events -> {
              Loaded<S> next = apply(aggregate, from, events);
              return events.size() < PAGE
                  ? Future.succeededFuture(next)
                  : fold(aggregate, stream, next);
            });
  }

  private static <S> Loaded<S> apply(Aggregate<S> a, Loaded<S> from, List<RecordedEvent> events) {
    S state = from.state();
    long version = from.version();
    for (RecordedEvent e : events) {
      state = a.evolve().apply(state, e.type(), new JsonObject(e.data()));
      version = e.version();
    }
    return new Loaded<>(state, version);
  }

  /** Keeps {@code state} at {@code version} for the next command (after a commit). */
  void remember(String stream, Object state, long version) {
    if (capacity > 0) {
      synchronized (cache) {
        cache.put(stream, new Loaded<>(state, version));
      }
    }
  }
}
