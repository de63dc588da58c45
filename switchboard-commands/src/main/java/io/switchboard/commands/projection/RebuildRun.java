package io.switchboard.commands.projection;

import io.switchboard.commands.domain.Projection;
import io.switchboard.core.store.EventPage;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.Store;
import io.switchboard.core.store.StoreConflictException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running rebuild of {@link ProjectionRebuild}: a loop of steps, each reading one page of the
 * global order and applying it in one transaction; state confined to that loop (one step at a
 * time).
 */
final class RebuildRun {
  private static final Logger LOG = LoggerFactory.getLogger(RebuildRun.class);
  private static final int DELETE_PAGE = 200;

  private final Vertx vertx;
  private final Store store;
  private final ProjectionApplier applier;
  private final Projection projection;
  private final int version;
  private final int batch;
  private final Duration grace;
  private final String owner;
  private Position position = Position.START;
  private long switchedAt = -1;
  private int previous;

  /** The state no longer names this run's version: another rebuild took over. */
  private static final class Lost extends RuntimeException {
    Lost() {
      super("taken over", null, false, false);
    }
  }

  RebuildRun(
      Vertx vertx,
      Store store,
      ProjectionApplier applier,
      Projection projection,
      int version,
      int batch,
      Duration grace,
      String owner) {
    this.vertx = vertx;
    this.store = store;
    this.applier = applier;
    this.projection = projection;
    this.version = version;
    this.batch = batch;
    this.grace = grace;
    this.owner = owner;
  }

  void step() {
    store
        .readAll(position, batch)
        .compose(page -> page.events().isEmpty() ? caughtUp() : apply(page))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                if (ar.result() != null) {
                  vertx.setTimer(ar.result(), id -> step());
                }
              } else if (ar.cause() instanceof Lost) {
                LOG.warn("rebuild of {} v{} was taken over; stopped", projection.name(), version);
              } else if (ar.cause() instanceof StoreConflictException) {
                vertx.setTimer(10, id -> step()); // a live writer got there first: read again
              } else {
                LOG.warn("rebuild of {} v{}: {}; retrying", projection.name(), version, ar.cause());
                vertx.setTimer(1000, id -> step());
              }
            });
  }

  /** Applies a page; the next step follows at once (delay 0 → 1 ms timer). */
  private Future<Long> apply(EventPage page) {
    return store
        .transaction(
            tx ->
                tx.get(ProjectionState.COLLECTION, projection.name())
                    .compose(
                        doc -> {
                          ProjectionState s = ProjectionState.of(doc);
                          if (switchedAt < 0
                              ? !Objects.equals(s.building(), version)
                              : s.active() != version) {
                            throw new Lost();
                          }
                          TxDocs docs = new TxDocs(tx);
                          return Sequential.each(
                                  page.events().stream()
                                      .filter(e -> projection.eventTypes().contains(e.type()))
                                      .toList(),
                                  e ->
                                      applier.applyTo(
                                          docs, projection, version, Envelopes.of(e), true))
                              .map(
                                  v -> {
                                    docs.flush();
                                    ProjectionState next =
                                        switchedAt < 0
                                            ? new ProjectionState(
                                                s.active(), version, page.next(), owner, now(), 0)
                                            : new ProjectionState(
                                                version, null, null, owner, now(), 0);
                                    tx.put(
                                        ProjectionState.COLLECTION,
                                        projection.name(),
                                        next.toJson().encode(),
                                        s.revision());
                                    return null;
                                  });
                        }))
        .map(
            v -> {
              position = page.next();
              return 1L;
            });
  }

  /** Nothing new: switch once, then keep reading for the grace, then drop the old version. */
  private Future<Long> caughtUp() {
    if (switchedAt < 0) {
      return store
          .transaction(
              tx ->
                  tx.get(ProjectionState.COLLECTION, projection.name())
                      .map(
                          doc -> {
                            ProjectionState s = ProjectionState.of(doc);
                            if (!owns(s)) {
                              throw new Lost();
                            }
                            previous = s.active();
                            ProjectionState active =
                                new ProjectionState(version, null, null, owner, now(), 0);
                            tx.put(
                                ProjectionState.COLLECTION,
                                projection.name(),
                                active.toJson().encode(),
                                s.revision());
                            return null;
                          }))
          .map(
              v -> {
                switchedAt = System.currentTimeMillis();
                LOG.info("projection {} now serves version {}", projection.name(), version);
                return 50L;
              });
    }
    if (System.currentTimeMillis() - switchedAt < grace.toMillis()) {
      return Future.succeededFuture(100L);
    }
    return drop(ProjectionState.collection(projection.name(), previous))
        .compose(v -> drop(ProjectionState.checkpoints(projection.name(), previous)))
        .compose(v -> release())
        .onSuccess(v -> LOG.info("projection {} version {} dropped", projection.name(), previous))
        .map((Long) null);
  }

  /**
   * Whether the state still names this run: building its version, or serving it after the switch.
   */
  private boolean owns(ProjectionState s) {
    return owner.equals(s.node())
        && (switchedAt < 0 ? Objects.equals(s.building(), version) : s.active() == version);
  }

  /** Ends the run: the state keeps only the active version. */
  private Future<Void> release() {
    return store.transaction(
        tx ->
            tx.get(ProjectionState.COLLECTION, projection.name())
                .map(
                    doc -> {
                      ProjectionState s = ProjectionState.of(doc);
                      if (!owns(s)) {
                        throw new Lost();
                      }
                      tx.put(
                          ProjectionState.COLLECTION,
                          projection.name(),
                          new ProjectionState(version, null, null, null, 0, 0).toJson().encode(),
                          s.revision());
                      return null;
                    }));
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /** Deletes a collection, a page per transaction. */
  private Future<Void> drop(String collection) {
    return store
        .list(collection, null, DELETE_PAGE)
        .compose(
            page -> {
              if (page.documents().isEmpty()) {
                return Future.succeededFuture();
              }
              return store
                  .transaction(
                      tx -> {
                        page.documents().forEach(d -> tx.delete(collection, d.key()));
                        return Future.succeededFuture();
                      })
                  .compose(v -> drop(collection));
            });
  }
}
