package io.switchboard.core.broker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node event buffer toward the broker (SPEC C1 "Event buffer"): room publications a
 * namespace forwards are {@link #offer offered} here and published in order, in batches.
 *
 * <ul>
 *   <li>A flush runs every {@code flushInterval}, and as soon as {@code flushSize} messages are
 *       pending. At most one flush is in flight; a batch is the up to {@code flushSize} oldest
 *       messages.
 *   <li>Messages leave the buffer only after {@link Broker#publish} of their batch succeeded.
 *       On failure the same batch is retried after {@code retryInitial}, doubling up to {@code
 *       retryMax}, before anything newer is sent (order is kept; delivery is at-least-once).
 *   <li>{@link #offer} refuses a message when {@code capacity} are pending (the caller reports
 *       {@code buffer_full}); {@link #drain} flushes everything on graceful shutdown.
 * </ul>
 *
 * <p>Thread-safe: {@link #offer} may be called from any event loop. Never blocks; timers come
 * from {@link Vertx#setTimer}/{@link Vertx#setPeriodic}.
 */
public final class EventBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(EventBuffer.class);

  private final Vertx vertx;
  private final Broker broker;
  private final int flushSize;
  private final int capacity;
  private final long retryInitialMs;
  private final long retryMaxMs;
  private final long periodicId;
  private final ArrayDeque<BrokerMessage> pending = new ArrayDeque<>();
  private final List<Promise<Void>> drainers = new ArrayList<>();
  private List<BrokerMessage> inFlight; // the batch being published or retried, or null
  private boolean backingOff;
  private boolean draining;
  private long backoffMs;
  private long flushed;
  private long failures;

  /**
   * Creates the buffer and starts its periodic flush.
   *
   * @param vertx for timers
   * @param broker where batches go
   * @param flushInterval time between periodic flushes (SPEC default 100 ms); positive
   * @param flushSize flush as soon as this many are pending, and the largest batch (SPEC 1000)
   * @param capacity most messages pending at once; {@code >= flushSize}
   * @param retryInitial first delay after a failed publish; positive
   * @param retryMax the longest delay between retries; {@code >= retryInitial}
   */
  public EventBuffer(Vertx vertx, Broker broker, Duration flushInterval, int flushSize,
      int capacity, Duration retryInitial, Duration retryMax) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.broker = Objects.requireNonNull(broker, "broker");
    if (flushSize < 1 || capacity < flushSize) {
      throw new IllegalArgumentException("need 1 <= flushSize <= capacity");
    }
    this.flushSize = flushSize;
    this.capacity = capacity;
    this.retryInitialMs = Math.max(1, retryInitial.toMillis());
    this.retryMaxMs = Math.max(retryInitialMs, retryMax.toMillis());
    this.periodicId = vertx.setPeriodic(Math.max(1, flushInterval.toMillis()), id -> flush());
  }

  /**
   * Queues a message for the broker.
   *
   * @return {@code false}, without queuing, when {@code capacity} messages are pending
   */
  public boolean offer(BrokerMessage message) {
    Objects.requireNonNull(message, "message");
    boolean full;
    synchronized (this) {
      if (isFull()) {
        return false;
      }
      pending.addLast(message);
      full = pending.size() >= flushSize;
    }
    if (full) {
      flush();
    }
    return true;
  }

  /**
   * Flushes everything pending, in batches, without waiting for the interval; the buffer keeps
   * accepting messages (stop offering first).
   *
   * @param timeout how long to wait for the buffer to be empty
   * @return succeeds when nothing is pending; fails with {@link TimeoutException} after
   *     {@code timeout} (e.g. the broker stayed down), the messages staying pending
   */
  public Future<Void> drain(Duration timeout) {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      draining = true;
      if (pending.isEmpty()) {
        return Future.succeededFuture();
      }
      drainers.add(done);
    }
    vertx.setTimer(Math.max(1, timeout.toMillis()), id -> timeOut(done, timeout));
    flush();
    return done.future();
  }

  /** Stops the periodic flush; pending messages stay pending (call {@link #drain} first). */
  public void close() {
    vertx.cancelTimer(periodicId);
  }

  /** Whether {@link #offer} would refuse a message now ({@code capacity} are pending). */
  public synchronized boolean isFull() {
    return pending.size() >= capacity;
  }

  /** Messages not yet confirmed by the broker, including the batch in flight. */
  public synchronized int pending() {
    return pending.size();
  }

  /** Messages the broker confirmed since creation (a counter for metrics). */
  public synchronized long flushed() {
    return flushed;
  }

  /** Failed {@link Broker#publish} attempts since creation (a counter for metrics). */
  public synchronized long failures() {
    return failures;
  }

  /** Publishes batches while each completes inline and more are due; a trampoline, no recursion. */
  private void flush() {
    while (true) {
      List<BrokerMessage> batch;
      synchronized (this) {
        if (inFlight != null || backingOff || pending.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(Math.min(flushSize, pending.size()));
        for (BrokerMessage m : pending) {
          if (batch.size() == flushSize) {
            break;
          }
          batch.add(m);
        }
        inFlight = batch;
      }
      Future<Void> f = publish(batch);
      if (!f.isComplete()) {
        f.onComplete(ar -> {
          if (settle(f.succeeded(), f.cause())) {
            flush();
          }
        });
        return;
      }
      if (!settle(f.succeeded(), f.cause())) {
        return;
      }
    }
  }

  private Future<Void> publish(List<BrokerMessage> batch) {
    try {
      return Objects.requireNonNull(broker.publish(batch), "broker returned null");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Records the result of the in-flight batch; returns whether another flush is due now. */
  private boolean settle(boolean ok, Throwable cause) {
    List<Promise<Void>> done = List.of();
    boolean again;
    long delay = 0;
    synchronized (this) {
      List<BrokerMessage> batch = inFlight;
      if (ok) {
        inFlight = null;
        batch.forEach(m -> pending.pollFirst());
        flushed += batch.size();
        backoffMs = 0;
        again = pending.size() >= flushSize || (draining && !pending.isEmpty());
        if (pending.isEmpty() && !drainers.isEmpty()) {
          done = new ArrayList<>(drainers);
          drainers.clear();
        }
      } else {
        failures++;
        backoffMs = backoffMs == 0 ? retryInitialMs : Math.min(retryMaxMs, backoffMs * 2);
        backingOff = true;
        again = false;
        delay = backoffMs;
        vertx.setTimer(delay, id -> retry());
      }
    }
    if (!ok) {
      LOG.warn("event buffer: broker publish failed, retrying in {} ms", delay, cause);
    }
    done.forEach(Promise::tryComplete);
    return again;
  }

  /** After the backoff: publish the same batch again, then carry on. */
  private void retry() {
    List<BrokerMessage> batch;
    synchronized (this) {
      backingOff = false;
      batch = inFlight;
    }
    Future<Void> f = publish(batch);
    f.onComplete(ar -> {
      if (settle(f.succeeded(), f.cause())) {
        flush();
      }
    });
  }

  private void timeOut(Promise<Void> done, Duration timeout) {
    synchronized (this) {
      drainers.remove(done);
    }
    done.tryFail(new TimeoutException("event buffer not drained within " + timeout));
  }
}
