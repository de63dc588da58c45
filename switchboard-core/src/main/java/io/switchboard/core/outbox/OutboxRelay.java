package io.switchboard.core.outbox;

import io.switchboard.core.broker.Broker;
import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Rejected;
import io.switchboard.core.lock.Locks;
import io.switchboard.core.store.OutboxEntry;
import io.switchboard.core.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the store's outbox to the broker (issue 8, point 4; the hybrid of
 * research/workflow-cqrs-tunnel.md B3: outbox rows, a wake-up hint, polling as the fallback).
 *
 * <ul>
 *   <li><b>When.</b> A run starts when the store says a transaction wrote to the outbox ({@link
 *       Store#onOutbox}, PostgreSQL's {@code NOTIFY}) and every {@code pollInterval} in case a hint
 *       was lost. Runs never overlap on one node.
 *   <li><b>Who.</b> One node at a time: a run holds the lock {@value #LOCK} ({@link Locks}, Redis
 *       in a cluster) and gives it back when the outbox is empty or after half its TTL, so nodes
 *       share the relay without publishing a message twice in normal operation, and another node
 *       takes over within the TTL when the holder dies.
 *   <li><b>How.</b> Batches of at most {@code batchSize} pending messages, oldest commit first, are
 *       published with confirms ({@link Broker#publish}); a message is marked published only after
 *       its confirm. A message the broker can never take ({@link Rejected}) is logged, counted and
 *       marked too: it must not block the ones behind it. A failed publish (broker down) leaves the
 *       batch pending and the next run, after a doubling backoff up to {@code pollInterval}, starts
 *       with it again: delivery is at least once, so consumers drop duplicates by message id.
 * </ul>
 *
 * <p>All state is confined to one Vert.x context; {@link #start} and {@link #stop} may be called
 * from any thread.
 */
public final class OutboxRelay {
  /** The name of the lock a relaying node holds. */
  public static final String LOCK = "switchboard:outbox-relay";

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final Vertx vertx;
  private final Context context;
  private final Store store;
  private final Broker broker;
  private final Locks locks;
  private final Duration pollInterval;
  private final int batchSize;
  private final Duration lockTtl;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private long timer = -1;
  private long retryTimer = -1;
  private long backoffMs;
  private boolean running;
  private boolean again;
  private volatile boolean stopped;

  /**
   * @param vertx for the timers and the relay's context
   * @param store whose outbox is published
   * @param broker where it goes
   * @param locks for the one-node-at-a-time lock
   * @param pollInterval how often the outbox is read without a hint; positive
   * @param batchSize most messages published at once, 1 or more
   * @param lockTtl how long a relaying node holds the lock at most; positive
   */
  public OutboxRelay(
      Vertx vertx,
      Store store,
      Broker broker,
      Locks locks,
      Duration pollInterval,
      int batchSize,
      Duration lockTtl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = vertx.getOrCreateContext();
    this.store = Objects.requireNonNull(store, "store");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.locks = Objects.requireNonNull(locks, "locks");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    if (batchSize < 1
        || pollInterval.isZero()
        || pollInterval.isNegative()
        || lockTtl.isZero()
        || lockTtl.isNegative()) {
      throw new IllegalArgumentException(
          "batchSize must be >= 1, pollInterval and lockTtl positive");
    }
    this.batchSize = batchSize;
    this.lockTtl = lockTtl;
  }

  /** Listens for the store's hints and starts polling; relays what is pending at once. */
  public void start() {
    store.onOutbox(this::wake);
    context.runOnContext(
        v -> {
          long every = Math.max(1, pollInterval.toMillis());
          timer = vertx.setPeriodic(every, every, id -> run());
          run();
        });
  }

  /**
   * Stops polling; a run in progress finishes its batch. Messages left pending stay in the store.
   */
  public void stop() {
    stopped = true;
    context.runOnContext(
        v -> {
          vertx.cancelTimer(timer);
          vertx.cancelTimer(retryTimer);
        });
  }

  /** Messages published (confirmed and marked) by this node since it started. */
  public long published() {
    return published.get();
  }

  /** Messages this node dropped because the broker can never take them. */
  public long deadLetters() {
    return deadLetters.get();
  }

  /** Failed publishes (each retried later) on this node. */
  public long failures() {
    return failures.get();
  }

  /** A hint that something was written: runs now (from any thread). */
  public void wake() {
    if (!stopped) {
      context.runOnContext(v -> run());
    }
  }

  /** On the context: one run at a time; a wake-up during a run makes another run follow it. */
  private void run() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    long started = System.nanoTime();
    store
        .pendingOutbox(1)
        .compose(first -> first.isEmpty() ? Future.<Boolean>succeededFuture(false) : relay(started))
        .onComplete(
            ar -> {
              running = false;
              if (ar.failed()) {
                failures.incrementAndGet();
                backoffMs =
                    backoffMs == 0
                        ? 50
                        : Math.min(backoffMs * 2, Math.max(50, pollInterval.toMillis()));
                LOG.warn("outbox relay: {}; retrying in {} ms", ar.cause().toString(), backoffMs);
                retryTimer = vertx.setTimer(backoffMs, id -> run());
                return;
              }
              backoffMs = 0;
              if (again || ar.result()) { // woken meanwhile, or stopped early with more to do
                run();
              }
            });
  }

  /** Holds the lock while publishing batches; returns whether it stopped with more pending. */
  private Future<Boolean> relay(long started) {
    return locks
        .tryAcquire(LOCK, lockTtl)
        .compose(
            lock -> {
              if (lock == null) {
                return Future.succeededFuture(false); // another node relays
              }
              return batches(started)
                  .transform(
                      ar ->
                          locks
                              .release(lock)
                              .otherwiseEmpty()
                              .transform(
                                  released ->
                                      ar.succeeded()
                                          ? Future.succeededFuture(ar.result())
                                          : Future.failedFuture(ar.cause())));
            });
  }

  private Future<Boolean> batches(long started) {
    return store
        .pendingOutbox(batchSize)
        .compose(
            entries -> {
              if (entries.isEmpty()) {
                return Future.succeededFuture(false);
              }
              List<BrokerMessage> messages = entries.stream().map(OutboxEntry::message).toList();
              return broker
                  .publish(messages)
                  .compose(
                      rejected -> {
                        for (Rejected r : rejected) {
                          deadLetters.incrementAndGet();
                          LOG.error(
                              "outbox relay: dropped message {} to {}/{}: {}",
                              r.message().messageId(),
                              r.message().exchange(),
                              r.message().routingKey(),
                              r.reason());
                        }
                        return store.markPublished(entries.stream().map(OutboxEntry::id).toList());
                      })
                  .compose(
                      v -> {
                        published.addAndGet(entries.size());
                        boolean full = entries.size() == batchSize;
                        boolean timeLeft = System.nanoTime() - started < lockTtl.toNanos() / 2;
                        if (full && timeLeft && !stopped) {
                          return batches(started);
                        }
                        return Future.succeededFuture(full);
                      });
            });
  }
}
