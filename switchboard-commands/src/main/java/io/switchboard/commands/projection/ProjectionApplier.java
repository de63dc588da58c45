package io.switchboard.commands.projection;

import io.switchboard.commands.domain.EventEnvelope;
import io.switchboard.commands.domain.Projection;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreTransaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Applies events to projections inside a store transaction (issue 8 point 5: checkpoints in the
 * same transaction as their updates). Each projection version keeps one checkpoint per stream, the
 * last stream version it has applied (or passed over: events of types it ignores advance it too).
 * An event is applied to a version only when it is the next one of its stream there, so the live
 * writers and a rebuild can fill the same version without applying an event twice or out of order:
 * an event at or below the checkpoint is skipped; one beyond the next either first applies the
 * missing ones, read from the stream ({@code fillGap}: the active version, a rebuild), or is left
 * to the rebuild (a version being built, on the live path). Checkpoints and documents are written
 * through {@link TxDocs}, so concurrent writers conflict instead of losing updates.
 */
public final class ProjectionApplier {
  private static final int PAGE = 500;

  private final Store store;
  private final Collection<Projection> projections;

  /**
   * @param store for the state documents and the events a gap misses
   * @param projections every registered projection
   */
  public ProjectionApplier(Store store, Collection<Projection> projections) {
    this.store = store;
    this.projections = List.copyOf(projections);
  }

  /**
   * The live path: applies a transaction's events (one stream, consecutive versions) to the active
   * version, and the version being built, of every projection that takes one of their types.
   *
   * @return completes when every write is given to {@code docs} (flush it before commit)
   */
  public Future<Void> live(StoreTransaction tx, TxDocs docs, List<EventEnvelope> events) {
    List<Projection> interested = new ArrayList<>();
    for (Projection p : projections) {
      if (events.stream().anyMatch(e -> p.eventTypes().contains(e.type()))) {
        interested.add(p);
      }
    }
    return Sequential.each(
        interested,
        p ->
            tx.get(ProjectionState.COLLECTION, p.name())
                .map(ProjectionState::of)
                .compose(
                    state -> {
                      List<Integer> versions = new ArrayList<>(List.of(state.active()));
                      if (state.building() != null) {
                        versions.add(state.building());
                      }
                      return Sequential.each(
                          versions,
                          v ->
                              Sequential.each(
                                  events, e -> applyTo(docs, p, v, e, v == state.active())));
                    }));
  }

  /**
   * Applies one event to one version of a projection if it is the next one of its stream there.
   *
   * @param fillGap whether missing earlier events of the stream are read and applied first (else an
   *     event beyond the next is skipped)
   * @return completes when the writes are given to {@code docs}
   */
  public Future<Void> applyTo(
      TxDocs docs, Projection p, int version, EventEnvelope e, boolean fillGap) {
    var checkpoints = docs.of(ProjectionState.checkpoints(p.name(), version));
    return checkpoints
        .get(e.stream())
        .compose(
            cp -> {
              long at = cp == null ? 0 : cp.getLong("version", 0L);
              if (e.version() <= at || (e.version() > at + 1 && !fillGap)) {
                return Future.succeededFuture();
              }
              Future<Void> before =
                  e.version() > at + 1
                      ? fill(docs, p, version, e.stream(), at, e.version() - 1)
                      : Future.succeededFuture();
              return before
                  .compose(v -> applyOne(docs, p, version, e))
                  .map(
                      v -> {
                        checkpoints.put(e.stream(), new JsonObject().put("version", e.version()));
                        return null;
                      });
            });
  }

  /** Applies the committed events {@code after + 1 .. upTo} of a stream, in pages. */
  private Future<Void> fill(
      TxDocs docs, Projection p, int version, String stream, long after, long upTo) {
    if (after >= upTo) {
      return Future.succeededFuture();
    }
    return store
        .readStream(stream, after, (int) Math.min(PAGE, upTo - after))
        .compose(
            page -> {
              if (page.isEmpty()) {
                return Future.failedFuture(
                    new IllegalStateException(stream + " has no events after " + after));
              }
              long last = page.get(page.size() - 1).version();
              return Sequential.each(page, r -> applyOne(docs, p, version, Envelopes.of(r)))
                  .compose(v -> fill(docs, p, version, stream, last, upTo));
            });
  }

  private static Future<Void> applyOne(TxDocs docs, Projection p, int version, EventEnvelope e) {
    if (!p.eventTypes().contains(e.type())) {
      return Future.succeededFuture();
    }
    return p.apply(e, docs.of(ProjectionState.collection(p.name(), version)));
  }
}
