package io.switchboard.commands.projection;

import io.switchboard.commands.domain.Projection;
import io.switchboard.core.store.DocumentConflictException;
import io.switchboard.core.store.Position;
import io.switchboard.core.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a projection from the event store while the service runs (issue 8 point 5; the
 * blue/green rebuild of research/workflow-cqrs-tunnel.md B7):
 *
 * <ol>
 *   <li>{@link #start} picks the next version {@code N}, records {@code building: N} in {@code
 *       projections/<name>} ({@link ProjectionState}); from then on live writers also write N.
 *   <li>The rebuild reads the global order ({@code readAll}) from the start, {@code batch} events
 *       per transaction, applying each to N through the per-stream checkpoints of {@link
 *       ProjectionApplier} (so what live writers applied already is skipped), and records its
 *       position in the same transaction.
 *   <li>When a read finds nothing new, it switches {@code active} to N in one transaction: queries
 *       and live writers move to N at once.
 *   <li>It keeps reading for {@code grace} (a transaction that read the state before the rebuild
 *       began may commit late, writing only the old version), then deletes the old version and
 *       releases the projection; until then another rebuild is refused.
 * </ol>
 *
 * A conflict with a live writer retries the batch. A rebuild whose node died (no write for {@link
 * #STALE}) may be taken over by a new {@code start}; the old one stops at its next write.
 */
public final class ProjectionRebuild {
  /** A rebuild that has not written for this long is considered dead. */
  public static final Duration STALE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

  private final Vertx vertx;
  private final Store store;
  private final ProjectionApplier applier;
  private final String node;
  private final int batch;
  private final Duration grace;

  /**
   * @param vertx for timers
   * @param store the store
   * @param applier applies events with checkpoints
   * @param node this node's id, recorded in the state
   * @param batch events per transaction, 1 or more
   * @param grace how long to keep reading after the switch
   */
  public ProjectionRebuild(
      Vertx vertx, Store store, ProjectionApplier applier, String node, int batch, Duration grace) {
    this.vertx = vertx;
    this.store = store;
    this.applier = applier;
    this.node = node;
    this.batch = batch;
    this.grace = grace;
  }

  /**
   * Starts a rebuild, which then runs in the background.
   *
   * @return the version being built; failed with {@link RebuildRunningException} when one runs
   *     (written within {@link #STALE}), or with the store's error
   */
  public Future<Integer> start(Projection p) {
    String owner = node + "/" + UUID.randomUUID().toString().substring(0, 8);
    return store
        .transaction(
            tx ->
                tx.get(ProjectionState.COLLECTION, p.name())
                    .map(
                        doc -> {
                          ProjectionState s = ProjectionState.of(doc);
                          long now = System.currentTimeMillis();
                          if (s.rebuilding(now, STALE.toMillis())) {
                            throw new RebuildRunningException(
                                p.name()
                                    + " is being rebuilt"
                                    + (s.building() == null
                                        ? ""
                                        : " into version " + s.building()));
                          }
                          int next =
                              Math.max(s.active(), s.building() == null ? 0 : s.building()) + 1;
                          ProjectionState building =
                              new ProjectionState(s.active(), next, Position.START, owner, now, 0);
                          tx.put(
                              ProjectionState.COLLECTION,
                              p.name(),
                              building.toJson().encode(),
                              s.revision());
                          return next;
                        }))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof DocumentConflictException
                        ? new RebuildRunningException(p.name() + " is being rebuilt")
                        : e))
        .onSuccess(
            version -> {
              LOG.info("rebuilding projection {} into version {}", p.name(), version);
              new RebuildRun(vertx, store, applier, p, version, batch, grace, owner).step();
            });
  }
}
