package io.switchboard.core.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;

/**
 * Engine port: the durable state of commands, events, projections and the outbox (SPEC "Engines",
 * store; SPEC C2; issue 8). The memory engine is the embedded default, PostgreSQL the real one.
 *
 * <p>Contract, checked by {@code StoreContract}:
 *
 * <ul>
 *   <li><b>Atomic transactions.</b> {@link #transaction} commits everything its work wrote, or
 *       nothing: appends, documents and outbox messages together.
 *   <li><b>Streams.</b> Each stream's events are numbered 1, 2, … without gaps; an append states
 *       the version it expects (optimistic concurrency), and of two transactions expecting the same
 *       version one fails with {@link AppendConflictException}.
 *   <li><b>Global order.</b> {@link #readAll} returns events in an order that keeps each stream's
 *       order and only ever grows at its end: a reader that goes on from the last position it saw
 *       never skips an event that committed later (the pitfall of tailing a sequence,
 *       research/workflow-cqrs-tunnel.md B1). An event may appear there a little after its commit,
 *       while an older transaction is still open.
 *   <li><b>Outbox.</b> A message written in a committed transaction stays in {@link #pendingOutbox}
 *       until {@link #markPublished}; messages of one ordering key come out in commit order.
 *   <li><b>Errors.</b> Futures fail with {@link StoreConflictException} for a conflict, with
 *       another exception when the store is unreachable (nothing was written then).
 * </ul>
 */
public interface Store {

  /**
   * Runs {@code work} in a new transaction: commits when its future succeeds, rolls back when it
   * fails. Not retried: on {@link StoreConflictException} the caller reads again and decides.
   *
   * @return the work's result once committed; failed with the work's failure, a conflict, or the
   *     store's error (then nothing was written, or, if the connection broke during the commit
   *     itself, the outcome is unknown)
   */
  <T> Future<T> transaction(Function<StoreTransaction, Future<T>> work);

  /**
   * A stream's events after {@code afterVersion}, oldest first.
   *
   * @param limit most events returned, 1 or more
   * @return the events; empty for an unknown stream
   */
  Future<List<RecordedEvent>> readStream(String stream, long afterVersion, int limit);

  /**
   * The events after {@code after} in the global order (see the class comment), at most {@code
   * limit}.
   */
  Future<EventPage> readAll(Position after, int limit);

  /** A committed document, or {@code null}. */
  Future<Document> get(String collection, String key);

  /**
   * A collection's committed documents with keys after {@code afterKey} ({@code null}: from the
   * first), in key order (Java's {@code String} order of UTF-16 code units for ASCII keys).
   *
   * @param limit most documents returned, 1 or more
   */
  Future<DocumentPage> list(String collection, String afterKey, int limit);

  /**
   * Outbox messages not yet marked published, at most {@code limit}, oldest commit first (each
   * ordering key's messages in commit order).
   */
  Future<List<OutboxEntry>> pendingOutbox(int limit);

  /** Removes published messages from the outbox (ids that are gone already are ignored). */
  Future<Void> markPublished(List<Long> ids);

  /**
   * Sets the one listener told, as a hint, that a transaction wrote outbox messages (PostgreSQL:
   * {@code LISTEN/NOTIFY}); it may be called late, more than once, or not at all (a lost
   * connection), so a relay polls too. Called on an engine thread; must not block.
   */
  void onOutbox(Runnable wakeUp);
}
