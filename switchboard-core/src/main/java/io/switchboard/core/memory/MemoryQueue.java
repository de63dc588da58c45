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
 * One queue of {@link MemoryBroker}: FIFO, round-robin over consumers, at most as many messages in
 * flight as the concurrency of the consumer whose turn it is (1 for {@code consume(queue,
 * handler)}: one at a time, in order, as RabbitMQ's prefetch-1 single active consumer; issue 9
 * point 9 for more). Each message in flight is settled on its own: on {@link Undeliverable} it is
 * dead-lettered at once, on any other failure it keeps its slot and is redelivered after its own
 * backoff (doubling from {@code redeliveryInitialMs} up to {@code redeliveryMaxMs}), ahead of the
 * messages still waiting. With concurrency 1 nothing behind it moves meanwhile.
 *
 * <p><b>Threading.</b> A consumer registered from a Vert.x context has its handler run on that
 * context; otherwise the handler runs on the thread that enqueued the message, completed a handler
 * future, or (after a backoff) the JDK's {@link CompletableFuture} delayer thread. {@link #pump} is
 * a trampoline: handler futures that complete synchronously do not grow the stack. Guarded by its
 * own monitor.
 */
final class MemoryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryQueue.class);

  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String name;
  private final BiConsumer<String, BrokerMessage> deadLetter;
  private final long redeliveryInitialMs;
  private final long redeliveryMaxMs;
  private final ArrayDeque<Item> waiting = new ArrayDeque<>();
  private final List<Consumer> consumers = new ArrayList<>();
  private int next;
  private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
  private int inFlight; // handed to a handler and not settled, or waiting out a backoff
  private boolean pumping;

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

  /** Messages waiting and in flight. */
  synchronized int size() {
    return waiting.size() + inFlight;
  }

  synchronized void enqueue(BrokerMessage m) {
    waiting.addLast(new Item(m));
  }

  /**
   * Enqueues, dropping (and logging) the oldest waiting message if {@code capacity} is reached
   * (messages in flight are never dropped).
   */
  synchronized void enqueueDroppingOldest(BrokerMessage m, int capacity) {
    if (size() >= capacity && !waiting.isEmpty()) {
      waiting.pollFirst();
      LOG.warn("queue {} full: dropped its oldest waiting message", name);
    }
    waiting.addLast(new Item(m));
  }

  /**
   * Adds a consumer; returns the action that cancels it (its messages in flight are still settled).
   *
   * @param concurrency the most messages in flight on its turn, at least 1
   */
  Runnable addConsumer(int concurrency, Function<BrokerMessage, Future<Void>> handler) {
    Consumer c = new Consumer(handler, Vertx.currentContext(), concurrency);
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

  /** Delivers waiting messages while the consumer whose turn it is has room; trampolined. */
  void pump() {
    synchronized (this) {
      if (pumping) {
        return; // the pumping thread checks again after its current delivery
      }
      pumping = true;
    }
    while (true) {
      Item item;
      Consumer c;
      synchronized (this) {
        c = consumers.isEmpty() ? null : consumers.get(Math.floorMod(next, consumers.size()));
        if (c == null || waiting.isEmpty() || inFlight >= c.concurrency) {
          pumping = false;
          return;
        }
        next++;
        item = waiting.pollFirst();
        inFlight++;
      }
      try {
        deliver(c, item);
      } catch (Error e) { // the handler's own exceptions are caught in invoke
        synchronized (this) {
          pumping = false;
        }
        throw e;
      }
    }
  }

  private void deliver(Consumer c, Item item) {
    if (c.context == null) {
      invoke(c, item);
    } else {
      c.context.runOnContext(v -> invoke(c, item));
    }
  }

  private void invoke(Consumer c, Item item) {
    Future<Void> f;
    try {
      f = c.handler.apply(item.message);
      f = f == null ? Future.failedFuture("handler returned null") : f;
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> settle(item, ar));
  }

  private void settle(Item item, AsyncResult<Void> ar) {
    if (ar.succeeded() || Undeliverable.isPermanent(ar.cause())) {
      synchronized (this) {
        inFlight--;
      }
      if (ar.failed()) {
        LOG.warn("queue {}: message dead-lettered: {}", name, ar.cause().getMessage());
        deadLetter.accept(name, item.message);
      }
      pump();
      return;
    }
    boolean warn = false;
    long delay;
    int failed;
    synchronized (this) {
      item.failures++;
      item.backoffMs =
          item.backoffMs == 0 ? redeliveryInitialMs : Math.min(redeliveryMaxMs, item.backoffMs * 2);
      delay = item.backoffMs;
      failed = item.failures;
      long now = System.nanoTime();
      if (now - lastWarn >= WARN_EVERY_NANOS) { // rate limit: an outage fails every retry
        lastWarn = now;
        warn = true;
      }
    }
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
        .execute(() -> redeliver(item));
  }

  /**
   * After a backoff: the message goes back to the front, its slot freed at the same moment, so it
   * is the next delivered (to the consumer whose turn it is).
   */
  private void redeliver(Item item) {
    synchronized (this) {
      inFlight--;
      waiting.addFirst(item);
    }
    pump();
  }

  private record Consumer(
      Function<BrokerMessage, Future<Void>> handler, Context context, int concurrency) {}

  /** A message with its own redelivery state; guarded by the queue's monitor. */
  private static final class Item {
    final BrokerMessage message;
    int failures; // transient failures in a row
    long backoffMs;

    Item(BrokerMessage message) {
      this.message = message;
    }
  }
}
