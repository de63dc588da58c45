package io.switchboard.core.memory;

import io.switchboard.core.broker.BrokerMessage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of {@link MemoryBroker}: FIFO, one message in flight at a time (prefetch 1),
 * round-robin over consumers, redelivery of the head on failure, dead-lettering after {@link
 * MemoryBroker#MAX_REDELIVERIES}.
 *
 * <p><b>Threading.</b> A consumer registered from a Vert.x context has its handler run on that
 * context; otherwise the handler runs on the thread that enqueued the message or completed the
 * previous handler future. {@link #pump} is a trampoline: handler futures that complete
 * synchronously do not grow the stack. Guarded by its own monitor.
 */
final class MemoryQueue {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryQueue.class);

  private final String name;
  private final BiConsumer<String, BrokerMessage> deadLetter;
  private final ArrayDeque<BrokerMessage> items = new ArrayDeque<>();
  private final List<Consumer> consumers = new ArrayList<>();
  private int next;
  private int attempts; // failed deliveries of the head
  private boolean inFlight;
  private boolean pumping;
  private boolean pumpAgain;

  MemoryQueue(String name, BiConsumer<String, BrokerMessage> deadLetter) {
    this.name = name;
    this.deadLetter = deadLetter;
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
    synchronized (this) {
      inFlight = false;
      if (ar.succeeded()) {
        items.pollFirst();
        attempts = 0;
      } else if (++attempts > MemoryBroker.MAX_REDELIVERIES) {
        items.pollFirst();
        attempts = 0;
        dead = true;
      }
    }
    if (dead) {
      LOG.warn("queue {}: message dead-lettered after {} deliveries", name, attempts(), ar.cause());
      deadLetter.accept(name, m);
    }
    pump();
  }

  private static int attempts() {
    return 1 + MemoryBroker.MAX_REDELIVERIES;
  }

  private record Consumer(Function<BrokerMessage, Future<Void>> handler, Context context) {}
}
