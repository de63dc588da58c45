package io.switchboard.core.memory;

import io.switchboard.core.broker.BrokerMessage;
import io.switchboard.core.broker.Undeliverable;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of {@link MemoryBroker}: FIFO, one message in flight at a time (prefetch 1),
 * round-robin over consumers; on {@link Undeliverable} the head is dead-lettered at once, on any
 * other failure it is redelivered after a backoff (doubling from {@code redeliveryInitialMs} up to
 * {@code redeliveryMaxMs}, reset by the next success or dead letter) and nothing behind it moves
 * meanwhile.
 *
 * <p><b>Threading.</b> A consumer registered from a Vert.x context has its handler run on that
 * context; otherwise the handler runs on the thread that enqueued the message, completed the
 * previous handler future, or (after a backoff) the JDK's {@link CompletableFuture} delayer thread.
 * {@link #pump} is a trampoline: handler futures that complete synchronously do not grow the stack.
 * Guarded by its own monitor.
 */
final class MemoryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryQueue.class);

  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String name;
  private final BiConsumer<String, BrokerMessage> deadLetter;
  private final long redeliveryInitialMs;
  private final long redeliveryMaxMs;
  private final ArrayDeque<BrokerMessage> items = new ArrayDeque<>();
  private final List<Consumer> consumers = new ArrayList<>();
  private int next;
  private int failures; // transient failures of the head in a row
  private long backoffMs;
  private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
  private boolean inFlight; // a handler has the head, or the head waits out a backoff
  private boolean pumping;
  private boolean pumpAgain;

  MemoryQueue(
      String name,
      BiConsumer<String, BrokerMessage> deadLetter,
      long redeliveryInitialMs,
      long redeliveryMaxMs) {
    this.name = name;
    this.deadLetter = deadLetter;
    this.redeliveryInitialMs = redeliveryInitialMs;
    this.redeliveryMaxMs = redeliveryMaxMs;
  }

  String name() {
    return name;
  }

  synchronized int size() {
    return items.size();
  }

  synchronized void enqueue(BrokerMessage m) {
    items.addLast(m);
  }

  /** Enqueues, dropping (and logging) the oldest message if {@code capacity} is reached. */
  synchronized void enqueueDroppingOldest(BrokerMessage m, int capacity) {
    // the head may be in flight: never drop it, drop the next oldest instead
    if (items.size() >= capacity && items.size() > 1) {
      BrokerMessage head = items.pollFirst();
      items.pollFirst();
      items.addFirst(head);
      LOG.warn("queue {} full: dropped its oldest waiting message", name);
    }
    items.addLast(m);
  }

  /** Adds a consumer; returns the action that cancels it. */
  Runnable addConsumer(Function<BrokerMessage, Future<Void>> handler) {
    Consumer c = new Consumer(handler, Vertx.currentContext());
    synchronized (this) {
      consumers.add(c);
    }
    pump();
    return () -> {
      synchronized (this) {
        consumers.remove(c);
      }
    };
  }

  /** Delivers the head to a consumer if none is in flight; loops while handlers finish inline. */
  void pump() {
    while (true) {
      BrokerMessage head;
      Consumer c;
      synchronized (this) {
        if (pumping) {
          pumpAgain = true;
          return;
        }
        if (inFlight || items.isEmpty() || consumers.isEmpty()) {
          return;
        }
        head = items.peekFirst();
        c = consumers.get(Math.floorMod(next++, consumers.size()));
        inFlight = true;
        pumping = true;
        pumpAgain = false;
      }
      deliver(c, head);
      synchronized (this) {
        pumping = false;
        if (!pumpAgain) {
          return;
        }
      }
    }
  }

  private void deliver(Consumer c, BrokerMessage m) {
    if (c.context == null) {
      invoke(c, m);
    } else {
      c.context.runOnContext(v -> invoke(c, m));
    }
  }

  private void invoke(Consumer c, BrokerMessage m) {
    Future<Void> f;
    try {
      f = c.handler.apply(m);
      f = f == null ? Future.failedFuture("handler returned null") : f;
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> settle(m, ar));
  }

  private void settle(BrokerMessage m, AsyncResult<Void> ar) {
    boolean dead = false;
    boolean warn = false;
    long delay = 0;
    int failed;
    synchronized (this) {
      if (ar.succeeded() || Undeliverable.isPermanent(ar.cause())) {
        items.pollFirst();
        inFlight = false;
        dead = ar.failed();
        failures = 0;
        backoffMs = 0;
      } else {
        failures++;
        backoffMs = backoffMs == 0 ? redeliveryInitialMs : Math.min(redeliveryMaxMs, backoffMs * 2);
        delay = backoffMs;
        long now = System.nanoTime();
        if (now - lastWarn >= WARN_EVERY_NANOS) { // rate limit: an outage fails every retry
          lastWarn = now;
          warn = true;
        }
      }
      failed = failures;
    }
    if (dead) {
      LOG.warn("queue {}: message dead-lettered: {}", name, ar.cause().getMessage());
      deadLetter.accept(name, m);
    } else if (delay > 0) {
      if (warn) {
        LOG.warn(
            "queue {}: handler failed {} time(s) in a row, redelivering in {} ms: {}",
            name,
            failed,
            delay,
            ar.cause().toString());
      } else {
        LOG.debug(
            "queue {}: handler failed, redelivering in {} ms: {}",
            name,
            delay,
            ar.cause().toString());
      }
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run)
          .execute(this::redeliver);
      return;
    }
    pump();
  }

  /** After a backoff: the head may be delivered again. */
  private void redeliver() {
    synchronized (this) {
      inFlight = false;
    }
    pump();
  }

  private record Consumer(Function<BrokerMessage, Future<Void>> handler, Context context) {}
}
