package io.switchboard.core.broker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
 *   <li>Messages leave the buffer only after {@link Broker#publish} of their batch succeeded. On
 *       failure (transient: broker down, nack, timeout) the same batch is retried after {@code
 *       retryInitial}, doubling up to {@code retryMax}, before anything newer is sent (order is
 *       kept; delivery is at-least-once).
 *   <li>Messages the broker reports as {@link Rejected} (it can never take them: issue 7 part 2,
 *       point 1) are dead-lettered: logged at WARN without their body, counted in {@link
 *       #deadLetters}, handed to the {@code deadLetter} callback, and dropped; the rest of their
 *       batch counts as flushed and the buffer carries on. One bad message never wedges it.
 *   <li>Room in the buffer is {@code capacity} messages, pending or {@link #tryReserve reserved}. A
 *       publisher that must not lose a forward reserves a slot before it makes the publication and
 *       fills it after (issue 7 part 2: a check-then-offer races between event loops); {@link
 *       #offer} without a reservation is refused when there is no room. Refused offers are counted
 *       in {@link #refused}. {@link #drain} flushes everything on graceful shutdown.
 * </ul>
 *
 * <p>Thread-safe: {@link #offer} and reservations may be used from any event loop. Never blocks;
 * timers come from {@link Vertx#setTimer}/{@link Vertx#setPeriodic}.
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
  private final Consumer<Rejected> deadLetter;
  private final ArrayDeque<BrokerMessage> pending = new ArrayDeque<>();
  private final List<Promise<Void>> drainers = new ArrayList<>();
  private List<BrokerMessage> inFlight; // the batch being published or retried, or null
  private boolean backingOff;
  private boolean draining;
  private long backoffMs;
  private int reserved;
  private long flushed;
  private long failures;
  private long deadLetters;
  private long refused;

  /**
   * Creates the buffer, with no dead-letter callback (dead letters are still logged and counted),
   * and starts its periodic flush; see the full constructor.
   */
  public EventBuffer(
      Vertx vertx,
      Broker broker,
      Duration flushInterval,
      int flushSize,
      int capacity,
      Duration retryInitial,
      Duration retryMax) {
    this(vertx, broker, flushInterval, flushSize, capacity, retryInitial, retryMax, r -> {});
  }

  /**
   * Creates the buffer and starts its periodic flush (a Vert.x timer: on the caller's context when
   * there is one).
   *
   * @param vertx for timers
   * @param broker where batches go
   * @param flushInterval time between periodic flushes (SPEC default 100 ms); under 1 ms counts as
   *     1 ms
   * @param flushSize flush as soon as this many are pending, and the largest batch (SPEC 1000)
   * @param capacity most messages pending or reserved at once; {@code >= flushSize}
   * @param retryInitial first delay after a failed publish; under 1 ms counts as 1 ms
   * @param retryMax the longest delay between retries; less than {@code retryInitial} counts as
   *     {@code retryInitial}
   * @param deadLetter called once per message the broker rejected for good, after it was logged and
   *     counted, on the thread that completed the publish; e.g. a metric. An exception it throws is
   *     logged and ignored
   * @throws IllegalArgumentException if {@code flushSize < 1} or {@code capacity < flushSize}
   * @throws NullPointerException if {@code vertx}, {@code broker} or {@code deadLetter} is null
   */
  public EventBuffer(
      Vertx vertx,
      Broker broker,
      Duration flushInterval,
      int flushSize,
      int capacity,
      Duration retryInitial,
      Duration retryMax,
      Consumer<Rejected> deadLetter) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.deadLetter = Objects.requireNonNull(deadLetter, "deadLetter");
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
   * Queues a message for the broker without a reservation; when {@code flushSize} are then pending,
   * a flush starts on the caller's thread (it never blocks).
   *
   * @param message the message, not null
   * @return {@code false}, without queuing (counted in {@link #refused}), when {@code capacity}
   *     messages are pending or reserved
   */
  public boolean offer(BrokerMessage message) {
    Objects.requireNonNull(message, "message");
    synchronized (this) {
      if (isFull()) {
        refused++;
        return false;
      }
      pending.addLast(message);
    }
    flushIfDue();
    return true;
  }

  /**
   * Reserves room for one message, to be filled with {@link Reservation#offer} or given back with
   * {@link Reservation#release}.
   *
   * @return empty when {@code capacity} messages are pending or reserved (the caller reports {@code
   *     buffer_full} and does not make the publication)
   */
  public Optional<Reservation> tryReserve() {
    synchronized (this) {
      if (isFull()) {
        return Optional.empty();
      }
      reserved++;
    }
    return Optional.of(new Reservation());
  }

  /** Room for one message, held from {@link #tryReserve} until offered or released. */
  public final class Reservation {
    private boolean used; // guarded by EventBuffer.this

    private Reservation() {}

    /**
     * Queues the message in the reserved room; never refused for lack of room. May start a flush on
     * the caller's thread, as {@link EventBuffer#offer} does.
     *
     * @param message the message, not null
     * @return {@code false}, without queuing (counted in {@link #refused}), when this reservation
     *     was already offered or released
     */
    public boolean offer(BrokerMessage message) {
      Objects.requireNonNull(message, "message");
      synchronized (EventBuffer.this) {
        if (used) {
          refused++;
          return false;
        }
        used = true;
        reserved--;
        pending.addLast(message);
      }
      flushIfDue();
      return true;
    }

    /** Gives the room back unless it was offered; idempotent. */
    public void release() {
      synchronized (EventBuffer.this) {
        if (!used) {
          used = true;
          reserved--;
        }
      }
    }
  }

  /**
   * Flushes everything pending, in batches, without waiting for the interval; the buffer keeps
   * accepting messages (stop offering first).
   *
   * @param timeout how long to wait for the buffer to be empty
   * @return succeeds when nothing is pending; fails with {@link TimeoutException} after {@code
   *     timeout} (e.g. the broker stayed down), the messages staying pending
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

  /** Whether there is no room now: {@code capacity} messages are pending or reserved. */
  public synchronized boolean isFull() {
    return pending.size() + reserved >= capacity;
  }

  /** Messages not yet confirmed by the broker, including the batch in flight (not reservations). */
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

  /** Messages the broker rejected for good and that were dropped, since creation. */
  public synchronized long deadLetters() {
    return deadLetters;
  }

  /**
   * Offers refused since creation: no room, or a reservation used twice (a counter for metrics).
   */
  public synchronized long refused() {
    return refused;
  }

  private void flushIfDue() {
    boolean due;
    synchronized (this) {
      due = pending.size() >= flushSize;
    }
    if (due) {
      flush();
    }
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
      Future<List<Rejected>> f = publish(batch);
      if (!f.isComplete()) {
        f.onComplete(
            ar -> {
              if (settle(f)) {
                flush();
              }
            });
        return;
      }
      if (!settle(f)) {
        return;
      }
    }
  }

  private Future<List<Rejected>> publish(List<BrokerMessage> batch) {
    try {
      return Objects.requireNonNull(broker.publish(batch), "broker returned null");
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Records the result of the in-flight batch; returns whether another flush is due now. */
  private boolean settle(Future<List<Rejected>> f) {
    List<Promise<Void>> done = List.of();
    List<Rejected> rejected = f.succeeded() && f.result() != null ? f.result() : List.of();
    boolean again;
    long delay = 0;
    synchronized (this) {
      List<BrokerMessage> batch = inFlight;
      if (f.succeeded()) {
        inFlight = null;
        batch.forEach(m -> pending.pollFirst());
        flushed += batch.size() - rejected.size();
        deadLetters += rejected.size();
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
    if (f.failed()) {
      LOG.warn("event buffer: broker publish failed, retrying in {} ms", delay, f.cause());
    }
    rejected.forEach(this::deadLettered);
    done.forEach(Promise::tryComplete);
    return again;
  }

  private void deadLettered(Rejected r) {
    BrokerMessage m = r.message();
    LOG.warn(
        "event buffer: dropped a message the broker can never take (exchange '{}', routing key '{}', "
            + "{} body bytes): {}",
        printable(m.exchange()),
        printable(m.routingKey()),
        m.body().length,
        r.reason());
    try {
      deadLetter.accept(r);
    } catch (RuntimeException e) {
      LOG.warn("event buffer: dead-letter callback failed", e);
    }
  }

  /** At most 100 characters, control characters replaced: routing keys can carry client words. */
  private static String printable(String s) {
    String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** After the backoff: publish the same batch again, then carry on. */
  private void retry() {
    List<BrokerMessage> batch;
    synchronized (this) {
      backingOff = false;
      batch = inFlight;
    }
    Future<List<Rejected>> f = publish(batch);
    f.onComplete(
        ar -> {
          if (settle(f)) {
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
